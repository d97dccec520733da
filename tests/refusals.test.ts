import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../server/clock.ts';
import { DISPLAY_KEY, KIOSK_KEY, NO_SHOW_WAIT_MS, testConfig, THURSDAY_10AM, WINDOW5_KEY } from './support/config.ts';
import { startHall, type TestHall } from './support/harness.ts';

describe('every refusal has its status and code, and the server stays up', () => {
  let h: TestHall;
  let clerk5: string;
  let clerk1: string;
  let manager: string;
  beforeAll(async () => {
    h = await startHall();
    clerk5 = await h.api.openWindow(5);
    clerk1 = await h.api.login('1001');
    manager = await h.api.login('9001');
  });
  afterAll(async () => {
    await h.close();
  });

  const expectError = (r: { status: number; body: any }, status: number, code: string) => {
    expect({ status: r.status, code: r.body?.error?.code }).toEqual({ status, code });
    expect(typeof r.body.error.message).toBe('string');
    expect(r.body.error.message.length).toBeGreaterThan(0);
  };

  it('authentication and roles', async () => {
    expectError(await h.api.post('/tickets', { serviceId: 'company' }), 401, 'UNAUTHENTICATED');
    expectError(await h.api.post('/tickets', { serviceId: 'company' }, 'not-a-real-key-123456'), 401, 'UNAUTHENTICATED');
    expectError(await h.api.post('/tickets', { serviceId: 'company' }, DISPLAY_KEY), 403, 'WRONG_ROLE');
    expectError(await h.api.post('/tickets', { serviceId: 'company' }, clerk5), 403, 'WRONG_ROLE');
    expectError(await h.api.post('/windows/w5/call-next', {}, KIOSK_KEY), 403, 'WRONG_ROLE');
    expectError(await h.api.get('/reviews?status=open', clerk5), 403, 'WRONG_ROLE');
    expectError(await h.api.post('/auth/login', { staffNo: '1005', password: 'wrong' }), 401, 'BAD_CREDENTIALS');
    expectError(await h.api.post('/auth/login', { staffNo: 'nobody', password: 'pw' }), 401, 'BAD_CREDENTIALS');
    expectError(await h.api.post('/windows/w1/rating', { visitId: 'x-1', score: 5 }, WINDOW5_KEY), 403, 'FORBIDDEN');
  });

  it('issuing: unknown service, daily cap, malformed bodies', async () => {
    expectError(await h.api.issue('no-such-service'), 404, 'UNKNOWN_SERVICE');
    for (let i = 0; i < 3; i++) expect((await h.api.issue('household')).status).toBe(201);
    expectError(await h.api.issue('household'), 409, 'DAILY_CAP_REACHED');

    const numeric = await h.api.post('/tickets', { serviceId: 5 }, KIOSK_KEY);
    expectError(numeric, 400, 'INVALID_INPUT');
    expect(numeric.body.error.field).toBe('serviceId');
    expect(numeric.body.error.message).toContain('serviceId');
    const missing = await h.api.post('/tickets', {}, KIOSK_KEY);
    expect(missing.body.error.field).toBe('serviceId');
    const priority = await h.api.post('/tickets', { serviceId: 'company', priority: 'yes' }, KIOSK_KEY);
    expect(priority.body.error.field).toBe('priority');
    expectError(await h.api.request('POST', '/tickets', { raw: '{"serviceId": ', auth: KIOSK_KEY }), 400, 'INVALID_INPUT');
    expectError(await h.api.request('POST', '/tickets', { raw: JSON.stringify({ serviceId: 'x'.repeat(40_000) }), auth: KIOSK_KEY }), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('windows: not signed in, wrong window, occupied, wrong state', async () => {
    expectError(await h.api.post('/windows/w1/call-next', {}, clerk1), 409, 'NOT_SIGNED_IN');
    expectError(await h.api.post('/windows/w1/call-next', {}, clerk5), 403, 'WRONG_WINDOW');
    expectError(await h.api.post('/windows/w5/sign-in', {}, clerk1), 409, 'WINDOW_OCCUPIED');
    expectError(await h.api.post('/windows/w1/sign-in', {}, clerk5), 409, 'ALREADY_SIGNED_IN');
    expectError(await h.api.post('/windows/w99/sign-in', {}, clerk1), 404, 'UNKNOWN_WINDOW');
    expectError(await h.api.post('/windows/w5/recall', {}, clerk5), 409, 'NO_CURRENT_TICKET');
    expectError(await h.api.post('/windows/w5/finish', { outcome: 'completed' }, clerk5), 409, 'NO_CURRENT_TICKET');
    expectError(await h.api.post('/windows/w5/resume', {}, clerk5), 409, 'NOT_PAUSED');

    const badOutcome = await h.api.post('/windows/w5/finish', { outcome: 'done' }, clerk5);
    expectError(badOutcome, 400, 'INVALID_INPUT');
    expect(badOutcome.body.error.field).toBe('outcome');
    expect((await h.api.post('/windows/w5/pause', { reason: 'nap' }, clerk5)).body.error.field).toBe('reason');
    expect((await h.api.post('/windows/w5/transfer', {}, clerk5)).status).toBe(400);
    expect((await h.api.post('/windows/w5/call', { number: '5' }, clerk5)).body.error.field).toBe('number');

    const a = (await h.api.issue('company')).body.ticket;
    const token = new URL(a.statusUrl).searchParams.get('token');
    expect((await h.api.post('/windows/w5/call', { number: a.number }, clerk5)).status).toBe(200);
    expectError(await h.api.post('/windows/w5/call-next', {}, clerk5), 409, 'WINDOW_BUSY');
    expectError(await h.api.post('/windows/w5/pause', { reason: 'break' }, clerk5), 409, 'WINDOW_BUSY');
    expectError(await h.api.post('/windows/w5/sign-out', {}, clerk5), 409, 'WINDOW_BUSY');
    expectError(await h.api.post(`/tickets/${a.id}/cancel?token=${token}`), 409, 'INVALID_STATE');
    expectError(await h.api.post(`/tickets/${a.id}/rating?token=${token}`, { score: 5 }), 409, 'NOTHING_TO_RATE');
    expectError(await h.api.post('/windows/w5/transfer', { serviceId: 'company' }, clerk5), 409, 'TRANSFER_TO_SELF');
    expectError(await h.api.post('/windows/w5/transfer', { serviceId: 'nope' }, clerk5), 404, 'UNKNOWN_SERVICE');
    expect((await h.api.post('/windows/w5/finish', { outcome: 'completed' }, clerk5)).status).toBe(200);
    expectError(await h.api.post('/windows/w5/call', { number: a.number }, clerk5), 409, 'INVALID_STATE');
    expectError(await h.api.post('/windows/w5/call', { number: 'A777' }, clerk5), 404, 'TICKET_NOT_FOUND');

    const c = (await h.api.issue('property')).body.ticket;
    expectError(await h.api.post('/windows/w5/call', { number: c.number }, clerk5), 409, 'NOT_FOR_THIS_WINDOW');

    // A refused call of a no-show leaves it a no-show: nothing of a refused command stays behind.
    const clerk3 = await h.api.openWindow(3);
    await h.api.post('/windows/w3/call', { number: c.number }, clerk3);
    // 过号 needs the citizen's walk from the far end of the hall first, recalled or not.
    h.clock.advance(NO_SHOW_WAIT_MS - 1000);
    await h.api.post('/windows/w3/recall', {}, clerk3);
    expectError(await h.api.post('/windows/w3/no-show', {}, clerk3), 409, 'TOO_SOON_FOR_NO_SHOW');
    expect(h.hall.engine.data.tickets[c.id].status).toBe('called');
    h.clock.advance(1000);
    expect((await h.api.post('/windows/w3/no-show', {}, clerk3)).status).toBe(200);
    expectError(await h.api.post('/windows/w5/call', { number: c.number }, clerk5), 409, 'NOT_FOR_THIS_WINDOW');
    expect(h.hall.engine.data.tickets[c.id].status).toBe('no_show');
    await h.api.post('/windows/w3/sign-out', {}, clerk3);

    await h.api.post('/windows/w5/pause', { reason: 'break' }, clerk5);
    expectError(await h.api.post('/windows/w5/call-next', {}, clerk5), 409, 'WINDOW_PAUSED');
    await h.api.post('/windows/w5/resume', {}, clerk5);
  });

  it('ticket holders: a token opens only its own ticket', async () => {
    const a = (await h.api.issue('company')).body.ticket;
    const b = (await h.api.issue('company')).body.ticket;
    const tokenB = new URL(b.statusUrl).searchParams.get('token');
    // A wrong token and an unknown ticket answer alike: nothing tells a real id.
    expectError(await h.api.get(`/tickets/${a.id}?token=${tokenB}`), 404, 'TICKET_NOT_FOUND');
    expectError(await h.api.get(`/tickets/${a.id}`), 400, 'INVALID_INPUT');
    expectError(await h.api.get(`/tickets/20261126-nothere000?token=${tokenB}`), 404, 'TICKET_NOT_FOUND');
    const page = await h.api.get(`/tickets/${b.id}?token=${tokenB}`);
    expect(JSON.stringify(page.body)).not.toContain(tokenB);
  });

  it('reviews and cases: unknown ids, notes required', async () => {
    expectError(await h.api.post('/reviews/rv-000000000000/resolve', { note: '已回访' }, manager), 404, 'REVIEW_NOT_FOUND');
    expectError(await h.api.post('/reviews/rv-nope/resolve', { note: '已回访' }, manager), 400, 'INVALID_INPUT');
    expect((await h.api.post('/reviews/rv-000000000000/resolve', {}, manager)).body.error.field).toBe('note');
    expectError(await h.api.post('/cases/20261126-nothere000/complete', {}, clerk5), 404, 'CASE_NOT_FOUND');
    expectError(await h.api.post('/cases/nope/complete', {}, clerk5), 400, 'INVALID_INPUT');
    expectError(await h.api.get('/nowhere'), 404, 'NOT_FOUND');
  });

  it('is still up and healthy', async () => {
    const r = await h.api.get('/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, businessDate: '2026-11-26' });
  });
});

describe('rate limits', () => {
  it('refuses a kiosk issuing faster than its limit with 429, and logins likewise', async () => {
    const config = testConfig((c) => {
      c.limits = { issuePerMinutePerDevice: 3, loginPerMinutePerAddress: 2, ticketPagePerMinutePerAddress: 3, staffSessionHours: 12 };
    });
    const h = await startHall({ config, clock: new ManualClock(THURSDAY_10AM) });
    try {
      for (let i = 0; i < 3; i++) expect((await h.api.issue('company')).status).toBe(201);
      const limited = await h.api.issue('company');
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('RATE_LIMITED');
      expect((await h.api.issue('company', { key: 'kiosk-key-0000000002' })).status).toBe(201);
      await h.api.post('/auth/login', { staffNo: '1005', password: 'x' });
      await h.api.post('/auth/login', { staffNo: '1005', password: 'x' });
      expect((await h.api.post('/auth/login', { staffNo: '1005', password: 'pw' })).status).toBe(429);
      for (let i = 0; i < 3; i++) expect((await h.api.get('/tickets/20261126-nothere000?token=guess')).status).toBe(404);
      expect((await h.api.get('/tickets/20261126-nothere000?token=guess')).status).toBe(429);
    } finally {
      await h.close();
    }
  });
});
