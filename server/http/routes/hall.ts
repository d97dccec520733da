import { Router } from 'express';
import { hallView } from '../../../shared/views.ts';
import type { HallEngine } from '../../hall/engine.ts';

export const VERSION = '0.1.0';

export function hallRoutes(engine: HallEngine): Router {
  const r = Router();
  r.get('/health', async (_req, res) => {
    await engine.ensureBusinessDate().catch(() => undefined);
    if (engine.storeDown) res.status(503).json({ ok: false, role: 'active', version: VERSION, storage: 'unavailable', businessDate: engine.data.meta.businessDate });
    else res.json({ ok: true, role: 'active', version: VERSION, storage: 'ok', businessDate: engine.data.meta.businessDate });
  });
  r.get('/hall', async (_req, res) => {
    await engine.ensureBusinessDate();
    res.json(hallView(engine.model, engine.now()));
  });
  return r;
}
