import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type HallApp } from '../../server/app.ts';
import { ManualClock } from '../../server/clock.ts';
import { PgStore } from '../../server/store/pg/pg-store.ts';
import type { Ticket, Visit } from '../../shared/types.ts';
import { runChildToExit, writeAllDayConfig } from '../support/child-server.ts';
import { testConfig, THURSDAY_10AM } from '../support/config.ts';
import { Api, tempDir } from '../support/harness.ts';
import { databaseUrl } from '../support/stores.ts';
import { startProxy, type TcpProxy } from '../support/tcp-proxy.ts';

const hallId = () => `pgtest-${randomBytes(6).toString('hex')}`;

/** The same database reached through `port` (a proxy in front of it). */
function viaPort(port: number): string {
  const u = new URL(databaseUrl());
  u.host = `127.0.0.1:${port}`;
  return u.toString();
}

const visit = fc.record(
  {
    id: fc.stringMatching(/^v-[0-9a-z]{12}$/),
    windowId: fc.constantFrom('w1', 'w5'),
    staffId: fc.constantFrom('c1', 'c5'),
    serviceId: fc.constantFrom('company', 'trader'),
    departmentId: fc.constant('scjg'),
    calledAt: fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }),
    callCount: fc.integer({ min: 1, max: 5 }),
    lastCalledAt: fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }),
    startedAt: fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }),
    endedAt: fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }),
    end: fc.constantFrom('completed', 'accepted', 'transferred', 'no_show'),
    note: fc.string({ maxLength: 40 }),
    rating: fc.record({ score: fc.constantFrom(1, 2, 3, 4, 5), reason: fc.string({ maxLength: 20 }), at: fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }), source: fc.constantFrom('phone', 'window-pad') }, { requiredKeys: ['score', 'at', 'source'] }),
    /** A field this version has no column for (a later version's): kept all the same. */
    future: fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.oneof(fc.string(), fc.integer(), fc.boolean())),
  },
  { requiredKeys: ['id', 'windowId', 'staffId', 'serviceId', 'departmentId', 'calledAt', 'callCount', 'lastCalledAt'] },
);

const ticket = fc.record({
  seq: fc.integer({ min: 1, max: 9999 }),
  priority: fc.boolean(),
  status: fc.constantFrom('waiting', 'called', 'serving', 'done', 'no_show', 'cancelled'),
  issuedAt: fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }),
  targetWindowId: fc.option(fc.constant('w5'), { nil: undefined }),
  requestId: fc.option(fc.uuid(), { nil: undefined }),
  cancelReason: fc.option(fc.constantFrom('citizen', 'day-closed'), { nil: undefined }),
  visits: fc.array(visit, { maxLength: 3 }),
});

