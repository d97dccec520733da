import { Router } from 'express';
import { z } from 'zod';
import { requireStaff } from '../guards.ts';
import { parse } from '../validate.ts';
import type { HallEngine } from '../../hall/engine.ts';

const listQuery = z.object({ status: z.enum(['pending']).default('pending') });
const completeBody = z.object({ note: z.string().trim().max(500).optional() });

/** 受理 cases waiting to be completed (办结) by the clerk's department. */
export function caseRoutes(engine: HallEngine): Router {
  const r = Router();
  r.get('/cases', (req, res) => {
    const staff = requireStaff(req);
    parse(listQuery, req.query, 'status');
    const cases = Object.values(engine.data.cases)
      .filter((c) => staff.role === 'manager' || c.departmentId === staff.departmentId)
      .sort((a, b) => a.acceptedAt - b.acceptedAt);
    res.json({ cases });
  });
  r.post('/cases/:ticketId/complete', async (req, res) => {
    const staff = requireStaff(req);
    const { note } = parse(completeBody, req.body);
    const completion = await engine.completeCase(String(req.params.ticketId), staff, note);
    res.json({ completion });
  });
  return r;
}
