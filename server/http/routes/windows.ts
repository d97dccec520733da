import { Router } from 'express';
import { z } from 'zod';
import { fail } from '../../../shared/errors.ts';
import { OUTCOMES, PAUSE_REASONS, type Ticket } from '../../../shared/types.ts';
import { staffTicketView, windowView } from '../../../shared/views.ts';
import type { HallEngine } from '../../hall/engine.ts';
import { windowSnapshot } from '../../hall/window-snapshot.ts';
import { requireDevice, requireStaff } from '../guards.ts';
import { parse } from '../validate.ts';

const number = z.string().trim().toUpperCase().regex(/^[A-Z]{1,2}\d{3,}$/, 'must be a ticket number such as "A001"');
const numberBody = z.object({ number });
const pauseBody = z.object({ reason: z.enum(PAUSE_REASONS) });
const finishBody = z.object({ outcome: z.enum(OUTCOMES), note: z.string().trim().max(500).optional() });
const transferBody = z.union([z.object({ serviceId: z.string().min(1).max(64) }).strict(), z.object({ windowId: z.string().min(1).max(64) }).strict()], {
  error: 'give either serviceId or windowId',
});
const ratingBody = z.object({
  visitId: z.string().min(1).max(80),
  score: z.number().int().min(1).max(5),
  reason: z.string().trim().min(1).max(200).optional(),
});

/** The clerk's actions at a window, and the window pad's rating. */
export function windowRoutes(engine: HallEngine): Router {
  const r = Router();
  const ticket = (t: Ticket | null) => ({ ticket: t ? staffTicketView(t) : null });
  const windowOut = (id: string) => ({ window: windowView(engine.model, id) });

  r.get('/windows/:id', (req, res) => {
    const id = String(req.params.id);
    if (!engine.model.windowConfig(id)) fail('UNKNOWN_WINDOW');
    const who = req.identity;
    if (!who) fail('UNAUTHENTICATED');
    if (who.kind === 'device' && !(who.device.kind === 'window-display' && who.device.windowId === id)) fail('FORBIDDEN');
    res.json(windowSnapshot(engine, id));
  });

  r.post('/windows/:id/sign-in', async (req, res) => {
    const staff = requireStaff(req);
    await engine.signIn(String(req.params.id), staff);
    res.json(windowOut(String(req.params.id)));
  });
  r.post('/windows/:id/sign-out', async (req, res) => {
    const staff = requireStaff(req);
    await engine.signOut(String(req.params.id), staff);
    res.json(windowOut(String(req.params.id)));
  });
  r.post('/windows/:id/pause', async (req, res) => {
    const staff = requireStaff(req);
    const { reason } = parse(pauseBody, req.body);
    await engine.pause(String(req.params.id), staff, reason);
    res.json(windowOut(String(req.params.id)));
  });
  r.post('/windows/:id/resume', async (req, res) => {
    const staff = requireStaff(req);
    await engine.resume(String(req.params.id), staff);
    res.json(windowOut(String(req.params.id)));
  });

  r.post('/windows/:id/call-next', async (req, res) => {
    const staff = requireStaff(req);
    res.json(ticket(await engine.callNext(String(req.params.id), staff)));
  });
  r.post('/windows/:id/call', async (req, res) => {
    const staff = requireStaff(req);
    const body = parse(numberBody, req.body);
    res.json(ticket(await engine.callNumber(String(req.params.id), staff, body.number)));
  });
  r.post('/windows/:id/requeue', async (req, res) => {
    const staff = requireStaff(req);
    const body = parse(numberBody, req.body);
    res.json(ticket(await engine.requeue(String(req.params.id), staff, body.number)));
  });
  r.post('/windows/:id/recall', async (req, res) => {
    res.json(ticket(await engine.recall(String(req.params.id), requireStaff(req))));
  });
  r.post('/windows/:id/start', async (req, res) => {
    res.json(ticket(await engine.start(String(req.params.id), requireStaff(req))));
  });
  r.post('/windows/:id/no-show', async (req, res) => {
    res.json(ticket(await engine.noShow(String(req.params.id), requireStaff(req))));
  });
  r.post('/windows/:id/finish', async (req, res) => {
    const staff = requireStaff(req);
    const { outcome, note } = parse(finishBody, req.body);
    res.json(ticket(await engine.finish(String(req.params.id), staff, outcome, note)));
  });
  r.post('/windows/:id/transfer', async (req, res) => {
    const staff = requireStaff(req);
    const to = parse(transferBody, req.body);
    res.json(ticket(await engine.transfer(String(req.params.id), staff, to)));
  });

  r.post('/windows/:id/rating', async (req, res) => {
    const device = requireDevice(req, 'window-display');
    const id = String(req.params.id);
    if (device.windowId !== id) fail('FORBIDDEN', '这块评价屏不属于该窗口');
    const { visitId, score, reason } = parse(ratingBody, req.body);
    const visit = await engine.rateFromPad(id, visitId, score as 1 | 2 | 3 | 4 | 5, reason);
    res.status(201).json({ rating: { visitId: visit.id, ...visit.rating } });
  });

  return r;
}
