import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LowdbStore } from '../server/store/lowdb-store.ts';
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

export async function historyBench(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'hall-history-'));
  const data = join(dir, 'data');
  const store = new LowdbStore(data);
  await store.open();
  const first = '2025-11-26';
  const t0 = performance.now();
  for (let d = 0; d < DAYS; d++) {
    const date = addDays(first, d);
    const archive = { businessDate: date, closedAt: 0, tickets: syntheticDay(date), attendance: [], caseCompletions: [], counters: {} };
    await store.importClosedDay(archive);
  }
  await store.close();
  const last = addDays(first, DAYS - 1);
  console.log(`\nhistory: wrote ${DAYS} days × ${PER_DAY} tickets in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const configFile = join(dir, 'hall.json');
  await writeFile(configFile, JSON.stringify(benchConfig()));
  const started = performance.now();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, DATA_DIR: data, HALL_CONFIG: configFile, PORT: '0', HOST: '127.0.0.1', QUIET_START: '1', LOG_LEVEL: 'info' },
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
  console.log(`${DAYS}-day summary: ${year.toFixed(0)} ms   target < 3000 ms`);
  const rssAfter = Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${proc.pid}/status`, 'utf8'))![1]) / 1024;
  console.log(`resident after the reports: ${rssAfter.toFixed(0)} MB`);
  proc.kill('SIGTERM');
  await rm(dir, { recursive: true, force: true });
}
