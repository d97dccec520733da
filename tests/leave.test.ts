import { afterEach, describe, expect, it } from 'vitest';
import { type ApiResponse, startHall, type TestHall } from './support/harness.ts';

/** Leave (请假, SPEC §12): requested by a clerk, decided by a manager; approved days are not absences. */

let h: TestHall;
afterEach(async () => {
  await h?.close();
});

function expectError(r: ApiResponse, status: number, code: string, field?: string): void {
  expect({ status: r.status, code: r.body?.error?.code, ...(field ? { field: r.body?.error?.field } : {}) }).toEqual({ status, code, ...(field ? { field } : {}) });
}

describe('leave', () => {
  it('is requested, approved or refused; approved days leave the absences and show in their own column, also in the bulletin', async () => {
    h = await startHall(); // Thursday 26 November 2026, 10:00
    const clerk = await h.api.openWindow(5);
    const manager = await h.api.login('9001');
    const week = '/reports/attendance?from=2026-11-23&to=2026-11-26';
    const c5 = async () => (await h.api.get(week, manager)).body.clerks.find((c: { staffId: string }) => c.staffId === 'c5');
    // Signed in on Thursday only: Monday to Wednesday absent.
    expect(await c5()).toMatchObject({ workingDays: 4, presentDays: 1, absentDays: 3, leaveDays: 0 });

    const sick = await h.api.post('/leave', { kind: 'sick', dates: ['2026-11-25', '2026-11-24'], note: '发烧' }, clerk);
    expect(sick.status).toBe(201);
    expect(sick.body.leave).toMatchObject({ staffId: 'c5', staffName: '窗口员5', kind: 'sick', dates: ['2026-11-24', '2026-11-25'], status: 'pending' });
    expectError(await h.api.post('/leave', { kind: 'personal', dates: ['2026-11-25'] }, clerk), 409, 'LEAVE_OVERLAP', 'dates');
    expectError(await h.api.post('/leave', { kind: 'personal', dates: ['2026-11-31'] }, clerk), 400, 'INVALID_INPUT', 'dates[0]');
    expectError(await h.api.post('/leave', { kind: 'holiday', dates: ['2026-11-23'] }, clerk), 400, 'INVALID_INPUT', 'kind');
    h.clock.advance(60_000);
    const personal = await h.api.post('/leave', { kind: 'personal', dates: ['2026-11-23'] }, clerk);
    expect(personal.status).toBe(201);
    // Pending leave changes nothing yet.
    expect(await c5()).toMatchObject({ absentDays: 3, leaveDays: 0 });

    expect((await h.api.get('/leave', clerk)).body.leave).toHaveLength(2);
    expect((await h.api.get('/leave?status=pending', manager)).body.leave.map((l: { kind: string }) => l.kind)).toEqual(['personal', 'sick']);
    expectError(await h.api.post(`/leave/${sick.body.leave.id}/decide`, { approve: true }, clerk), 403, 'WRONG_ROLE');
    expect((await h.api.post(`/leave/${sick.body.leave.id}/decide`, { approve: true }, manager)).body.leave).toMatchObject({ status: 'approved', decidedBy: 'm1' });
    expect((await h.api.post(`/leave/${personal.body.leave.id}/decide`, { approve: false, note: '窗口人手不足' }, manager)).body.leave).toMatchObject({ status: 'refused', decisionNote: '窗口人手不足' });
    expectError(await h.api.post(`/leave/${personal.body.leave.id}/decide`, { approve: true }, manager), 409, 'ALREADY_DECIDED');
    expectError(await h.api.post(`/leave/${personal.body.leave.id}/cancel`, {}, clerk), 409, 'ALREADY_DECIDED');

    // Tuesday and Wednesday on approved sick leave: one absence left (Monday, refused).
    expect(await c5()).toMatchObject({ presentDays: 1, leaveDays: 2, leaveByKind: { sick: 2, personal: 0, annual: 0, business: 0 }, absentDays: 1 });
    const bulletin = (await h.api.get('/reports/bulletin?from=2026-11-23&to=2026-11-26&format=json', manager)).body.bulletin;
    const problems = bulletin.sections[2].paragraphs.join('');
    expect(problems).toContain('窗口员5（市场监督管理局，1天）');

    // Kept across a restart.
    await h.stop();
    h = await startHall({ dataDir: h.dataDir, clock: h.clock });
    expect((await h.api.get('/leave?status=decided', await h.api.login('9001'))).body.leave).toHaveLength(2);
  });
});
