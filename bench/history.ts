import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SERVER_NODE_FLAGS } from '../server/gc-tuning.ts';
import { LowdbStore } from '../server/store/lowdb-store.ts';
import { PgStore } from '../server/store/pg/pg-store.ts';
import { parseConfig } from '../server/config.ts';
import pg from 'pg';
import type { Store } from '../server/store/store.ts';
import { addDays, zonedTime } from '../shared/time.ts';
import type { Ticket } from '../shared/types.ts';
import { Api } from '../tests/support/harness.ts';
import { benchConfig } from './hall.ts';

const DAYS = Number(process.env.BENCH_HISTORY_DAYS ?? 365);
const PER_DAY = Number(process.env.BENCH_HISTORY_TICKETS ?? 10_000);
const OUTCOMES = ['completed', 'accepted', 'consulted', 'rejected'] as const;

/** A believable closed day: tickets through the opening hours, each served once, some rated. */
export function syntheticDay(date: string, count = PER_DAY): Ticket[] {
  const open = zonedTime(date, 9 * 60, 'Asia/Shanghai');
  const tickets: Ticket[] = [];
  const seqByPrefix = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const s = i % 20;
    const prefix = 'ABCDEFGHJKLMNPQRSTUV'[s];
    const seq = (seqByPrefix.get(prefix) ?? 0) + 1;
    seqByPrefix.set(prefix, seq);
    const issuedAt = open + Math.floor((i / count) * 7 * 3600_000);
    const calledAt = issuedAt + ((i * 7919) % 1800) * 1000;
    const endedAt = calledAt + (120 + ((i * 104729) % 900)) * 1000;
    const id = `${date.replaceAll('-', '')}-${i.toString(36).padStart(10, '0')}`;
    const w = (i % 60) + 1;
    tickets.push({
      id,
      token: 'x'.repeat(24),
      number: `${prefix}${String(seq).padStart(3, '0')}`,
      prefix,
      seq,
      businessDate: date,
      serviceId: `s${s}`,
      issuedServiceId: `s${s}`,
      priority: i % 50 === 0,
      status: 'done',
      issuedAt,
      enqueuedAt: issuedAt,
      kioskId: 'k1',
      firstCalledAt: calledAt,
      visits: [
        {
          id: `${id}-1`,
          windowId: `w${w}`,
          staffId: `c${w}`,
          serviceId: `s${s}`,
          departmentId: `d${s % 10}`,
          calledAt,
          lastCalledAt: calledAt,
          callCount: 1,
          endedAt,
          end: OUTCOMES[i % 4],
          ...(i % 3 === 0 ? { rating: { score: ((i % 5) + 1) as 1 | 2 | 3 | 4 | 5, at: endedAt, source: 'phone' as const, ...(i % 5 < 2 ? { reason: '等候时间太长' } : {}) } } : {}),
        },
      ],
    });
  }
  return tickets;
}

/**
 * BENCH_STORE=pg runs the year on PostgreSQL (DATABASE_URL) instead of the embedded files,
 * as a hall of its own id in that database.
 */
const ON_PG = process.env.BENCH_STORE === 'pg';
/** BENCH_HISTORY_HALLS (PostgreSQL): the year is copied to this many halls in all, in SQL. */
const HALLS = Number(process.env.BENCH_HISTORY_HALLS ?? 1);

