import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DISPLAY_KEY, NO_SHOW_WAIT_MS } from './support/config.ts';
import { type Recorder, startHall, type TestHall } from './support/harness.ts';

describe('a whole visit through the real server', () => {
  let h: TestHall;
  beforeEach(async () => {
    h = await startHall();
  });
  afterEach(async () => {
    await h.close();
  });

  it('issues A001, calls it at window 5, finishes it, and takes exactly one rating', async () => {
    const display: Recorder = await h.socket({ key: DISPLAY_KEY });
    const snapshot = await display.waitFor('hall:snapshot');
    expect(snapshot.name).toBe('滨江市政务服务中心');
    expect(snapshot.services.find((s) => s.id === 'company')?.waiting).toBe(0);

    const issued = await h.api.issue('company');
    expect(issued.status).toBe(201);
    const { ticket } = issued.body;
    expect(ticket.number).toBe('A001');
    expect(ticket.ahead).toBe(0);
    expect(ticket.statusUrl).toContain(`id=${ticket.id}`);
    expect(ticket.statusUrl).toMatch(/token=[\w-]{20,}/);

    const counts = await display.waitForCounts((c) => c.some((q) => q.serviceId === 'company' && q.waiting === 1));
    // Nobody is signed in at a window of the service yet: no minutes, and the screens say the windows are not open.
    expect(counts.find((q) => q.serviceId === 'company')).toMatchObject({ estimatedWaitMinutes: 0, windowsOpen: 0 });

    const token = new URL(ticket.statusUrl).searchParams.get('token')!;
    const phone = await h.socket({ ticketId: ticket.id, ticketToken: token });
    await phone.waitFor('ticket:update', (t) => t.status === 'waiting');

    const clerk = await h.api.openWindow(5);
    const called = await h.api.post('/windows/w5/call-next', {}, clerk);
    expect(called.status).toBe(200);
    expect(called.body.ticket.number).toBe('A001');
    expect(called.body.ticket.status).toBe('called');

    const call = await display.waitForCall();
    expect(call).toMatchObject({ number: 'A001', windowId: 'w5', windowNumber: 5, callCount: 1 });
    expect(Object.keys(call).sort()).toEqual(['at', 'callCount', 'id', 'number', 'serviceId', 'visitId', 'windowId', 'windowName', 'windowNumber']);
    await display.waitForWindow((w) => w.id === 'w5' && w.currentNumber === 'A001');
    const onPhone = await phone.waitFor('ticket:update', (t) => t.status === 'called');
    expect(onPhone.window).toMatchObject({ number: 5 });

    h.clock.advance(6 * 60_000);
    const finished = await h.api.post('/windows/w5/finish', { outcome: 'completed' }, clerk);
    expect(finished.status).toBe(200);
    expect(finished.body.ticket.status).toBe('done');

    const page = await h.api.get(`/tickets/${ticket.id}?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.body.ticket).toMatchObject({ number: 'A001', status: 'done', serviceName: '企业开办' });
    expect(page.body.ticket.ratableVisitId).toBeDefined();
    expect(page.body.ticket.visits[0]).toMatchObject({ windowNumber: 5, end: 'completed', rated: false });

    const rated = await h.api.post(`/tickets/${ticket.id}/rating?token=${token}`, { score: 5 });
    expect(rated.status).toBe(201);
    expect(rated.body.rating).toMatchObject({ score: 5, source: 'phone' });
    const again = await h.api.post(`/tickets/${ticket.id}/rating?token=${token}`, { score: 4 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_RATED');

    const after = await h.api.get(`/tickets/${ticket.id}?token=${token}`);
    expect(after.body.ticket.visits[0].rated).toBe(true);
    expect(after.body.ticket.ratableVisitId).toBeUndefined();
  });

  it('asks the window pad for a rating after the visit and stores it for that visit, window and clerk', async () => {
    const pad = await h.socket({ key: 'window5-key-00000001' });
    await pad.waitFor('window:snapshot');
    const { body } = await h.api.issue('company');
    const clerk = await h.api.openWindow(5);
    await h.api.post('/windows/w5/call-next', {}, clerk);
    await h.api.post('/windows/w5/start', {}, clerk);
    await h.api.post('/windows/w5/finish', { outcome: 'accepted', note: '材料齐全' }, clerk);
    const request = await pad.waitFor('rating:request');
    expect(request).toMatchObject({ windowId: 'w5', number: body.ticket.number, outcome: 'accepted', staff: { staffNo: '1005' } });

    const bad = await h.api.post('/windows/w5/rating', { visitId: request.visitId, score: 2 }, 'window5-key-00000001');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('reason');

    const ok = await h.api.post('/windows/w5/rating', { visitId: request.visitId, score: 2, reason: '等候时间太长' }, 'window5-key-00000001');
    expect(ok.status).toBe(201);
    await pad.waitFor('rating:closed', (p) => p.visitId === request.visitId);

    const ticket = h.hall.engine.data.tickets[body.ticket.id];
    expect(ticket.visits[0]).toMatchObject({ windowId: 'w5', staffId: 'c5', rating: { score: 2, reason: '等候时间太长', source: 'window-pad' } });

    const manager = await h.api.login('9001');
    const reviews = await h.api.get('/reviews?status=open', manager);
    expect(reviews.body.reviews).toHaveLength(1);
    expect(reviews.body.reviews[0]).toMatchObject({ windowId: 'w5', staffId: 'c5', departmentId: 'scjg', score: 2, dueDate: '2026-12-02', overdue: false });

    const cases = await h.api.get('/cases?status=pending', clerk);
    expect(cases.body.cases.map((c: { number: string }) => c.number)).toEqual([body.ticket.number]);
    const done = await h.api.post(`/cases/${body.ticket.id}/complete`, {}, clerk);
    expect(done.status).toBe(200);
    expect((await h.api.get('/cases?status=pending', clerk)).body.cases).toEqual([]);
  });

  it("keeps a window's state across a restart: its clerk's counts and the rating its pad still asks for", async () => {
    const clerk = await h.api.openWindow(5);
    for (const outcome of ['completed', 'consulted']) {
      await h.api.issue('company');
      await h.api.post('/windows/w5/call-next', {}, clerk);
      h.clock.advance(3 * 60_000);
      await h.api.post('/windows/w5/finish', { outcome }, clerk);
    }
    await h.api.issue('company');
    await h.api.post('/windows/w5/call-next', {}, clerk);
    h.clock.advance(NO_SHOW_WAIT_MS);
    await h.api.post('/windows/w5/no-show', {}, clerk);
    await h.api.issue('company');
    await h.api.post('/windows/w5/call-next', {}, clerk);
    h.clock.advance(60_000);
    const last = await h.api.post('/windows/w5/finish', { outcome: 'accepted' }, clerk);

    const before = (await h.api.get('/windows/w5', clerk)).body;
    expect(before.staffToday).toEqual({ calls: 4, byEnd: { completed: 1, consulted: 1, no_show: 1, accepted: 1 }, served: 3, averageServiceSeconds: 140 });
    expect(before.ratingRequest).toMatchObject({ visitId: last.body.ticket.visits[0].id, outcome: 'accepted' });
    // The window's public screen shows the rating request, never the clerk's figures.
    const screen = (await h.api.get('/windows/w5', 'window5-key-00000001')).body;
    expect(screen.ratingRequest).toEqual(before.ratingRequest);
    expect(screen).not.toHaveProperty('staffToday');

    await h.stop();
    const again = await startHall({ dataDir: h.dataDir, clock: h.clock });
    try {
      const after = (await again.api.get('/windows/w5', clerk)).body;
      expect(after.staffToday).toEqual(before.staffToday);
      expect(after.ratingRequest).toEqual(before.ratingRequest);
      expect(after.window).toMatchObject({ status: 'open', staff: { staffNo: '1005' } });
      again.clock.advance(3 * 60_000); // the pad stops asking after two minutes
      expect((await again.api.get('/windows/w5', 'window5-key-00000001')).body.ratingRequest).toBeUndefined();
    } finally {
      await again.close();
    }
  });

  it('announces a recall made in the same millisecond as its call', async () => {
    const display = await h.socket({ key: DISPLAY_KEY });
    await display.waitFor('hall:snapshot');
    await h.api.issue('company');
    const clerk = await h.api.openWindow(5);
    await h.api.post('/windows/w5/call-next', {}, clerk);
    await h.api.post('/windows/w5/recall', {}, clerk);
    const second = await display.waitForCall((c) => c.callCount === 2);
    expect(second.number).toBe('A001');
    expect(display.calls().map((c) => c.id)).toHaveLength(2);
    expect(new Set(display.calls().map((c) => c.id)).size).toBe(2);
  });

  it("the pad rates only the visits it may still ask about, and a clerk's socket ends with the session", async () => {
    const clerk = await h.api.openWindow(5);
    const staffSocket = await h.socket({ token: clerk });
    await staffSocket.waitFor('hall:snapshot');
    const visits: string[] = [];
    for (let i = 0; i < 2; i++) {
      await h.api.issue('company');
      await h.api.post('/windows/w5/call-next', {}, clerk);
      visits.push((await h.api.post('/windows/w5/finish', { outcome: 'consulted' }, clerk)).body.ticket.visits[0].id);
      // The first ended longer than ratings.padSeconds before the pad is asked.
      h.clock.advance(i === 0 ? 61_000 : 1000);
    }
    const older = await h.api.post('/windows/w5/rating', { visitId: visits[0], score: 5 }, 'window5-key-00000001');
    expect(older.status).toBe(409);
    expect(older.body.error.code).toBe('NOTHING_TO_RATE');
    expect((await h.api.post('/windows/w5/rating', { visitId: visits[1], score: 5 }, 'window5-key-00000001')).status).toBe(201);

    const gone = new Promise<void>((resolve) => staffSocket.socket.once('disconnect', () => resolve()));
    await h.api.post('/auth/logout', {}, clerk);
    await gone;
    expect(staffSocket.socket.connected).toBe(false);
  });

  it('brings waiting counts to every screen, however many are connected', async () => {
    const screens = await Promise.all(Array.from({ length: 250 }, () => h.socket({ key: DISPLAY_KEY })));
    await h.api.issue('trader');
    await Promise.all(screens.map((s) => s.waitForCounts((c) => c.some((q) => q.serviceId === 'trader' && q.waiting === 1))));
  });
});
