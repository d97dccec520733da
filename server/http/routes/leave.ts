import { Router } from 'express';
import { z } from 'zod';
import { isManager } from '../../../shared/config-schema.ts';
import { cancelLeave, decideLeave, requestLeave } from '../../../shared/decide/leave.ts';
import { LEAVE_KINDS, type LeaveRequest } from '../../../shared/types.ts';
import type { HallEngine } from '../../hall/engine.ts';
import { requireStaff } from '../guards.ts';
import { businessDateParam, recordId } from '../params.ts';
import { parse } from '../validate.ts';

/** Leave (请假, SPEC §12): clerks ask for dates, managers approve or refuse. */

const requestBody = z.object({
  kind: z.enum(LEAVE_KINDS),
  dates: z.array(businessDateParam).min(1, '请选择请假日期').max(31, '一次最多 31 天'),
  note: z.string().trim().max(200).optional(),
});
const decideBody = z.object({ approve: z.boolean(), note: z.string().trim().max(200).optional() });
const listQuery = z.object({ status: z.enum(['pending', 'decided', 'all']).default('all') });
const idParams = z.object({ id: recordId('lv') });

export function leaveRoutes(engine: HallEngine): Router {
  const r = Router();
  const view = (l: LeaveRequest) => {
    const staff = engine.model.staff(l.staffId);
    return { ...l, staffName: staff?.name ?? l.staffId, ...(staff ? { staffNo: staff.staffNo, departmentId: staff.departmentId } : {}) };
  };

  r.post('/leave', async (req, res) => {
    const staff = requireStaff(req);
    const input = parse(requestBody, req.body);
    const leave = await engine.run((d) => requestLeave(d, staff, { kind: input.kind, dates: input.dates, ...(input.note ? { note: input.note } : {}) }));
    res.status(201).json({ leave: view(leave) });
  });

  /** A clerk's own requests; a manager's, everyone's (pending, decided or all). */
  r.get('/leave', (req, res) => {
    const staff = requireStaff(req);
    const { status } = parse(listQuery, req.query, 'status');
    const all = Object.values(engine.data.leave).sort((a, b) => b.requestedAt - a.requestedAt || (a.id < b.id ? 1 : -1));
    const list = isManager(staff) ? all.filter((l) => status === 'all' || (status === 'pending') === (l.status === 'pending')) : all.filter((l) => l.staffId === staff.id);
    res.json({ leave: list.map(view) });
  });

  r.post('/leave/:id/decide', async (req, res) => {
    const manager = requireStaff(req, 'manager');
    const { id } = parse(idParams, req.params, 'id');
    const { approve, note } = parse(decideBody, req.body);
    res.json({ leave: view(await engine.run((d) => decideLeave(d, id, manager, approve, note))) });
  });

  r.post('/leave/:id/cancel', async (req, res) => {
    const staff = requireStaff(req);
    const { id } = parse(idParams, req.params, 'id');
    res.json({ leave: view(await engine.run((d) => cancelLeave(d, id, staff))) });
  });

  return r;
}
