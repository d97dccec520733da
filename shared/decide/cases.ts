import type { StaffConfig } from '../config-schema.ts';
import { fail } from '../errors.ts';
import { own } from '../records.ts';
import type { CaseCompletion } from '../types.ts';
import type { Draft } from './draft.ts';

/**
 * Complete (办结) a 受理 case of the staff member's department. `completedBefore` says the
 * case is not pending because it was completed already (today or on a closed day), which
 * the caller looked up, so the refusal says so.
 */
export function completeCase(d: Draft, ticketId: string, staff: StaffConfig, note: string | undefined, completedBefore: boolean): CaseCompletion {
  const c = own(d.model.data.cases, ticketId) ?? fail(completedBefore ? 'CASE_ALREADY_COMPLETED' : 'CASE_NOT_FOUND');
  if (c.departmentId !== staff.departmentId) fail('FORBIDDEN', '只能办结本部门的件');
  const completion: CaseCompletion = {
    id: d.ids.id('cc'),
    ticketId: c.ticketId,
    visitId: c.visitId,
    number: c.number,
    serviceId: c.serviceId,
    departmentId: c.departmentId,
    acceptedDate: c.businessDate,
    acceptedAt: c.acceptedAt,
    completedAt: d.now,
    completedBy: staff.id,
    ...(note ? { note } : {}),
  };
  d.put('cases', ticketId, null);
  d.put('caseCompletions', completion.id, completion);
  return completion;
}
