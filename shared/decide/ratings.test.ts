import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../errors.ts';
import type { Score } from '../ratings.ts';
import type { Review, Ticket } from '../types.ts';
import type { Draft } from './draft.ts';
import { calledTicket, changeList, endedTicket, expectRefused, makeConfig, makeDraft, makeModel, makeTicket, makeVisit, min, type Records, refusal, signedIn, staff } from './fixture.ts';
import { openRatingRequest, rateClosedVisit, rateFromPad, rateFromPhone } from './ratings.ts';

/** The default `ratings.padSeconds`. */
const PAD_MS = 60_000;
import { resolveReview } from './reviews.ts';

/** A001 was served at w1 by c1; the visit v-1 ended at `ENDED`. */
const ENDED = min(5);
const served = endedTicket();
const hall = (extra: Records = {}): Records => ({ windows: [signedIn('w1', 'c1')], tickets: [served], ...extra });

describe('rateFromPhone', () => {
  it.each<{ score: Score; reason: string | undefined }>([
    { score: 5, reason: undefined },
    { score: 4, reason: undefined },
    { score: 3, reason: undefined },
    { score: 3, reason: '还行' },
  ])('score $score, reason $reason: the visit is rated, no review', ({ score, reason }) => {
    const d = makeDraft(hall(), { now: ENDED + 3_600_000 });
    const v = rateFromPhone(d, served.id, score, reason);
    const rating = { score, ...(reason ? { reason } : {}), at: ENDED + 3_600_000, source: 'phone' };
    expect(v).toEqual({ ...served.visits[0], rating });
    expect(changeList(d)).toEqual([`~tickets ${served.id}`]);
    // The update carries only the rating, not the whole ticket.
    expect(d.changes[0]).toMatchObject({ patch: { set: { 'visits.0.rating': rating } } });
    expect(Object.keys(d.changes[0].v!)).toEqual(Object.keys(served));
    expect(d.events).toEqual([
      { type: 'ticket', before: served, after: { ...served, visits: [v] } },
      { type: 'rating-closed', windowId: 'w1', visitId: 'v-1' },
    ]);
  });

  it.each<{ name: string; tickets: Ticket[]; ticketId?: string; score?: Score; reason?: string; code: ErrorCode }>([
    { name: 'a bad rating (1) without a reason → INVALID_INPUT', tickets: [served], score: 1, code: 'INVALID_INPUT' },
    { name: 'a bad rating (2) with an empty reason → INVALID_INPUT', tickets: [served], score: 2, reason: '', code: 'INVALID_INPUT' },
    { name: 'an unknown ticket → TICKET_NOT_FOUND', tickets: [served], ticketId: '20261126-zzz', code: 'TICKET_NOT_FOUND' },
    { name: 'an inherited property name is no ticket → TICKET_NOT_FOUND', tickets: [served], ticketId: 'constructor', code: 'TICKET_NOT_FOUND' },
    { name: 'never called → NOTHING_TO_RATE', tickets: [makeTicket()], code: 'NOTHING_TO_RATE' },
    { name: 'called, not ended → NOTHING_TO_RATE', tickets: [calledTicket()], code: 'NOTHING_TO_RATE' },
    { name: 'a no-show → NOTHING_TO_RATE', tickets: [endedTicket({}, { end: 'no_show', startedAt: undefined })], code: 'NOTHING_TO_RATE' },
    { name: 'closed with the day → NOTHING_TO_RATE', tickets: [endedTicket({}, { end: 'day_closed' })], code: 'NOTHING_TO_RATE' },
    {
      name: 'already rated → ALREADY_RATED',
      tickets: [endedTicket({}, { rating: { score: 4, at: min(6), source: 'window-pad' } })],
      score: 5,
      code: 'ALREADY_RATED',
    },
    {
      name: 'already rated, even a bad rating without reason → ALREADY_RATED first',
      tickets: [endedTicket({}, { rating: { score: 4, at: min(6), source: 'window-pad' } })],
      score: 1,
      code: 'ALREADY_RATED',
    },
  ])('$name', ({ tickets, ticketId = served.id, score = 1, reason, code }) => {
    const d = makeDraft({ tickets });
    expectRefused(d, () => rateFromPhone(d, ticketId, score, reason), code);
  });

  it('a transferred ticket now called elsewhere rates the visit that ended', () => {
    const first = makeVisit({ id: 'v-1', windowId: 'w1', endedAt: min(5), end: 'transferred' });
    const second = makeVisit({ id: 'v-2', windowId: 'w2', staffId: 'c2', calledAt: min(7), lastCalledAt: min(7) });
    const t = makeTicket({ status: 'called', visits: [first, second], targetWindowId: 'w2' });
    const d = makeDraft({ tickets: [t] });
    const v = rateFromPhone(d, t.id, 4, undefined);
    expect(v.id).toBe('v-1');
    expect(d.model.data.tickets[t.id].visits.map((x) => x.rating?.score)).toEqual([4, undefined]);
    expect(d.changes[0]).toMatchObject({ patch: { set: { 'visits.0.rating': { score: 4, source: 'phone' } } } });
    expect(d.events[1]).toEqual({ type: 'rating-closed', windowId: 'w1', visitId: 'v-1' });
  });
  it('a page that names a visit the ticket has moved past is refused; the newer visit stays unrated', () => {
    const first = makeVisit({ id: 'v-1', windowId: 'w1', endedAt: min(5), end: 'transferred' });
    const second = makeVisit({ id: 'v-2', windowId: 'w2', staffId: 'c2', calledAt: min(7), lastCalledAt: min(7), startedAt: min(8), endedAt: min(12), end: 'completed' });
    const t = makeTicket({ status: 'done', visits: [first, second] });
    const stale = makeDraft({ tickets: [t] });
    expectRefused(stale, () => rateFromPhone(stale, t.id, 4, undefined, 'v-1'), 'NOTHING_TO_RATE');
    expect(() => rateFromPhone(stale, t.id, 4, undefined, 'v-1')).toThrow(expect.objectContaining({ field: 'visitId' }));
    const d = makeDraft({ tickets: [t] });
    expect(rateFromPhone(d, t.id, 4, undefined, 'v-2').id).toBe('v-2');

    // The same once the day has closed: the late rating names the visit too.
    const late = makeDraft({}, { now: min(12) + 86_400_000 });
    expectRefused(late, () => rateClosedVisit(late, t, 4, undefined, 'v-1'), 'NOTHING_TO_RATE');
    expect(rateClosedVisit(late, t, 4, undefined, 'v-2').id).toBe('v-2');
    expect(changeList(late)).toContain('+lateRatings v-2');
  });
});

