import { afterEach, describe, expect, it } from 'vitest';
import { WINDOW5_KEY } from './support/config.ts';
import { startHall, type TestHall } from './support/harness.ts';

/** 好差评 through the API (SPEC §10): every visit ended by finish or transfer rateable once, from the pad or the phone. */

let h: TestHall;
afterEach(async () => {
  await h?.close();
});

const tokenOf = (statusUrl: string) => new URL(statusUrl).searchParams.get('token')!;

describe('the window pad and the phone rate each visit once', () => {
  it('the pad rates the previous visit after the clerk has called the next one at once', async () => {
    h = await startHall();
    const a = (await h.api.issue('company')).body.ticket;
    const b = (await h.api.issue('company')).body.ticket;
    const clerk = await h.api.openWindow(5);
    await h.api.post('/windows/w5/call-next', {}, clerk);
    h.clock.advance(5 * 60_000);
    const finished = await h.api.post('/windows/w5/finish', { outcome: 'completed' }, clerk);
    const visitA = finished.body.ticket.visits[0].id as string;
    // The clerk calls the next citizen the same second: the pad still asks about A.
    expect((await h.api.post('/windows/w5/call-next', {}, clerk)).body.ticket.number).toBe(b.number);
    const pad = await h.socket({ key: WINDOW5_KEY });
    const snapshot = await pad.waitFor('window:snapshot');
    expect(snapshot.ratingRequest?.visitId).toBe(visitA);
    h.clock.advance(40_000);
    const rated = await h.api.post('/windows/w5/rating', { visitId: visitA, score: 2, reason: '等候时间太长' }, WINDOW5_KEY);
    expect(rated.status).toBe(201);
    expect(rated.body.rating).toMatchObject({ visitId: visitA, score: 2, source: 'window-pad' });

    // A second rating of the same visit, from either channel, is refused.
    const again = await h.api.post('/windows/w5/rating', { visitId: visitA, score: 5 }, WINDOW5_KEY);
    expect({ status: again.status, code: again.body.error.code }).toEqual({ status: 409, code: 'ALREADY_RATED' });
    const phone = await h.api.post(`/tickets/${a.id}/rating?token=${tokenOf(a.statusUrl)}`, { score: 5 });
    expect({ status: phone.status, code: phone.body.error.code }).toEqual({ status: 409, code: 'ALREADY_RATED' });
    // The bad rating opened a review.
    const manager = await h.api.login('9001');
    expect((await h.api.get('/reviews?status=open', manager)).body.reviews.map((r: { visitId: string }) => r.visitId)).toEqual([visitA]);
  });

  it('after ratings.padSeconds the pad takes it no more; the phone still may', async () => {
    h = await startHall();
    const a = (await h.api.issue('company')).body.ticket;
    await h.api.issue('company');
    const clerk = await h.api.openWindow(5);
    await h.api.post('/windows/w5/call-next', {}, clerk);
    const visitA = (await h.api.post('/windows/w5/finish', { outcome: 'consulted' }, clerk)).body.ticket.visits[0].id as string;
    await h.api.post('/windows/w5/call-next', {}, clerk);
    h.clock.advance(60_001);
    const late = await h.api.post('/windows/w5/rating', { visitId: visitA, score: 4 }, WINDOW5_KEY);
    expect({ status: late.status, code: late.body.error.code }).toEqual({ status: 409, code: 'NOTHING_TO_RATE' });
    const phone = await h.api.post(`/tickets/${a.id}/rating?token=${tokenOf(a.statusUrl)}`, { score: 4 });
    expect(phone.status).toBe(201);
    const pad = await h.api.post('/windows/w5/rating', { visitId: visitA, score: 4 }, WINDOW5_KEY);
    expect(pad.status).toBe(409);
  });
});

