import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../errors.ts';
import type { Case } from '../types.ts';
import { completeCase } from './cases.ts';
import { changeList, expectRefused, makeDraft, min, NOW, refusal, staff } from './fixture.ts';

/** A 受理 of an earlier business date, pending at scjg. */
const pending: Case = {
  ticketId: '20261124-a007',
  visitId: 'v-7',
  number: 'A007',
  serviceId: 'company',
  departmentId: 'scjg',
  windowId: 'w1',
  businessDate: '2026-11-24',
  acceptedAt: Date.parse('2026-11-24T10:00:00+08:00'),
  acceptedBy: 'c1',
  note: '材料待补',
};

describe('completeCase', () => {
  it.each<{ name: string; staffId: string; note: string | undefined }>([
    { name: 'by the clerk who accepted it, with a note', staffId: 'c1', note: '已发照' },
    { name: 'by another clerk of the department, without a note', staffId: 'c2', note: undefined },
    { name: 'by a manager of the department, empty note', staffId: 'm1', note: '' },
  ])('$name: the case goes, a completion is kept', ({ staffId, note }) => {
    const d = makeDraft({ cases: [pending] });
    const done = completeCase(d, pending.ticketId, staff(staffId), note, false);
    expect(done).toEqual({
      id: 'cc-1',
      ticketId: pending.ticketId,
      visitId: 'v-7',
      number: 'A007',
      serviceId: 'company',
      departmentId: 'scjg',
      acceptedDate: '2026-11-24',
      acceptedAt: pending.acceptedAt,
      completedAt: NOW,
      completedBy: staffId,
      ...(note ? { note } : {}),
    });
    if (!note) expect(done).not.toHaveProperty('note');
    expect(changeList(d)).toEqual([`-cases ${pending.ticketId}`, '+caseCompletions cc-1']);
    expect(d.changes[0]).toEqual({ c: 'cases', id: pending.ticketId, v: null });
    expect(d.changes[1]).toEqual({ c: 'caseCompletions', id: 'cc-1', v: done });
    expect(d.model.data.cases[pending.ticketId]).toBeUndefined();
    expect(d.events).toEqual([]);
  });

  it.each<{ name: string; cases: Case[]; ticketId?: string; staffId?: string; completedBefore?: boolean; code: ErrorCode }>([
    { name: 'no such case → CASE_NOT_FOUND', cases: [pending], ticketId: '20261124-a008', code: 'CASE_NOT_FOUND' },
    { name: 'none pending, completed before (the caller found it) → CASE_ALREADY_COMPLETED', cases: [], completedBefore: true, code: 'CASE_ALREADY_COMPLETED' },
    { name: 'an inherited property name → CASE_NOT_FOUND', cases: [pending], ticketId: 'toString', code: 'CASE_NOT_FOUND' },
    { name: 'a clerk of another department → FORBIDDEN', cases: [pending], staffId: 'c3', code: 'FORBIDDEN' },
    { name: 'a clerk allowed at the window by name, of another department → FORBIDDEN', cases: [{ ...pending, windowId: 'w5' }], staffId: 'c3', code: 'FORBIDDEN' },
  ])('$name', ({ cases, ticketId = pending.ticketId, staffId = 'c1', completedBefore = false, code }) => {
    const d = makeDraft({ cases });
    expectRefused(d, () => completeCase(d, ticketId, staff(staffId), undefined, completedBefore), code);
  });

  it('a case still pending is completed even when the caller thought it done: the flag only words the refusal', () => {
    const d = makeDraft({ cases: [pending] });
    expect(completeCase(d, pending.ticketId, staff('c2'), undefined, true).id).toBe('cc-1');
  });

  it('completed twice in one draft: the second → CASE_ALREADY_COMPLETED when the caller says so', () => {
    const d = makeDraft({ cases: [pending] }, { now: min(90) });
    completeCase(d, pending.ticketId, staff('c1'), undefined, false);
    const n = d.changes.length;
    expect(refusal(() => completeCase(d, pending.ticketId, staff('c1'), undefined, true))).toBe('CASE_ALREADY_COMPLETED');
    expect(d.changes).toHaveLength(n);
  });

  it('a case of ga is completed by ga, and other cases stay pending', () => {
    const ga: Case = { ...pending, ticketId: '20261125-c001', number: 'C001', serviceId: 'household', departmentId: 'ga', windowId: 'w3', businessDate: '2026-11-25' };
    const d = makeDraft({ cases: [pending, ga] });
    expect(completeCase(d, ga.ticketId, staff('c6'), undefined, false)).toMatchObject({ departmentId: 'ga', acceptedDate: '2026-11-25', completedBy: 'c6' });
    expect(Object.keys(d.model.data.cases)).toEqual([pending.ticketId]);
  });
});
