import { rm } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../server/app.ts';
import { MAX_WAITING_LOGINS } from '../server/auth/passwords.ts';
import { ManualClock } from '../server/clock.ts';
import { parseConfig } from '../server/config.ts';
import { testStore } from './support/stores.ts';
import { DISPLAY_KEY, NO_SHOW_WAIT_MS, testConfig, testConfigInput, THURSDAY_10AM, WINDOW5_KEY } from './support/config.ts';
import { type ChildServer, kill9, startChild, writeAllDayConfig } from './support/child-server.ts';
import { Api, DIST, openSocket, startHall, tempDir, type TestHall } from './support/harness.ts';

/** Each defect the hardening review found, as it was tried then; every one of these failed before its fix. */

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

let h: TestHall | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const tokenOf = (ticket: { statusUrl: string }) => new URL(ticket.statusUrl).searchParams.get('token')!;

describe('one unauthenticated handshake cannot stop the server', () => {
  let dir: string;
  let child: ChildServer | undefined;
  afterEach(async () => {
    if (child && child.proc.exitCode === null) await kill9(child);
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses prototype names, wrong types and huge values as handshake credentials, and keeps serving', async () => {
    dir = await tempDir('hall-handshake-');
    child = await startChild({ DATA_DIR: `${dir}/data`, HALL_CONFIG: await writeAllDayConfig(dir) });
    const auths: unknown[] = [
      ...PROTOTYPE_NAMES.map((ticketId) => ({ ticketId, ticketToken: 'x' })),
      { ticketId: 'constructor', ticketToken: 'constructor' },
      { ticketId: 5, ticketToken: null },
      { ticketId: ['a'], ticketToken: { a: 1 } },
      { key: '__proto__' },
      { token: 'x'.repeat(100_000) },
      { key: { toString: 1 } },
    ];
    for (const auth of auths) {
      const err = await openSocket(child.url, auth as never).then(
        (r) => {
          r.socket.disconnect();
          return undefined;
        },
        (e: Error & { data?: { code?: string } }) => e,
      );
      expect(err?.data?.code, JSON.stringify(auth).slice(0, 80)).toMatch(/^(UNAUTHENTICATED|TICKET_NOT_FOUND)$/);
    }
    expect(child.proc.exitCode).toBeNull();
    expect((await new Api(child.url).get('/health')).status).toBe(200);
  });
});

describe('ids from outside are checked by shape and never reach an inherited property', () => {
  it('answers prototype names as ticket, visit, review and case ids with 400, and changes nothing', async () => {
    h = await startHall();
    const manager = await h.api.login('9001');
    const clerk = await h.api.openWindow(5);
    for (const name of PROTOTYPE_NAMES) {
      for (const path of [`/tickets/${name}?token=x`, `/tickets/${name}`]) expect((await h.api.get(path)).status).toBe(400);
      expect((await h.api.post(`/tickets/${name}/rating?token=x`, { score: 5 })).status).toBe(400);
      expect((await h.api.post(`/tickets/${name}/cancel?token=x`)).status).toBe(400);
      expect((await h.api.post('/windows/w5/rating', { visitId: `${name}-1`, score: 5 }, WINDOW5_KEY)).status).toBe(400);
      expect((await h.api.post(`/reviews/${name}/resolve`, { note: 'x' }, manager)).status).toBe(400);
      expect((await h.api.post(`/cases/${name}/complete`, {}, clerk)).status).toBe(400);
      // A window id may be any word: an unknown one is just unknown.
      expect((await h.api.post(`/windows/${name}/call-next`, {}, clerk)).body.error.code).toBe('UNKNOWN_WINDOW');
    }
    expect(Object.prototype.hasOwnProperty.call(Object, 'status')).toBe(false);
    expect(({} as Record<string, unknown>).status).toBeUndefined();
    expect(Object.keys(h.hall.engine.data.reviews)).toEqual([]);
  });

  it('keeps records under prototype names as ordinary records', async () => {
    h = await startHall();
    const model = h.hall.engine.model;
    for (const name of PROTOTYPE_NAMES) expect(model.data.tickets[name]).toBeUndefined();
    model.apply({ c: 'printerFaults', id: '__proto__', v: { id: '__proto__', deviceId: 'kiosk-1', message: 'x', at: 1 } });
    expect(Object.keys(model.data.printerFaults)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(model.data.printerFaults)).toBeNull();
  });
});