/** Copies of a hall's closed days under other hall ids, made in the database (importing each would take an hour). */
async function cloneHalls(url: string, hallId: string, copies: number): Promise<void> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const t0 = performance.now();
  try {
    const config = (await db.query('SELECT config FROM halls WHERE hall_id = $1', [hallId])).rows[0].config;
    for (let i = 1; i <= copies; i++) {
      const other = `${hallId}-${i}`;
      await db.query('INSERT INTO halls (hall_id, name, config) VALUES ($1, $2, $3)', [other, `基准大厅 ${i + 1}`, config]);
      for (const t of ['tickets', 'visits', 'attendance', 'case_completions', 'closed_days']) {
        const cols = (await db.query<{ c: string }>('SELECT column_name AS c FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position', [t])).rows.map((r) => r.c);
        const values = cols.map((c) => (c === 'hall_id' ? '$2' : c)).join(', ');
        await db.query(`INSERT INTO ${t} (${cols.join(', ')}) SELECT ${values} FROM ${t} WHERE hall_id = $1`, [hallId, other]);
      }
    }
  } finally {
    await db.end();
  }
  console.log(`history: copied it to ${copies} more halls in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/** A database of the bench's own on the server of DATABASE_URL, so no other hall is in the network. */
async function benchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  const name = `hall_bench_${Date.now().toString(36)}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(process.env.DATABASE_URL!);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export interface HistoryFigures {
  startYearMs: number;
  startYearRssMb: number;
  reportDayMs: number;
  reportYearMs: number;
  rssAfterYearReportMb: number;
}

export async function historyBench(): Promise<HistoryFigures> {
  const dir = await mkdtemp(join(tmpdir(), 'hall-history-'));
  if (ON_PG && !process.env.DATABASE_URL) throw new Error('BENCH_STORE=pg needs DATABASE_URL');
  const database = ON_PG ? await benchDatabase() : undefined;
  const data = join(dir, 'data');
  const hallId = `bench-year-${Date.now().toString(36)}`;
  const config = benchConfig();
  config.hall.id = hallId;
  config.staff.push({ id: 'n1', staffNo: '9100', name: '网络管理员', departmentId: 'd0', role: 'network-manager', passwordHash: config.staff[0].passwordHash });
  const store: Store = ON_PG ? new PgStore({ url: database!.url, hallId, config: parseConfig(config) }) : new LowdbStore(data);
  await store.open();
  const first = '2025-11-26';
  const t0 = performance.now();
  for (let d = 0; d < DAYS; d++) {
    const date = addDays(first, d);
    const archive = { businessDate: date, closedAt: 0, tickets: syntheticDay(date), attendance: [], caseCompletions: [], counters: {} };
    await store.importClosedDay(archive);
  }
  await store.close();
  if (database && HALLS > 1) await cloneHalls(database.url, hallId, HALLS - 1);
  const last = addDays(first, DAYS - 1);
  console.log(`\nhistory (${ON_PG ? 'PostgreSQL' : 'embedded store'}): wrote ${DAYS} days × ${PER_DAY} tickets in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const configFile = join(dir, 'hall.json');
  await writeFile(configFile, JSON.stringify(config));
  const started = performance.now();
  const proc = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, DATA_DIR: data, HALL_CONFIG: configFile, PORT: '0', HOST: '127.0.0.1', QUIET_START: '1', LOG_LEVEL: 'info', DATABASE_URL: database?.url ?? '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /"port":(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    proc.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  const startMs = performance.now() - started;
  const rssMb = Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${proc.pid}/status`, 'utf8'))![1]) / 1024;
  console.log(`start with a year of history: ${(startMs / 1000).toFixed(2)} s to listening (incl. tsx), ${rssMb.toFixed(0)} MB resident   target < 2 s, < 300 MB`);

  const api = new Api(`http://127.0.0.1:${port}`);
  const manager = await api.login('9001');
  const time = async (path: string) => {
    const t = performance.now();
    const r = await api.get(path, manager);
    if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
    return performance.now() - t;
  };
  const oneDay = await time(`/reports/summary?from=${last}&to=${last}`);
  const oneDayAgain = await time(`/reports/summary?from=${last}&to=${last}`);
  console.log(`one-day summary: ${oneDay.toFixed(0)} ms (again ${oneDayAgain.toFixed(0)} ms)   target < 200 ms`);
  const year = await time(`/reports/summary?from=${first}&to=${last}`);
  console.log(`${DAYS}-day summary: ${year.toFixed(0)} ms   target < 500 ms${ON_PG ? ` (${HALLS} halls in the database)` : ''}`);
  if (ON_PG && HALLS > 1) {
    const network = await api.login('9100');
    const t = performance.now();
    const r = await api.get(`/reports/summary?from=${first}&to=${last}&scope=network`, network);
    if (r.status !== 200) throw new Error(`network summary: ${r.status}`);
    console.log(`${DAYS}-day network summary over ${r.body.halls.length} halls: ${(performance.now() - t).toFixed(0)} ms`);
  }
  const rssAfter = Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${proc.pid}/status`, 'utf8'))![1]) / 1024;
  console.log(`resident after the reports: ${rssAfter.toFixed(0)} MB`);
  proc.kill('SIGTERM');
  await new Promise((r) => proc.once('exit', r));
  await database?.drop();
  await rm(dir, { recursive: true, force: true });
  const r = (x: number) => Math.round(x * 10) / 10;
  return { startYearMs: r(startMs), startYearRssMb: r(rssMb), reportDayMs: r(oneDay), reportYearMs: r(year), rssAfterYearReportMb: r(rssAfter) };
}