describe('the phone rates the visit its page showed', () => {
  it('after a transfer, a page still showing the first window is refused once the second has finished; the newer visit is then rated', async () => {
    h = await startHall();
    const clerk5 = await h.api.openWindow(5);
    const clerk6 = await h.api.openWindow(6);
    const a = (await h.api.issue('company')).body.ticket;
    const holder = `/tickets/${a.id}/rating?token=${tokenOf(a.statusUrl)}`;
    await h.api.post('/windows/w5/call-next', {}, clerk5);
    await h.api.post('/windows/w5/start', {}, clerk5);
    await h.api.post('/windows/w5/transfer', { windowId: 'w6' }, clerk5);
    // The page now offers window 5's visit.
    const shown = (await h.api.get(`/tickets/${a.id}?token=${tokenOf(a.statusUrl)}`)).body.ticket.ratableVisitId as string;
    await h.api.post('/windows/w6/call-next', {}, clerk6);
    const second = (await h.api.post('/windows/w6/finish', { outcome: 'completed' }, clerk6)).body.ticket.visits[1].id as string;
    expect(second).not.toBe(shown);

    const stale = await h.api.post(holder, { visitId: shown, score: 5 });
    expect({ status: stale.status, code: stale.body.error.code, field: stale.body.error.field }).toEqual({ status: 409, code: 'NOTHING_TO_RATE', field: 'visitId' });
    const page = (await h.api.get(`/tickets/${a.id}?token=${tokenOf(a.statusUrl)}`)).body.ticket;
    expect(page.ratableVisitId).toBe(second);
    expect(page.visits.map((v: { rated: boolean }) => v.rated)).toEqual([false, false]);

    const rated = await h.api.post(holder, { visitId: second, score: 4 });
    expect(rated.status).toBe(201);
    expect(rated.body.rating).toMatchObject({ visitId: second, score: 4, source: 'phone' });
  });
});

describe('the phone rates across midnight', () => {
  it('rates yesterday’s visit once; the closed day’s figures count it; ratings.phoneDays later it may not', async () => {
    h = await startHall();
    const a = (await h.api.issue('company')).body.ticket;
    const b = (await h.api.issue('company')).body.ticket;
    const clerk = await h.api.openWindow(5);
    for (let i = 0; i < 2; i++) {
      await h.api.post('/windows/w5/call-next', {}, clerk);
      h.clock.advance(5 * 60_000);
      await h.api.post('/windows/w5/finish', { outcome: 'completed' }, clerk);
    }
    // Friday morning: Thursday has closed.
    h.clock.set('2026-11-27T10:00:00+08:00');
    const page = await h.api.get(`/tickets/${a.id}?token=${tokenOf(a.statusUrl)}`);
    expect(page.status).toBe(200);
    expect(page.body.ticket).toMatchObject({ businessDate: '2026-11-26', status: 'done' });
    expect(page.body.ticket.ratableVisitId).toBeDefined();

    const rated = await h.api.post(`/tickets/${a.id}/rating?token=${tokenOf(a.statusUrl)}`, { score: 2, reason: '等候时间太长' });
    expect(rated.status, JSON.stringify(rated.body)).toBe(201);
    expect(rated.body.rating).toMatchObject({ score: 2, source: 'phone' });
    const again = await h.api.post(`/tickets/${a.id}/rating?token=${tokenOf(a.statusUrl)}`, { score: 5 });
    expect({ status: again.status, code: again.body.error.code }).toEqual({ status: 409, code: 'ALREADY_RATED' });
    const after = (await h.api.get(`/tickets/${a.id}?token=${tokenOf(a.statusUrl)}`)).body.ticket;
    expect(after.ratableVisitId).toBeUndefined();
    expect(after.visits[0].rated).toBe(true);

    // Kept across a restart, counted in Thursday's figures, and its bad score opened a review.
    await h.stop();
    h = await startHall({ dataDir: h.dataDir, clock: h.clock });
    const manager = await h.api.login('9001');
    const thursday = (await h.api.get('/reports/summary?from=2026-11-26&to=2026-11-26', manager)).body;
    expect(thursday.hall.ratings).toMatchObject({ count: 1, byScore: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 0 } });
    expect(thursday.windows.find((w: { id: string }) => w.id === 'w5').ratings.count).toBe(1);
    const reviews = (await h.api.get('/reviews?status=open', manager)).body.reviews;
    expect(reviews).toMatchObject([{ ticketId: a.id, businessDate: '2026-11-26', score: 2, channel: 'phone' }]);
    expect((await h.api.post(`/tickets/${a.id}/rating?token=${tokenOf(a.statusUrl)}`, { score: 5 })).body.error.code).toBe('ALREADY_RATED');

    // Eight days after the visit (phoneDays 7): too late.
    h.clock.set('2026-12-04T10:30:00+08:00');
    const late = await h.api.post(`/tickets/${b.id}/rating?token=${tokenOf(b.statusUrl)}`, { score: 5 });
    expect({ status: late.status, code: late.body.error.code }).toEqual({ status: 409, code: 'NOTHING_TO_RATE' });
    expect((await h.api.get(`/tickets/${b.id}?token=${tokenOf(b.statusUrl)}`)).body.ticket.ratableVisitId).toBeUndefined();
  });
});