describe('dates at the edge of the calendar', () => {
  it('refuses reports for 9999-12-31 at once instead of looping', async () => {
    h = await startHall();
    const manager = await h.api.login('9001');
    const started = Date.now();
    for (const path of ['/reports/summary?from=9999-12-01&to=9999-12-31', '/reports/attendance?from=9999-12-31&to=9999-12-31', '/reports/hourly?date=9999-12-31', '/reports/summary?from=2026-01-01&to=9999-12-31', '/reports/hourly?date=+010000-01-01']) {
      const r = await h.api.get(path, manager);
      expect(r.status, path).toBe(400);
      expect(r.body.error.code).toBe('INVALID_INPUT');
    }
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await h.api.get('/health')).status).toBe(200);
  });
});

describe('who may act where', () => {
  it('lets a clerk sign in at their department’s windows, a 综合窗口, or where the configuration names them', async () => {
    h = await startHall({
      config: testConfig((c) => {
        c.windows.find((w) => w.id === 'w3')!.staffIds = ['c2'];
      }),
    });
    const police = await h.api.login('1002'); // 公安局
    expect((await h.api.post('/windows/w1/sign-in', {}, police)).body.error.code).toBe('WINDOW_NOT_ALLOWED');
    expect((await h.api.post('/windows/w1/sign-in', {}, police)).status).toBe(403);
    expect((await h.api.post('/windows/w3/sign-in', {}, police)).status).toBe(200); // named in the configuration
    await h.api.post('/windows/w3/sign-out', {}, police);
    expect((await h.api.post('/windows/w4/sign-in', {}, police)).status).toBe(200); // 综合窗口
    const manager = await h.api.login('9001'); // 市场监督管理局
    expect((await h.api.post('/windows/w2/sign-in', {}, manager)).body.error.code).toBe('WINDOW_NOT_ALLOWED');
    expect((await h.api.post('/windows/w6/sign-in', {}, manager)).status).toBe(200);
  });

  it('puts back only no-shows of the window’s own services', async () => {
    h = await startHall();
    const clerk2 = await h.api.openWindow(2);
    const clerk5 = await h.api.openWindow(5);
    const c = (await h.api.issue('household')).body.ticket;
    await h.api.post('/windows/w2/call-next', {}, clerk2);
    h.clock.advance(NO_SHOW_WAIT_MS);
    await h.api.post('/windows/w2/no-show', {}, clerk2);
    const r = await h.api.post('/windows/w5/requeue', { number: c.number }, clerk5);
    expect({ status: r.status, code: r.body.error?.code }).toEqual({ status: 409, code: 'NOT_FOR_THIS_WINDOW' });
    expect((await h.api.post('/windows/w2/requeue', { number: c.number }, clerk2)).status).toBe(200);
  });

  it('shows and completes cases of one’s own department only, managers included; a completed case says so', async () => {
    h = await startHall();
    const clerk2 = await h.api.openWindow(2);
    const clerk5 = await h.api.openWindow(5);
    const police = (await h.api.issue('household')).body.ticket;
    const company = (await h.api.issue('company')).body.ticket;
    await h.api.post('/windows/w2/call-next', {}, clerk2);
    await h.api.post('/windows/w2/finish', { outcome: 'accepted' }, clerk2);
    await h.api.post('/windows/w5/call-next', {}, clerk5);
    await h.api.post('/windows/w5/finish', { outcome: 'accepted' }, clerk5);
    const manager = await h.api.login('9001'); // 市场监督管理局
    const numbers = (r: { body: { cases: Array<{ number: string }> } }) => r.body.cases.map((x) => x.number);
    expect(numbers(await h.api.get('/cases?status=pending', manager))).toEqual([company.number]);
    expect(numbers(await h.api.get('/cases?status=pending', clerk2))).toEqual([police.number]);
    expect((await h.api.post(`/cases/${police.id}/complete`, {}, manager)).status).toBe(403);
    expect((await h.api.post(`/cases/${company.id}/complete`, {}, manager)).status).toBe(200);
    const again = await h.api.post(`/cases/${company.id}/complete`, {}, clerk5);
    expect({ status: again.status, code: again.body.error.code }).toEqual({ status: 409, code: 'CASE_ALREADY_COMPLETED' });

    // Still so after the day it was completed on has closed.
    h.clock.set('2026-11-27T09:30:00+08:00');
    await h.hall.engine.ensureBusinessDate();
    const tomorrow = await h.api.login('1005');
    expect((await h.api.post(`/cases/${company.id}/complete`, {}, tomorrow)).body.error.code).toBe('CASE_ALREADY_COMPLETED');
  });

  it('shows a window’s snapshot to its own screen without the clerk’s figures, to its clerk and managers with them, to no other clerk', async () => {
    h = await startHall();
    const clerk5 = await h.api.openWindow(5);
    const clerk6 = await h.api.openWindow(6);
    const manager = await h.api.login('9001');
    await h.api.issue('company');
    await h.api.post('/windows/w5/call-next', {}, clerk5);
    await h.api.post('/windows/w5/finish', { outcome: 'completed' }, clerk5);
    expect((await h.api.get('/windows/w5', clerk5)).body.staffToday).toMatchObject({ served: 1 });
    expect((await h.api.get('/windows/w5', manager)).body.staffToday).toMatchObject({ served: 1 });
    expect((await h.api.get('/windows/w5', clerk6)).status).toBe(403);
    expect((await h.api.get('/windows/w5', WINDOW5_KEY)).body).not.toHaveProperty('staffToday');
    expect((await h.api.get('/windows/w5', DISPLAY_KEY)).status).toBe(403);

    const pad = await h.socket({ key: WINDOW5_KEY });
    const snapshot = await pad.waitFor('window:snapshot');
    expect(snapshot).not.toHaveProperty('staffToday');
    const desk = await h.socket({ token: clerk5 });
    expect(await desk.waitFor('window:snapshot')).toHaveProperty('staffToday');
    await h.api.issue('company');
    await h.api.post('/windows/w5/call-next', {}, clerk5);
    await desk.waitFor('window:snapshot', (s) => s.current !== undefined);
    await pad.waitFor('window:snapshot', (s) => s.current !== undefined);
    expect(pad.all('window:snapshot').some((s) => 'staffToday' in s)).toBe(false);
  });
});

