import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createApp } from '../server/app.ts';
import { systemClock } from '../server/clock.ts';
import { parseConfig } from '../server/config.ts';
import { LowdbStore } from '../server/store/lowdb-store.ts';
import type { HallConfigInput } from '../shared/config-schema.ts';
import { Api, type ApiResponse } from '../tests/support/harness.ts';
import { benchConfig } from './hall.ts';
import { type Latency, latency, startScreens } from './lib.ts';

/**
 * The whole busy day of SPEC §8, not only issuing: one real server in this process, with
 * 32 kiosks issuing BENCH_DAY_TICKETS (20,000) tickets flat out while 60 windows call every
 * one of them. Per visit, about 5 % are no-shows, 5 % are transferred to another service
 * (and called again there), the rest are started and finished, and 30 % of those are rated
 * on the window's pad. About 2 % of tickets are cancelled from the citizen's phone a moment
 * after issuing. BENCH_DAY_SCREENS (1,000) hall displays, in a child process, receive every
 * broadcast, and the store takes whatever checkpoints it takes along the way.
 *
 * Figures: p99 of every command (SPEC: under 25 ms), the longest event-loop stall in this
 * (the server's) process (at most 20 ms), and journal bytes per ended visit (at most 1 KB).
 */

const TICKETS = Number(process.env.BENCH_DAY_TICKETS ?? 20_000);
const SCREENS = Number(process.env.BENCH_DAY_SCREENS ?? 1000);
const KIOSKS = 32;
const WINDOWS = 60;
const SERVICES = 20;
const KIOSK = 'bench-kiosk-key-000001';
const DISPLAY = 'bench-display-key-0001';
const OUTCOMES = ['completed', 'accepted', 'consulted', 'rejected'] as const;
/** After the last command, keep watching the event loop this long: a checkpoint may still run. */
const SETTLE_MS = 1000;
/** Give up when no ticket has reached its end for this long. */
const STUCK_MS = 30_000;

export const COMMANDS = ['issue', 'call-next', 'start', 'finish', 'no-show', 'transfer', 'rate', 'cancel'] as const;
export type Command = (typeof COMMANDS)[number];

export interface DayBenchResult {
  tickets: number;
  windows: number;
  screens: number;
  /** From the first command to the last answer. */
  seconds: number;
  counts: DayCounts;
  /** p99 over every command that found work (empty call-next polls are left out, see `emptyPolls`). */
  dayCommandP99Ms: number;
  /** The longest event-loop delay in the server's process while the day ran. */
  dayMaxStallMs: number;
  dayStallP99Ms: number;
  /** Journal bytes written during the day over the visits ended (finish, no-show, transfer). */
  journalBytesPerVisit: number;
  journal: { bytesWritten: number; commits: number; checkpoints: number };
  commands: Latency;
  byKind: Record<Command, Latency>;
  /** Refusals the day's races explain (a cancel that lost to a call), by "command status CODE". */
  refusals: Record<string, number>;
  /** Any other answer that was not the expected success, by "command status CODE". */
  unexpected: Record<string, number>;
  serverErrors: number;
}

export interface DayCounts {
  issued: number;
  cancelled: number;
  finished: number;
  noShows: number;
  transfers: number;
  ratings: number;
  visitsEnded: number;
  emptyPolls: number;
}

/** The bench hall, plus a rating pad (window display) at every window. */
export function dayConfig(): HallConfigInput {
  const config = benchConfig();
  const pads = config.windows.map((w) => ({ id: `pad-${w.id}`, kind: 'window-display' as const, name: `${w.number} 号评价器`, key: padKey(w.id), windowId: w.id }));
  return { ...config, devices: [...config.devices, ...pads] };
}