describe('a bad rating opens a review', () => {
  it.each<{ score: 1 | 2; source: 'phone' | 'pad' }>([
    { score: 1, source: 'phone' },
    { score: 2, source: 'phone' },
    { score: 1, source: 'pad' },
    { score: 2, source: 'pad' },
  ])('score $score from the $source', ({ score, source }) => {
    const now = ENDED + 30_000;
    const d = makeDraft(hall(), { now });
    if (source === 'phone') rateFromPhone(d, served.id, score, '等候时间太长');
    else rateFromPad(d, 'w1', 'v-1', score, '等候时间太长');
    expect(changeList(d)).toEqual([`~tickets ${served.id}`, '+reviews rv-1']);
    const review: Review = {
      id: 'rv-1',
      ticketId: served.id,
      visitId: 'v-1',
      number: 'A001',
      businessDate: '2026-11-26',
      departmentId: 'scjg',
      serviceId: 'company',
      windowId: 'w1',
      staffId: 'c1',
      score,
      reason: '等候时间太长',
      channel: source === 'pad' ? 'window-pad' : 'phone',
      createdAt: now,
      // Thursday + 5 working days: Fri, Mon, Tue, Wed, Thu.
      dueDate: '2026-12-03',
      status: 'open',
    };
    expect(d.changes[1]).toEqual({ c: 'reviews', id: 'rv-1', v: review });
    expect(d.events.map((e) => e.type)).toEqual(['ticket', 'rating-closed']);
  });

  it.each<{ name: string; date: string; days: number; holidays: string[]; due: string }>([
    { name: 'Thursday + 5', date: '2026-11-26', days: 5, holidays: [], due: '2026-12-03' },
    { name: 'Thursday + 5, a Monday holiday skipped', date: '2026-11-26', days: 5, holidays: ['2026-11-30'], due: '2026-12-04' },
    { name: 'Thursday + 1', date: '2026-11-26', days: 1, holidays: [], due: '2026-11-27' },
    { name: 'Friday + 1: over the weekend', date: '2026-11-27', days: 1, holidays: [], due: '2026-11-30' },
    { name: 'Friday + 1: over the weekend and a Monday holiday', date: '2026-11-27', days: 1, holidays: ['2026-11-30'], due: '2026-12-01' },
    { name: 'Thursday + 10', date: '2026-11-26', days: 10, holidays: [], due: '2026-12-10' },
  ])('due N working days after the visit’s date: $name → $due', ({ date, days, holidays, due }) => {
    const base = makeConfig();
    const cfg = makeConfig({ hall: { ...base.hall, holidays }, reviews: { deadlineWorkingDays: days } });
    const t = endedTicket({ businessDate: date });
    const d = makeDraft({ tickets: [t] }, { config: cfg });
    rateFromPhone(d, t.id, 1, '服务态度不好');
    expect(d.model.data.reviews['rv-1'].dueDate).toBe(due);
  });

  it('a transferred visit is reviewed for its own window, clerk and department', () => {
    const first = makeVisit({ id: 'v-1', windowId: 'w3', staffId: 'c3', serviceId: 'household', departmentId: 'ga', endedAt: min(5), end: 'transferred' });
    const t = makeTicket({ serviceId: 'company', issuedServiceId: 'household', number: 'C001', prefix: 'C', visits: [first] });
    const d = makeDraft({ tickets: [t] });
    rateFromPhone(d, t.id, 2, '一次告知不清，需要多跑');
    expect(d.model.data.reviews['rv-1']).toMatchObject({ number: 'C001', windowId: 'w3', staffId: 'c3', departmentId: 'ga', serviceId: 'household' });
  });
});