describe('the PostgreSQL store', () => {
  const cleanup: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c().catch(() => undefined);
  });

  it('gives back every record exactly as it was committed, fields it has no column for included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(ticket, { minLength: 1, maxLength: 8 }), async (drawn) => {
        const id = hallId();
        const a = new PgStore({ url: databaseUrl(), hallId: id });
        await a.open();
        await a.commit([{ c: 'meta', id: 'businessDate', v: '2026-11-26' }]);
        const tickets: Ticket[] = drawn.map((t, i) => {
          const tid = `20261126-${String(i).padStart(10, '0')}`;
          const out: Ticket = {
            id: tid,
            token: 'tok',
            number: `A${String(t.seq).padStart(3, '0')}`,
            prefix: 'A',
            seq: t.seq,
            businessDate: '2026-11-26',
            serviceId: 'company',
            issuedServiceId: 'company',
            priority: t.priority,
            status: t.status as Ticket['status'],
            issuedAt: t.issuedAt,
            enqueuedAt: t.issuedAt,
            kioskId: 'kiosk-1',
            visits: t.visits.map((v) => {
              const { future, ...rest } = v;
              return { ...rest, ...(future && Object.keys(future).length > 0 ? { future } : {}) } as Visit;
            }),
          };
          if (t.targetWindowId) out.targetWindowId = t.targetWindowId;
          if (t.requestId) out.requestId = t.requestId;
          if (t.cancelReason) out.cancelReason = t.cancelReason as Ticket['cancelReason'];
          return out;
        });
        await a.commit(tickets.map((t) => ({ c: 'tickets', id: t.id, v: t })));
        await a.commit([{ c: 'counters', id: 'A', v: 7 }, { c: 'windows', id: 'w5', v: { windowId: 'w5', staffId: 'c5', signedInAt: 5, pause: { reason: 'break', since: 9 } } }]);
        await a.close();
        const b = new PgStore({ url: databaseUrl(), hallId: id });
        const data = await b.open();
        await b.close();
        expect(Object.values(data.tickets).sort((x, y) => x.id.localeCompare(y.id))).toEqual(tickets);
        expect(data.counters).toEqual({ A: 7 });
        expect(data.windows.w5).toEqual({ windowId: 'w5', staffId: 'c5', signedInAt: 5, pause: { reason: 'break', since: 9 } });
      }),
      { numRuns: 15 },
    );
  });

  it('a ticket written again with fewer visits keeps no rows of the ones it lost', async () => {
    const id = hallId();
    const a = new PgStore({ url: databaseUrl(), hallId: id });
    cleanup.push(() => a.close());
    await a.open();
    await a.commit([{ c: 'meta', id: 'businessDate', v: '2026-11-26' }]);
    const v = (n: number): Visit => ({ id: `v-${n}`, windowId: 'w1', staffId: 'c1', serviceId: 'company', departmentId: 'scjg', calledAt: n, callCount: 1, lastCalledAt: n });
    const t: Ticket = { id: '20261126-aaaaaaaaaa', token: 't', number: 'A001', prefix: 'A', seq: 1, businessDate: '2026-11-26', serviceId: 'company', issuedServiceId: 'company', priority: false, status: 'done', issuedAt: 1, enqueuedAt: 1, kioskId: 'k', visits: [v(1), v(2)] };
    await a.commit([{ c: 'tickets', id: t.id, v: t }]);
    await a.commit([{ c: 'tickets', id: t.id, v: { ...t, visits: [v(3)] }, patch: { set: { visits: [v(3)] } } }]);
    const b = new PgStore({ url: databaseUrl(), hallId: id });
    cleanup.push(() => b.close());
    expect((await b.open()).tickets[t.id].visits).toEqual([v(3)]);
  });

  it('keeps two halls in one database apart', async () => {
    const [x, y] = [hallId(), hallId()];
    const a = new PgStore({ url: databaseUrl(), hallId: x });
    const b = new PgStore({ url: databaseUrl(), hallId: y });
    cleanup.push(() => a.close(), () => b.close());
    await a.open();
    await b.open();
    await a.commit([{ c: 'meta', id: 'businessDate', v: '2026-11-26' }, { c: 'counters', id: 'A', v: 3 }]);
    await b.commit([{ c: 'meta', id: 'businessDate', v: '2026-11-27' }, { c: 'counters', id: 'A', v: 9 }]);
    await a.closeDay({ date: '2026-11-26', nextDate: '2026-11-27', closedAt: 1, changes: [] });
    expect(await a.closedDays()).toEqual(['2026-11-26']);
    expect(await b.closedDays()).toEqual([]);
    const again = new PgStore({ url: databaseUrl(), hallId: y });
    cleanup.push(() => again.close());
    expect((await again.open()).counters).toEqual({ A: 9 });
  });

  it('a wrong DATABASE_URL stops the start, naming the database but not its password', async () => {
    const dir = await tempDir('pg-wrong-');
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const { code, output } = await runChildToExit({ DATA_DIR: join(dir, 'data'), HALL_CONFIG: await writeAllDayConfig(dir), DATABASE_URL: 'postgres://hall:s3cret-pw@127.0.0.1:1/nowhere' });
    expect(code).toBe(1);
    expect(output).toContain('无法打开数据库');
    expect(output).toContain('127.0.0.1:1');
    expect(output).not.toContain('s3cret-pw');
  });

  it('refuses a database whose schema a newer version migrated, and says so', async () => {
    const admin = new pg.Client({ connectionString: databaseUrl() });
    await admin.connect();
    const name = `hall_newer_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${name}`);
    cleanup.push(async () => {
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
    });
    const u = new URL(databaseUrl());
    u.pathname = `/${name}`;
    const newer = new pg.Client({ connectionString: u.toString() });
    await newer.connect();
    await newer.query(`CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    await newer.query(`INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')`);
    await newer.end();
    const dir = await tempDir('pg-newer-');
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const { code, output } = await runChildToExit({ DATA_DIR: join(dir, 'data'), HALL_CONFIG: await writeAllDayConfig(dir), DATABASE_URL: u.toString() });
    expect(code).toBe(1);
    expect(output).toContain('999');
    expect(output).toContain('upgrade the program');
  });

  it('a database that goes away mid-day: 503 STORAGE_UNAVAILABLE, reads go on, and it recovers without a restart', async () => {
    const proxy: TcpProxy = await startProxy(Number(new URL(databaseUrl()).port || 5432));
    cleanup.push(() => proxy.close());
    const store = new PgStore({ url: viaPort(proxy.port), hallId: hallId() });
    const hall: HallApp = await createApp({ config: testConfig(), store, clock: new ManualClock(THURSDAY_10AM) });
    cleanup.push(() => hall.close());
    const api = new Api(`http://127.0.0.1:${(await hall.listen(0)).port}`);
    const first = await api.issue('company');
    expect(first.status).toBe(201);

    proxy.refuse(true);
    proxy.cut();
    const refused = await api.issue('company');
    expect([refused.status, refused.body.error.code]).toEqual([503, 'STORAGE_UNAVAILABLE']);
    const again = await api.issue('company');
    expect(again.status).toBe(503);
    expect((await api.get('/health')).status).toBe(503);
    const hallView = await api.get('/hall');
    expect(hallView.status).toBe(200);
    expect(hallView.body.services.find((s: { id: string }) => s.id === 'company').waiting).toBe(1);

    proxy.refuse(false);
    const back = await api.issue('company');
    expect(back.status).toBe(201);
    expect(back.body.ticket.number).toBe('A002');
    expect((await api.get('/health')).body).toMatchObject({ ok: true, storage: 'ok' });
  });
});
