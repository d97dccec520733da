import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { LowdbStore } from '../server/store/lowdb-store.ts';
import type { Change } from '../shared/state.ts';
import { syntheticDay } from './history.ts';

/**
 * The embedded store's own stalls, apart from any traffic: a live day of 20,000 finished
 * tickets (committed as a day's journal would: issued, then called, then finished), then
 * a checkpoint of it and the day close, each timed while the event loop's delay is
 * watched. SPEC §8: no stall over 20 ms.
 */
export interface StoreBenchResult {
  tickets: number;
  checkpointMs: number;
  checkpointMaxStallMs: number;
  dayCloseMs: number;
  dayCloseMaxStallMs: number;
}

async function watched(fn: () => Promise<void>): Promise<{ ms: number; maxStallMs: number }> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  // Something to keep the loop turning, as requests would.
  const ticker = setInterval(() => undefined, 1);
  h.enable();
  const t0 = performance.now();
  await fn();
  const ms = performance.now() - t0;
  h.disable();
  clearInterval(ticker);
  return { ms, maxStallMs: h.max / 1e6 };
}

export async function storeBench(tickets = Number(process.env.BENCH_DAY_TICKETS ?? 20_000)): Promise<StoreBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'hall-store-bench-'));
  // No automatic checkpoint while the day is loaded: the one measured is the one below.
  const store = new LowdbStore(dir, { checkpointBytes: Number.MAX_SAFE_INTEGER });
  try {
    await store.open();
    const date = '2026-11-26';
    await store.commit([{ c: 'meta', id: 'businessDate', v: date }]);
    const day = syntheticDay(date, tickets);
    for (let i = 0; i < day.length; i += 500) {
      const batch = day.slice(i, i + 500);
      const waiting: Change[] = batch.map((t) => ({ c: 'tickets', id: t.id, v: { ...t, status: 'waiting', visits: [] } }));
      await store.commit(waiting);
      await store.commit(batch.map((t) => ({ c: 'tickets', id: t.id, v: t, patch: { set: { status: t.status, 'visits.0': t.visits[0] } } })));
    }
    const checkpoint = await watched(() => store.checkpoint());
    const close = await watched(() => store.closeDay({ date, nextDate: '2026-11-27', closedAt: Date.now(), changes: [] }));
    return { tickets: day.length, checkpointMs: checkpoint.ms, checkpointMaxStallMs: checkpoint.maxStallMs, dayCloseMs: close.ms, dayCloseMaxStallMs: close.maxStallMs };
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