function padKey(windowId: string): string {
  return `bench-window-pad-key-${windowId}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every command's latency and every answer that was not the expected success. */
class Tally {
  readonly samples = Object.fromEntries(COMMANDS.map((k) => [k, [] as number[]])) as Record<Command, number[]>;
  readonly refusals: Record<string, number> = {};
  readonly unexpected: Record<string, number> = {};
  serverErrors = 0;
  emptyPolls = 0;

  /**
   * Send one command and time it. Answers with the response when its status is `ok`; a
   * refusal `isRace` explains is counted as such, anything else as unexpected.
   */
  async send(kind: Command, request: () => Promise<ApiResponse>, ok: number, isRace: (r: ApiResponse) => boolean = () => false): Promise<ApiResponse | undefined> {
    const t0 = performance.now();
    let r: ApiResponse;
    try {
      r = await request();
    } catch (e) {
      this.count(this.unexpected, `${kind} network ${(e as Error).message}`);
      this.serverErrors++;
      return undefined;
    }
    const ms = performance.now() - t0;
    // An empty call-next is a window waiting, not work: counted, but kept out of the latencies.
    if (kind === 'call-next' && r.status === ok && r.body?.ticket === null) this.emptyPolls++;
    else this.samples[kind].push(ms);
    if (r.status === ok) return r;
    const key = `${kind} ${r.status} ${r.body?.error?.code ?? ''}`.trim();
    if (r.status >= 500) this.serverErrors++;
    this.count(r.status < 500 && isRace(r) ? this.refusals : this.unexpected, key);
    return undefined;
  }

  private count(into: Record<string, number>, key: string): void {
    into[key] = (into[key] ?? 0) + 1;
  }
}

/** What the kiosks, phones and windows share while the day runs. */
class Day {
  readonly tally = new Tally();
  readonly counts: DayCounts = { issued: 0, cancelled: 0, finished: 0, noShows: 0, transfers: 0, ratings: 0, visitsEnded: 0, emptyPolls: 0 };
  nextIssue = 0;
  issuingDone = false;
  stuck?: Error;
  readonly cancels: Promise<void>[] = [];

  constructor(readonly api: Api) {}

  /** Tickets at their end: finished, no-show or cancelled (a transferred one waits again). */
  get ended(): number {
    return this.counts.finished + this.counts.noShows + this.counts.cancelled;
  }

  get over(): boolean {
    return this.stuck !== undefined || (this.issuingDone && this.ended === this.counts.issued);
  }
}

// ---- Kiosks and phones -------------------------------------------------------------------

async function kiosk(day: Day): Promise<void> {
  while (day.nextIssue < TICKETS && !day.stuck) {
    const i = day.nextIssue++;
    const r = await day.tally.send('issue', () => day.api.issue(`s${i % SERVICES}`, { key: KIOSK }), 201);
    if (!r) continue;
    day.counts.issued++;
    if (i % 50 === 25) day.cancels.push(cancelLater(day, r.body.ticket));
  }
}

/** The citizen changes their mind within a few seconds, from the page behind the slip's QR code. */
async function cancelLater(day: Day, ticket: { id: string; statusUrl: string }): Promise<void> {
  await sleep(Math.random() * 3000);
  const token = new URL(ticket.statusUrl, day.api.url).searchParams.get('token') ?? '';
  const path = `/tickets/${ticket.id}/cancel?token=${encodeURIComponent(token)}`;
  // A window may have called the ticket first: then it is no longer the citizen's to cancel.
  const r = await day.tally.send('cancel', () => day.api.post(path, {}), 200, (x) => x.status === 409 && x.body?.error?.code === 'INVALID_STATE');
  if (r) day.counts.cancelled++;
}

// ---- Windows -----------------------------------------------------------------------------

interface CalledTicket {
  serviceId: string;
  visits: Array<{ id: string }>;
}

async function windowLoop(day: Day, n: number, token: string): Promise<void> {
  const w = `/windows/w${n}`;
  while (!day.over) {
    const r = await day.tally.send('call-next', () => day.api.post(`${w}/call-next`, {}, token), 200);
    const ticket = r?.body.ticket as CalledTicket | null | undefined;
    if (!ticket) {
      await sleep(20);
      continue;
    }
    if (!(await serve(day, w, token, ticket))) await clearWindow(day, w, token);
  }
}

/** One visit, from the call to its end; false when a command failed and the window still holds it. */
async function serve(day: Day, w: string, token: string, ticket: CalledTicket): Promise<boolean> {
  const { tally, api, counts } = day;
  const roll = Math.random();
  if (roll < 0.05) {
    if (!(await tally.send('no-show', () => api.post(`${w}/no-show`, {}, token), 200))) return false;
    counts.noShows++;
    counts.visitsEnded++;
    return true;
  }
  if (roll < 0.1) {
    const to = otherService(ticket.serviceId);
    if (!(await tally.send('transfer', () => api.post(`${w}/transfer`, { serviceId: to }, token), 200))) return false;
    counts.transfers++;
    counts.visitsEnded++;
    return true;
  }
  if (!(await tally.send('start', () => api.post(`${w}/start`, {}, token), 200))) return false;
  const outcome = OUTCOMES[Math.floor(Math.random() * OUTCOMES.length)];
  const finished = await tally.send('finish', () => api.post(`${w}/finish`, { outcome }, token), 200);
  if (!finished) return false;
  counts.finished++;
  counts.visitsEnded++;
  if (Math.random() < 0.3) await rateOnPad(day, w, (finished.body.ticket as CalledTicket).visits.at(-1)!.id);
  return true;
}

/** The citizen taps the pad before leaving the window: mostly content, now and then a bad review. */
async function rateOnPad(day: Day, w: string, visitId: string): Promise<void> {
  const score = [5, 5, 5, 5, 4, 4, 4, 3, 2, 1][Math.floor(Math.random() * 10)];
  const body = { visitId, score, ...(score <= 2 ? { reason: '等候时间太长' } : {}) };
  const r = await day.tally.send('rate', () => day.api.post(`${w}/rating`, body, padKey(w.slice('/windows/'.length))), 201);
  if (r) day.counts.ratings++;
}

function otherService(serviceId: string): string {
  const i = Number(serviceId.slice(1));
  return `s${(i + 1 + Math.floor(Math.random() * (SERVICES - 1))) % SERVICES}`;
}

/** After a failed command, end the visit so the window can call again (counted like any finish). */
async function clearWindow(day: Day, w: string, token: string): Promise<void> {
  const r = await day.tally.send('finish', () => day.api.post(`${w}/finish`, { outcome: 'consulted' }, token), 200);
  if (r) {
    day.counts.finished++;
    day.counts.visitsEnded++;
  }
}

/** Stop the day when no ticket has reached its end for STUCK_MS: a ticket nobody can call. */
function watchForStuck(day: Day): NodeJS.Timeout {
  let last = -1;
  let since = performance.now();
  const timer = setInterval(() => {
    if (day.ended !== last) {
      last = day.ended;
      since = performance.now();
    } else if (performance.now() - since > STUCK_MS && !day.over) {
      day.stuck = new Error(`day stuck: ${day.counts.issued - day.ended} tickets never reached their end (${JSON.stringify(day.counts)})`);
    }
  }, 1000);
  timer.unref();
  return timer;
}

// ---- The bench ---------------------------------------------------------------------------

export async function dayBench(): Promise<DayBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'hall-day-'));
  const store = new LowdbStore(dir);
  const hall = await createApp({ config: parseConfig(dayConfig()), store, clock: systemClock });
  let screens: Awaited<ReturnType<typeof startScreens>> | undefined;
  try {
    const addr = await hall.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${addr.port}`;
    const api = new Api(url);
    const tokens = await Promise.all(Array.from({ length: WINDOWS }, (_, i) => api.openWindow(i + 1)));
    // A day's receipts of every call on every screen are kept in the child: give it room.
    screens = await startScreens(url, SCREENS, { key: DISPLAY }, { heapMb: 8192 });

    const day = new Day(api);
    const before = store.stats();
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    const t0 = performance.now();
    const watchdog = watchForStuck(day);
    const issuing = Promise.all(Array.from({ length: KIOSKS }, () => kiosk(day))).then(() => Promise.all(day.cancels));
    const windows = Promise.all(tokens.map((token, i) => windowLoop(day, i + 1, token)));
    await issuing;
    day.issuingDone = true;
    await windows;
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(watchdog);
    await sleep(SETTLE_MS);
    loop.disable();
    const after = store.stats();
    if (day.stuck) throw day.stuck;

    return result(day, seconds, loop, {
      bytesWritten: after.journalBytesWritten - before.journalBytesWritten,
      commits: after.commits - before.commits,
      checkpoints: after.checkpoints - before.checkpoints,
    });
  } finally {
    screens?.stop();
    await hall.close();
    await rm(dir, { recursive: true, force: true });
  }
}