describe('rateFromPad', () => {
  it('rates the window’s last visit while recent: source window-pad', () => {
    const d = makeDraft(hall(), { now: ENDED + 10_000 });
    const v = rateFromPad(d, 'w1', 'v-1', 5, undefined);
    expect(v.rating).toEqual({ score: 5, at: ENDED + 10_000, source: 'window-pad' });
    expect(changeList(d)).toEqual([`~tickets ${served.id}`]);
    expect(d.changes[0]).toMatchObject({ patch: { set: { 'visits.0.rating': v.rating } } });
    expect(d.events.at(-1)).toEqual({ type: 'rating-closed', windowId: 'w1', visitId: 'v-1' });
  });

  const otherCalled = makeTicket({ seq: 2, status: 'called', visits: [makeVisit({ id: 'v-2', calledAt: min(6), lastCalledAt: min(6) })] });
  const otherServed = endedTicket({ seq: 2 }, { id: 'v-2', calledAt: min(6), lastCalledAt: min(6), endedAt: min(7) });

  it.each<{ name: string; records: Records; windowId?: string; visitId?: string; now?: number; score?: Score; code: ErrorCode | undefined }>([
    { name: 'just after the visit ended', records: hall(), now: ENDED + 1, code: undefined },
    { name: 'exactly PAD_MS after it ended', records: hall(), now: ENDED + PAD_MS, code: undefined },
    { name: 'PAD_MS + 1 after it ended → NOTHING_TO_RATE', records: hall(), now: ENDED + PAD_MS + 1, code: 'NOTHING_TO_RATE' },
    // The clerk calls the next citizen at once: the one before can still rate on the pad.
    { name: 'the next citizen called at the window since', records: hall({ tickets: [served, otherCalled] }), code: undefined },
    { name: 'the next citizen called and served there since', records: hall({ tickets: [served, otherServed] }), code: undefined },
    { name: 'the next citizen called, but PAD_MS + 1 after it ended → NOTHING_TO_RATE', records: hall({ tickets: [served, otherCalled] }), now: ENDED + PAD_MS + 1, code: 'NOTHING_TO_RATE' },
    { name: 'a visit called at another window since does not matter', records: hall({ tickets: [served, { ...otherCalled, visits: [{ ...otherCalled.visits[0], windowId: 'w2' }] }] }), code: undefined },
    { name: 'the visit ended at another window → FORBIDDEN', records: hall({ windows: [signedIn('w1', 'c1'), signedIn('w2', 'c2')] }), windowId: 'w2', code: 'FORBIDDEN' },
    { name: 'an unknown visit → VISIT_NOT_FOUND', records: hall(), visitId: 'v-404', code: 'VISIT_NOT_FOUND' },
    { name: 'already rated on the phone → ALREADY_RATED', records: hall({ tickets: [endedTicket({}, { rating: { score: 5, at: ENDED + 1, source: 'phone' } })] }), code: 'ALREADY_RATED' },
    {
      name: 'rated, asked from another window → FORBIDDEN first',
      records: hall({ tickets: [endedTicket({}, { rating: { score: 5, at: ENDED + 1, source: 'phone' } })] }),
      windowId: 'w2',
      code: 'FORBIDDEN',
    },
    { name: 'a no-show is not rated → NOTHING_TO_RATE', records: hall({ tickets: [endedTicket({}, { end: 'no_show', startedAt: undefined })] }), code: 'NOTHING_TO_RATE' },
    { name: 'the visit still open → NOTHING_TO_RATE', records: hall({ tickets: [calledTicket()] }), code: 'NOTHING_TO_RATE' },
    { name: 'a bad rating without reason → INVALID_INPUT', records: hall(), score: 2, code: 'INVALID_INPUT' },
  ])('$name', ({ records, windowId = 'w1', visitId = 'v-1', now = ENDED + 30_000, score = 4, code }) => {
    const d = makeDraft(records, { now });
    if (code) expectRefused(d, () => rateFromPad(d, windowId, visitId, score, undefined), code);
    else {
      expect(rateFromPad(d, windowId, visitId, score, undefined).rating?.source).toBe('window-pad');
      expect(d.changes).toHaveLength(1);
    }
  });

  it('the pad asks no more once rated: a second rating from the phone → ALREADY_RATED', () => {
    const d = makeDraft(hall(), { now: ENDED + 1000 });
    rateFromPad(d, 'w1', 'v-1', 5, undefined);
    expect(openRatingRequest(d.model, 'w1', d.now)).toBeUndefined();
    const count = d.changes.length;
    expect(refusal(() => rateFromPhone(d, served.id, 3, undefined))).toBe('ALREADY_RATED');
    expect(d.changes).toHaveLength(count);
  });
});