describe('what leaks and what can be guessed', () => {
  it('gives calls a random visit id, and a wrong token the same answer as an unknown ticket', async () => {
    h = await startHall();
    const clerk = await h.api.openWindow(5);
    const t = (await h.api.issue('company')).body.ticket;
    const other = (await h.api.issue('company')).body.ticket;
    await h.api.post('/windows/w5/call-next', {}, clerk);
    const call = (await h.api.get('/hall')).body.recentCalls[0];
    expect(call.number).toBe(t.number);
    expect(JSON.stringify(call)).not.toContain(t.id);
    expect(JSON.stringify(call)).not.toContain(t.id.slice(9));
    const wrong = await h.api.get(`/tickets/${t.id}?token=${tokenOf(other)}`);
    const unknown = await h.api.get(`/tickets/20261126-aaaaaaaaaa?token=${tokenOf(other)}`);
    expect([wrong.status, wrong.body]).toEqual([unknown.status, unknown.body]);
    expect(wrong.status).toBe(404);
  });

  it('checks a past day’s token before reading its archive, and keeps the latest days read', async () => {
    const clock = new ManualClock(THURSDAY_10AM);
    h = await startHall({ clock });
    const days: Array<{ id: string; token: string }> = [];
    for (let d = 0; d < 5; d++) {
      clock.set(THURSDAY_10AM + d * 86_400_000);
      await h.hall.engine.ensureBusinessDate();
      const t = (await h.api.issue('company')).body.ticket;
      if (t) days.push({ id: t.id, token: tokenOf(t) });
    }
    clock.set(THURSDAY_10AM + 6 * 86_400_000);
    await h.hall.engine.ensureBusinessDate();
    const store = h.hall.engine.store;
    let reads = 0;
    const readDay = store.readClosedDay.bind(store);
    store.readClosedDay = (date) => {
      reads++;
      return readDay(date);
    };
    for (const d of days) expect((await h.api.get(`/tickets/${d.id}?token=wrongwrongwrongwrongwrong`)).status).toBe(404);
    const phone = await openSocket(h.url, { ticketId: days[0].id, ticketToken: 'wrongwrongwrongwrongwrong' }).catch((e: Error & { data?: { code?: string } }) => e);
    expect((phone as { data?: { code?: string } }).data?.code).toBe('TICKET_NOT_FOUND');
    expect(reads).toBe(0);

    // Right tokens: each day read once while it stays among the latest three asked for.
    const open = async (i: number) => expect((await h!.api.get(`/tickets/${days[i].id}?token=${days[i].token}`)).status).toBe(200);
    for (const i of [0, 1, 2]) await open(i);
    expect(reads).toBe(3);
    await open(0); // the first day asked for again: kept
    await open(3); // a fourth day pushes out the least recently asked (day 1), not the first one read
    expect(reads).toBe(4);
    await open(0);
    expect(reads).toBe(4);
    await open(1);
    expect(reads).toBe(5);
  });

  it('limits refused socket handshakes per address like logins', async () => {
    h = await startHall({
      config: testConfig((c) => {
        c.limits = { ...c.limits!, loginPerMinutePerAddress: 5 };
      }),
    });
    const t = (await h.api.issue('company')).body.ticket;
    const codes: string[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await openSocket(h.url, { ticketId: t.id, ticketToken: `guess-guess-guess-${i}` }).catch((e: Error & { data?: { code?: string } }) => e);
      codes.push((r as { data?: { code?: string } }).data?.code ?? 'connected');
    }
    expect(codes).toEqual([...Array(5).fill('TICKET_NOT_FOUND'), ...Array(3).fill('RATE_LIMITED')]);
    // Even the right token waits out the minute: the address is guessing.
    const right = await openSocket(h.url, { ticketId: t.id, ticketToken: tokenOf(t) }).catch((e: Error & { data?: { code?: string } }) => e);
    expect((right as { data?: { code?: string } }).data?.code).toBe('RATE_LIMITED');
  });

  it('refuses logins beyond the line waiting for a password check at once, and lets a clerk in after it', async () => {
    // Many addresses, each under its limit: here one address with the limit out of the way.
    const hall = (h = await startHall({
      config: testConfig((c) => {
        c.limits = { ...c.limits!, loginPerMinutePerAddress: 100_000 };
      }),
    }));
    const flood = await Promise.all(Array.from({ length: MAX_WAITING_LOGINS + 80 }, (_, i) => hall.api.post('/auth/login', { staffNo: `9${String(i).padStart(4, '0')}`, password: 'guess' })));
    const answers = new Map<string, number>();
    for (const r of flood) answers.set(`${r.status} ${r.body.error.code}`, (answers.get(`${r.status} ${r.body.error.code}`) ?? 0) + 1);
    expect([...answers.keys()].sort()).toEqual(['401 BAD_CREDENTIALS', '503 LOGIN_BUSY']);
    expect(answers.get('401 BAD_CREDENTIALS')).toBeGreaterThanOrEqual(MAX_WAITING_LOGINS);
    expect((await hall.api.post('/auth/login', { staffNo: '1005', password: 'pw' })).status).toBe(200);
  });

  it('locks an account after five wrong passwords, whatever the address, for fifteen minutes', async () => {
    h = await startHall();
    for (let i = 0; i < 5; i++) expect((await h.api.post('/auth/login', { staffNo: '1005', password: `wrong${i}` })).body.error.code).toBe('BAD_CREDENTIALS');
    const locked = await h.api.post('/auth/login', { staffNo: '1005', password: 'pw' });
    expect({ status: locked.status, code: locked.body.error.code }).toEqual({ status: 429, code: 'ACCOUNT_LOCKED' });
    expect((await h.api.post('/auth/login', { staffNo: '1006', password: 'pw' })).status).toBe(200);
    // A 工号 that does not exist locks alike: locking tells nothing about who works here.
    for (let i = 0; i < 5; i++) await h.api.post('/auth/login', { staffNo: '7777', password: `wrong${i}` });
    expect((await h.api.post('/auth/login', { staffNo: '7777', password: 'pw' })).body.error.code).toBe('ACCOUNT_LOCKED');
    h.clock.advance(15 * 60_000 + 1);
    expect((await h.api.post('/auth/login', { staffNo: '1005', password: 'pw' })).status).toBe(200);
  });
});

