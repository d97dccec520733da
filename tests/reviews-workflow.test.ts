import { afterEach, describe, expect, it } from 'vitest';
import { testConfig } from './support/config.ts';
import { type ApiResponse, startHall, type TestHall } from './support/harness.ts';

/**
 * A bad review followed up step by step (SPEC §10): 核实 → 整改 → 反馈 (the citizen reads the
 * reply on the phone page) → 回访, against a deadline in working days that respects the
 * hall's holidays and its 调休 working days; the reports count it.
 */

let h: TestHall;
afterEach(async () => {
  await h?.close();
});

const tokenOf = (statusUrl: string) => new URL(statusUrl).searchParams.get('token')!;

function expectError(r: ApiResponse, status: number, code: string, field?: string): void {
  expect({ status: r.status, code: r.body?.error?.code, ...(field ? { field: r.body?.error?.field } : {}) }).toEqual({ status, code, ...(field ? { field } : {}) });
}

/** Monday to Friday only; Monday 30 Nov and Tuesday 1 Dec off; Saturday 28 Nov worked instead (调休). */
const hall = () =>
  testConfig((c) => {
    c.hall.hours.sat = [];
    c.hall.holidays = ['2026-11-30', '2026-12-01'];
    c.hall.workdays = ['2026-11-28'];
  });

/** A visit on Thursday 26 Nov rated 1 on the phone, with a reason: its review. */
async function badVisit(): Promise<{ ticket: { id: string; statusUrl: string }; manager: string; reviewId: string }> {
  const ticket = (await h.api.issue('company')).body.ticket;
  const clerk = await h.api.openWindow(5);
  await h.api.post('/windows/w5/call-next', {}, clerk);
  h.clock.advance(6 * 60_000);
  await h.api.post('/windows/w5/finish', { outcome: 'rejected', note: '缺公司章程' }, clerk);
  await h.api.post('/windows/w5/sign-out', {}, clerk);
  expect((await h.api.post(`/tickets/${ticket.id}/rating?token=${tokenOf(ticket.statusUrl)}`, { score: 1, reason: '材料要求没有一次告知' })).status).toBe(201);
  const manager = await h.api.login('9001');
  const [review] = (await h.api.get('/reviews?status=open', manager)).body.reviews;
  return { ticket, manager, reviewId: review.id };
}

describe('the bad-review workflow', () => {
  it('goes 核实 → 整改 → 反馈 → 回访 in order, each timestamped and by whom; the citizen reads the reply on the phone page', async () => {
    h = await startHall({ config: hall() });
    const { ticket, manager, reviewId } = await badVisit();
    const open = (await h.api.get('/reviews?status=open', manager)).body.reviews[0];
    // Five working days after Thursday 26: Fri 27, Sat 28 (调休), Wed 2, Thu 3, Fri 4 — Mon 30 and Tue 1 are holidays.
    expect(open).toMatchObject({ dueDate: '2026-12-04', nextStep: 'verify', overdue: false });

    // A manager's login lasts a working day: the follow-up takes several, so each step logs in anew.
    const step = async (body: object) => h.api.post(`/reviews/${reviewId}/steps`, body, await h.api.login('9001'));
    expectError(await step({ step: 'rectify', note: '先整改' }), 409, 'STEP_OUT_OF_ORDER', 'step');
    expectError(await step({ step: 'verify', note: '查看了录像' }), 400, 'INVALID_INPUT', 'valid');
    h.clock.advance(60 * 60_000);
    const verified = await step({ step: 'verify', note: '调取录像，窗口未一次告知材料要求，情况属实', valid: true });
    expect(verified.body.review).toMatchObject({ nextStep: 'rectify', status: 'open', steps: [{ kind: 'verify', by: 'm1', valid: true, at: h.clock.now() }] });
    h.clock.advance(60 * 60_000);
    expect((await step({ step: 'rectify', note: '窗口补充材料清单，组织一次告知培训' })).body.review.nextStep).toBe('reply');

    const phone = await h.socket({ ticketId: ticket.id, ticketToken: tokenOf(ticket.statusUrl) });
    await phone.waitFor('ticket:update');
    h.clock.advance(60 * 60_000);
    const replyText = '您好，经核实，窗口未一次告知材料要求，已整改。下次请携带公司章程原件，可直接到 5 号窗口办理。';
    expect((await step({ step: 'reply', note: replyText })).body.review.nextStep).toBe('revisit');
    const update = await phone.waitFor('ticket:update', (t) => t.reply !== undefined);
    expect(update.reply).toEqual({ text: replyText, at: h.clock.now() });
    const page = await h.api.get(`/tickets/${ticket.id}?token=${tokenOf(ticket.statusUrl)}`);
    expect(page.body.ticket.reply.text).toBe(replyText);

    h.clock.advance(24 * 60 * 60_000);
    const closed = await step({ step: 'revisit', note: '电话回访，群众表示满意', satisfied: true });
    expect(closed.body.review).toMatchObject({ status: 'resolved', nextStep: null, resolvedBy: 'm1', overdue: false });
    expect(closed.body.review.steps.map((s: { kind: string }) => s.kind)).toEqual(['verify', 'rectify', 'reply', 'revisit']);
    expectError(await step({ step: 'revisit', note: '再次回访', satisfied: true }), 409, 'ALREADY_RESOLVED');

    const report = (await h.api.get('/reports/summary?from=2026-11-26&to=2026-11-26', await h.api.login('9001'))).body.reviews;
    expect(report).toEqual({ badReviews: 1, resolved: 1, resolvedOnTime: 1, onTimeRate: 1, overdue: 0, revisited: 1, revisitSatisfied: 1, revisitSatisfaction: 1 });
  });

  it('an unfounded complaint needs no 整改; a review past its due date is overdue and counts so', async () => {
    h = await startHall({ config: hall() });
    const { reviewId } = await badVisit();
    const step = async (body: object) => h.api.post(`/reviews/${reviewId}/steps`, body, await h.api.login('9001'));
    expect((await step({ step: 'verify', note: '调取录像，窗口已告知，投诉不属实', valid: false })).body.review.nextStep).toBe('reply');
    expectError(await step({ step: 'rectify', note: '整改' }), 409, 'STEP_OUT_OF_ORDER');
    // Saturday 5 December: the due date (Friday 4) has passed.
    h.clock.set('2026-12-05T10:00:00+08:00');
    expect((await h.api.get('/reviews?status=open', await h.api.login('9001'))).body.reviews[0]).toMatchObject({ overdue: true });
    await step({ step: 'reply', note: '经核实窗口已告知材料要求' });
    await step({ step: 'revisit', note: '群众不满意', satisfied: false });
    const report = (await h.api.get('/reports/summary?from=2026-11-26&to=2026-11-26', await h.api.login('9001'))).body.reviews;
    expect(report).toMatchObject({ badReviews: 1, resolved: 1, resolvedOnTime: 0, onTimeRate: 0, overdue: 1, revisited: 1, revisitSatisfied: 0, revisitSatisfaction: 0 });
  });
});
