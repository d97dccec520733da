import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type HallApp } from '../server/app.ts';
import { ManualClock } from '../server/clock.ts';
import type { Store } from '../server/store/store.ts';
import type { Change, DayArchive, DayClose } from '../shared/state.ts';
import { DISPLAY_KEY, testConfig, THURSDAY_10AM } from './support/config.ts';
import { Api, openSocket, type Recorder, tempDir } from './support/harness.ts';
import { breakNextWrite, testStore } from './support/stores.ts';

/** A real store (of this run's kind) whose commits wait at a gate the test opens, or fail when told to. */
class GatedStore implements Store {
  private gate?: { open: Promise<void>; release: () => void };
  waiting = 0;
  failNext?: Error;

  constructor(readonly inner: Store) {}

  hold(): void {
    let release!: () => void;
    const open = new Promise<void>((r) => (release = r));
    this.gate = { open, release };
  }

  release(): void {
    this.gate?.release();
    this.gate = undefined;
  }

  async commit(changes: Change[]): Promise<void> {
    const gate = this.gate;
    if (this.failNext) breakNextWrite(this.inner, this.failNext);
    this.failNext = undefined;
    const written = this.inner.commit(changes);
    written.catch(() => undefined);
    if (gate) {
      this.waiting++;
      await gate.open;
      this.waiting--;
    }
    return written;
  }

  open = () => this.inner.open();
  recover = () => this.inner.recover();
  closeDay = (close: DayClose) => this.inner.closeDay(close);
  readClosedDay = (date: string) => this.inner.readClosedDay(date);
  closedDayFacts = (date: string) => this.inner.closedDayFacts(date);
  closedDayFigures = (dates: readonly string[]) => this.inner.closedDayFigures(dates);
  closedDays = () => this.inner.closedDays();
  importClosedDay = (archive: DayArchive) => this.inner.importClosedDay(archive);
  close = () => this.inner.close();
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('decide, commit, then apply', () => {
  let hall: HallApp;
  let dir: string;
  let display: Recorder | undefined;
  afterEach(async () => {
    display?.socket.disconnect();
    await hall.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function start(): Promise<{ api: Api; store: GatedStore; url: string }> {
    dir = await tempDir();
    const store = new GatedStore(testStore(dir));
    hall = await createApp({ config: testConfig(), store, clock: new ManualClock(THURSDAY_10AM) });
    const addr = await hall.listen(0);
    const url = `http://127.0.0.1:${addr.port}`;
    return { api: new Api(url), store, url };
  }

  it('shows no reader and no screen a call until its commit is durable, and decides the next call on it meanwhile', async () => {
    const { api, store, url } = await start();
    const clerk5 = await api.openWindow(5);
    const clerk6 = await api.openWindow(6);
    const first = (await api.issue('company')).body.ticket;
    const second = (await api.issue('company')).body.ticket;
    display = await openSocket(url, { key: DISPLAY_KEY });
    await display.waitFor('hall:snapshot');

    store.hold();
    const calling = api.post('/windows/w5/call-next', {}, clerk5);
    await until(() => store.waiting === 1, 'the call to reach the store');
    // The other window, deciding while that call is on its way to disk, takes the next ticket.
    const calling6 = api.post('/windows/w6/call-next', {}, clerk6);
    await until(() => store.waiting === 2, 'the second call to reach the store');

    const hallNow = (await api.get('/hall')).body;
    expect(hallNow.windows.find((w: { id: string }) => w.id === 'w5').currentNumber).toBeUndefined();
    expect(hallNow.recentCalls).toEqual([]);
    expect(hallNow.services.find((s: { id: string }) => s.id === 'company').waiting).toBe(2);
    expect((await api.get('/windows/w5', clerk5)).body.current).toBeUndefined();
    expect((await api.get(`/tickets/${first.id}?token=${new URL(first.statusUrl).searchParams.get('token')}`)).body.ticket.status).toBe('waiting');
    const late = await openSocket(url, { key: DISPLAY_KEY });
    expect((await late.waitFor('hall:snapshot')).recentCalls).toEqual([]);
    late.socket.disconnect();
    await new Promise((r) => setTimeout(r, 50));
    expect(display.calls()).toEqual([]);

    store.release();
    expect((await calling).body.ticket.number).toBe(first.number);
    expect((await calling6).body.ticket.number).toBe(second.number);
    await display.waitForCall((c) => c.number === first.number);
    expect((await api.get('/hall')).body.windows.find((w: { id: string }) => w.id === 'w5').currentNumber).toBe(first.number);
  });

  it('leaves everything as it was after a failed commit, refuses what was queued behind it, and goes on', async () => {
    const { api, store } = await start();
    const clerk5 = await api.openWindow(5);
    const a = (await api.issue('company')).body.ticket;
    const before = (await api.get('/hall')).body;

    store.hold();
    store.failNext = new Error('ENOSPC: no space left on device');
    const failing = api.issue('company');
    await until(() => store.waiting === 1, 'the failing issue to reach the store');
    // Decided on top of the failing ticket: it must fail with it.
    const behind = api.post('/windows/w5/call-next', {}, clerk5);
    await until(() => store.waiting === 2, 'the call behind it to reach the store');
    store.release();
    const [f, b] = await Promise.all([failing, behind]);
    expect([f.status, f.body.error.code]).toEqual([503, 'STORAGE_UNAVAILABLE']);
    expect(b.status).toBe(503);

    const after = (await api.get('/hall')).body;
    expect(after.services).toEqual(before.services);
    expect(after.windows).toEqual(before.windows);
    // Nothing was lost and nothing refused was kept: the next number follows the last acknowledged one.
    const next = (await api.issue('company')).body.ticket;
    expect(next.number).toBe('A002');
    const called = await api.post('/windows/w5/call-next', {}, clerk5);
    expect(called.body.ticket.number).toBe(a.number);
  });

  it('commits a ticket while a storm of logins is hashing passwords', async () => {
    const { api } = await start();
    // Each login hashes (scrypt, about 50 ms of a thread-pool thread); unknown 工号 hash too.
    let answered = 0;
    const logins = Array.from({ length: 24 }, (_, i) => api.post('/auth/login', { staffNo: `storm-${i}`, password: 'guess' }).then((r) => (answered++, r)));
    await new Promise((r) => setTimeout(r, 20));
    const issued = await api.issue('company');
    const answeredWhenIssued = answered;
    expect(issued.status).toBe(201);
    // Were the hashes to fill the thread pool, the journal's write would wait behind all of them.
    expect(answeredWhenIssued).toBeLessThan(12);
    for (const r of await Promise.all(logins)) expect(r.body.error.code).toBe('BAD_CREDENTIALS');
  });
});