describe('errors after a commit, and errors in one request', () => {
  it('answers a committed call even when publishing it throws, and logs the failure without secrets', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
    const dataDir = await tempDir();
    const hall = await createApp({ config: testConfig(), store: testStore(dataDir), clock: new ManualClock(THURSDAY_10AM), logger, staticDir: DIST });
    const addr = await hall.listen(0);
    const api = new Api(`http://127.0.0.1:${addr.port}`);
    try {
      const clerk = await api.openWindow(5);
      const t = (await api.issue('company')).body.ticket;
      hall.engine.onEvents(() => {
        throw new Error('a screen listener broke');
      });
      const called = await api.post('/windows/w5/call-next', {}, clerk);
      expect(called.status).toBe(200);
      expect(called.body.ticket.number).toBe(t.number);
      expect((await api.post('/windows/w5/call-next', {}, clerk)).body.error.code).toBe('WINDOW_BUSY');
      expect(lines.join('')).toContain('a screen listener broke');

      // An unexpected failure in a ticket holder's request: a 500 whose log line has no token.
      hall.engine.findHeldTicket = () => Promise.reject(new Error('unexpected'));
      expect((await api.get(`/tickets/${t.id}?token=${tokenOf(t)}`)).status).toBe(500);
      expect(lines.join('')).toContain('unexpected');
      expect(lines.join('')).not.toContain(tokenOf(t));
      expect(lines.join('')).not.toContain(clerk);
    } finally {
      await hall.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('behind a reverse proxy', () => {
  for (const [trustProxy, separate] of [
    [undefined, false],
    ['loopback', true],
  ] as const) {
    it(`counts limits per ${separate ? 'client behind a trusted proxy' : 'connecting address when no proxy is trusted'}`, async () => {
      const dataDir = await tempDir();
      const config = testConfig((c) => {
        c.limits = { ...c.limits!, ticketPagePerMinutePerAddress: 2 };
      });
      const hall = await createApp({ config, store: testStore(dataDir), clock: new ManualClock(THURSDAY_10AM), ...(trustProxy ? { trustProxy } : {}) });
      const addr = await hall.listen(0);
      try {
        const ask = (client: string) => fetch(`http://127.0.0.1:${addr.port}/api/tickets/20261126-aaaaaaaaaa?token=x`, { headers: { 'x-forwarded-for': client } }).then((r) => r.status);
        const statuses = [await ask('10.0.0.1'), await ask('10.0.0.1'), await ask('10.0.0.2'), await ask('10.0.0.3')];
        expect(statuses).toEqual(separate ? [404, 404, 404, 404] : [404, 404, 429, 429]);
      } finally {
        await hall.close();
        await rm(dataDir, { recursive: true, force: true });
      }
    });
  }
});

describe('security headers', () => {
  it('serves the screens and the API with a CSP, no framing and no referrer', async () => {
    h = await startHall();
    for (const path of ['/kiosk/', '/display/', '/counter/', '/api/health']) {
      const res = await fetch(`${h.url}${path}`);
      expect(res.status, path).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});

describe('start-up output', () => {
  let dir: string;
  let child: ChildServer | undefined;
  afterEach(async () => {
    if (child && child.proc.exitCode === null) await kill9(child);
    await rm(dir, { recursive: true, force: true });
  });

  it('prints every screen’s address but no device key of a real hall', async () => {
    dir = await tempDir('hall-keys-');
    const config = await writeAllDayConfig(dir);
    child = await startChild({ DATA_DIR: `${dir}/data`, HALL_CONFIG: config, QUIET_START: '0' });
    await new Promise((r) => setTimeout(r, 300));
    const out = child.output();
    expect(out).toContain('/kiosk/');
    for (const d of testConfigInput().devices) expect(out).not.toContain(d.key);
  });
});

describe('around midnight, closed windows and damaged files', () => {
  it('tells a clerk whose visit the day close ended that the day closed, not that they never signed in', async () => {
    const clock = new ManualClock(Date.parse('2026-11-26T23:58:00+08:00'));
    h = await startHall({ clock, config: testConfig((c) => (c.hall.hours.thu = [['00:00', '23:59']])) });
    const clerk = await h.api.openWindow(5);
    await h.api.issue('company');
    await h.api.post('/windows/w5/call-next', {}, clerk);
    clock.set('2026-11-27T00:00:10+08:00');
    const r = await h.api.post('/windows/w5/finish', { outcome: 'completed' }, clerk);
    expect({ status: r.status, code: r.body.error.code }).toEqual({ status: 409, code: 'DAY_CLOSED' });
    expect((await h.api.post('/windows/w5/sign-in', {}, clerk)).status).toBe(200);
    expect((await h.api.post('/windows/w5/call-next', {}, clerk)).status).toBe(200);
  });

  it('refuses a transfer to a window nobody staffs, and a sign-out that would strand tickets transferred there', async () => {
    h = await startHall();
    const clerk5 = await h.api.openWindow(5);
    const t = (await h.api.issue('company')).body.ticket;
    await h.api.post('/windows/w5/call-next', {}, clerk5);
    const toClosed = await h.api.post('/windows/w5/transfer', { windowId: 'w6' }, clerk5);
    expect({ status: toClosed.status, code: toClosed.body.error.code }).toEqual({ status: 409, code: 'WINDOW_CLOSED' });
    const clerk6 = await h.api.openWindow(6);
    expect((await h.api.post('/windows/w5/transfer', { windowId: 'w6' }, clerk5)).status).toBe(200);
    const snapshot = (await h.api.get('/windows/w6', clerk6)).body;
    expect(snapshot.transferredHere).toBe(1);
    expect((await h.api.post('/windows/w6/sign-out', {}, clerk6)).body.error.code).toBe('WINDOW_HAS_TRANSFERS');
    expect((await h.api.post('/windows/w6/call-next', {}, clerk6)).body.ticket.number).toBe(t.number);
  });

  it('refuses a configuration whose password hash is malformed, naming the field', () => {
    const input = testConfigInput();
    for (const bad of ['scrypt$', 'scrypt$16384$8$1$abc$def', 'scrypt$3$8$1$nTFo80hnoAekqpmkYJBGBg==$ZtH/EM+vZEFLS3y4LncXkQCNSu+Yn369Bua5TWG96UU=', 'scrypt$1073741824$8$1$nTFo80hnoAekqpmkYJBGBg==$ZtH/EM+vZEFLS3y4LncXkQCNSu+Yn369Bua5TWG96UU=']) {
      input.staff[1].passwordHash = bad;
      expect(() => parseConfig(input), bad).toThrow(/staff\[1\]\.passwordHash/);
    }
  });
});

