import { Router } from 'express';
import { z } from 'zod';
import { requireStaff } from '../guards.ts';
import { ticketId } from '../params.ts';
import { parse } from '../validate.ts';
import type { HallEngine } from '../../hall/engine.ts';

const listQuery = z.object({ status: z.enum(['pending']).default('pending') });
const completeBody = z.object({ note: z.string().trim().max(500).optional() });
const caseParams = z.object({ ticketId });

/** 受理 cases waiting to be completed (办结) by the clerk's department; a manager's too are their department's. */
export function caseRoutes(engine: HallEngine): Router {
  const r = Router();
  r.get('/cases', (req, res) => {
    const staff = requireStaff(req);
    parse(listQuery, req.query, 'status');
    const cases = Object.values(engine.data.cases)
      .filter((c) => c.departmentId === staff.departmentId)
      .sort((a, b) => a.acceptedAt - b.acceptedAt);
    res.json({ cases });
  });
  r.post('/cases/:ticketId/complete', async (req, res) => {
    const staff = requireStaff(req);
    const { ticketId: id } = parse(caseParams, req.params, 'ticketId');
    const { note } = parse(completeBody, req.body);
    const completion = await engine.completeCase(id, staff, note);
    res.json({ completion });
  });
  return r;
}