function result(day: Day, seconds: number, loop: ReturnType<typeof monitorEventLoopDelay>, journal: DayBenchResult['journal']): DayBenchResult {
  const { tally, counts } = day;
  const commands = latency(COMMANDS.flatMap((k) => tally.samples[k]));
  const byKind = Object.fromEntries(COMMANDS.map((k) => [k, latency(tally.samples[k])])) as Record<Command, Latency>;
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  return {
    tickets: TICKETS,
    windows: WINDOWS,
    screens: SCREENS,
    seconds,
    counts: { ...counts, emptyPolls: tally.emptyPolls },
    dayCommandP99Ms: commands.p99,
    dayMaxStallMs: ms(loop.max),
    dayStallP99Ms: ms(loop.percentile(99)),
    journalBytesPerVisit: counts.visitsEnded > 0 ? Math.round(journal.bytesWritten / counts.visitsEnded) : 0,
    journal,
    commands,
    byKind,
    refusals: tally.refusals,
    unexpected: tally.unexpected,
    serverErrors: tally.serverErrors,
  };
}

/** A 5xx (or a dropped connection) during the day fails the bench, after its figures are shown. */
export function failOnServerErrors(r: DayBenchResult): void {
  if (r.serverErrors > 0) throw new Error(`day bench: ${r.serverErrors} server errors: ${JSON.stringify(r.unexpected)}`);
}