describe('openRatingRequest', () => {
  const ask = { windowId: 'w1', visitId: 'v-1', number: 'A001', staff: { name: '员工1', staffNo: '1001' }, at: ENDED };
  it.each<{ name: string; tickets: Ticket[]; now?: number; expected: object | undefined }>([
    { name: 'no visit at the window', tickets: [], expected: undefined },
    { name: 'served, recently', tickets: [served], expected: { ...ask, outcome: 'completed' } },
    { name: 'accepted, recently', tickets: [endedTicket({}, { end: 'accepted' })], expected: { ...ask, outcome: 'accepted' } },
    { name: 'transferred, recently', tickets: [endedTicket({}, { end: 'transferred' })], expected: { ...ask, outcome: 'transferred' } },
    { name: 'a clerk no longer in the config: no staff shown', tickets: [endedTicket({}, { staffId: 'gone' })], expected: { windowId: 'w1', visitId: 'v-1', number: 'A001', outcome: 'completed', at: ENDED } },
    { name: 'served, too long ago', tickets: [served], now: ENDED + PAD_MS + 1, expected: undefined },
    { name: 'rated already', tickets: [endedTicket({}, { rating: { score: 5, at: ENDED, source: 'phone' } })], expected: undefined },
    { name: 'a no-show', tickets: [endedTicket({}, { end: 'no_show' })], expected: undefined },
    { name: 'still open', tickets: [calledTicket()], expected: undefined },
    {
      name: 'the one before, while the next citizen is called',
      tickets: [served, makeTicket({ seq: 2, status: 'called', visits: [makeVisit({ id: 'v-2', calledAt: ENDED + 500, lastCalledAt: ENDED + 500 })] })],
      expected: { ...ask, outcome: 'completed' },
    },
  ])('$name', ({ tickets, now = ENDED + 1000, expected }) => {
    expect(openRatingRequest(makeModel({ tickets }), 'w1', now)).toEqual(expected);
  });
});

describe('resolveReview', () => {
  const review: Review = {
    id: 'rv-9',
    ticketId: served.id,
    visitId: 'v-1',
    number: 'A001',
    businessDate: '2026-11-26',
    departmentId: 'scjg',
    serviceId: 'company',
    windowId: 'w1',
    staffId: 'c1',
    score: 1,
    reason: '服务态度不好',
    createdAt: ENDED,
    dueDate: '2026-12-03',
    status: 'open',
  };

  it('resolves an open review: an update setting status, time, who and the note', () => {
    const d = makeDraft({ reviews: [review] });
    const r = resolveReview(d, 'rv-9', staff('m1'), '已回访');
    expect(r).toEqual({ ...review, status: 'resolved', resolvedAt: d.now, resolvedBy: 'm1', note: '已回访' });
    expect(d.changes).toEqual([{ c: 'reviews', id: 'rv-9', v: r, patch: { set: { status: 'resolved', resolvedAt: d.now, resolvedBy: 'm1', note: '已回访' } } }]);
    expect(d.events).toEqual([]);
  });

  it.each<{ name: string; reviews: Review[]; id: string; code: ErrorCode }>([
    { name: 'unknown → REVIEW_NOT_FOUND', reviews: [review], id: 'rv-1', code: 'REVIEW_NOT_FOUND' },
    { name: 'an inherited property name → REVIEW_NOT_FOUND', reviews: [review], id: '__proto__', code: 'REVIEW_NOT_FOUND' },
    { name: 'resolved already → ALREADY_RESOLVED', reviews: [{ ...review, status: 'resolved', resolvedAt: ENDED, resolvedBy: 'm1', note: 'x' }], id: 'rv-9', code: 'ALREADY_RESOLVED' },
  ])('$name', ({ reviews, id, code }) => {
    const d: Draft = makeDraft({ reviews });
    expectRefused(d, () => resolveReview(d, id, staff('m1'), 'n'), code);
  });
});
