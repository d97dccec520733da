import type { StaffConfig } from '../config-schema.ts';
import { fail } from '../errors.ts';
import { own } from '../records.ts';
import type { LeaveKind, LeaveRequest } from '../types.ts';
import type { Draft } from './draft.ts';

/** Leave (请假, SPEC §12): a clerk asks for dates, a manager approves or refuses; approved days are not absences. */

const holds = (l: LeaveRequest) => l.status === 'pending' || l.status === 'approved';

export function requestLeave(d: Draft, staff: StaffConfig, input: { kind: LeaveKind; dates: string[]; note?: string }): LeaveRequest {
  const dates = [...new Set(input.dates)].sort();
  const taken = new Set(Object.values(d.model.data.leave).filter((l) => l.staffId === staff.id && holds(l)).flatMap((l) => l.dates));
  const clash = dates.filter((x) => taken.has(x));
  if (clash.length > 0) fail('LEAVE_OVERLAP', `${clash.join('、')} 已有待审批或已批准的请假`, 'dates');
  const id = d.ids.id('lv');
  const leave: LeaveRequest = { id, staffId: staff.id, kind: input.kind, dates, ...(input.note ? { note: input.note } : {}), status: 'pending', requestedAt: d.now };
  d.put('leave', id, leave);
  return leave;
}

export function decideLeave(d: Draft, id: string, manager: StaffConfig, approve: boolean, note?: string): LeaveRequest {
  const l = own(d.model.data.leave, id) ?? fail('LEAVE_NOT_FOUND');
  if (l.status !== 'pending') fail('ALREADY_DECIDED');
  const next: LeaveRequest = { ...l, status: approve ? 'approved' : 'refused', decidedAt: d.now, decidedBy: manager.id, ...(note ? { decisionNote: note } : {}) };
  d.put('leave', id, next);
  return next;
}

export function cancelLeave(d: Draft, id: string, staff: StaffConfig): LeaveRequest {
  const l = own(d.model.data.leave, id);
  if (!l || l.staffId !== staff.id) fail('LEAVE_NOT_FOUND');
  if (l.status !== 'pending') fail('ALREADY_DECIDED');
  const next: LeaveRequest = { ...l, status: 'cancelled', decidedAt: d.now };
  d.put('leave', id, next);
  return next;
}
