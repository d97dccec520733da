import { fork } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createApp } from '../server/app.ts';
import { systemClock } from '../server/clock.ts';
import { parseConfig } from '../server/config.ts';
import { LowdbStore } from '../server/store/lowdb-store.ts';
import type { HallConfigInput } from '../shared/config-schema.ts';
import { benchConfig } from './hall.ts';
import { COMMANDS, type Command, type DayClientsResult, type DayCounts, type DayPhones, type DayPlan } from './day-plan.ts';
import { monotonicMs, monotonicOffsetMs } from './clock.ts';
import { SPLIT_HEADERS } from './lean-api.ts';
import { addGcTime, addMachineStops, startWitness, watchGc, type Latency, latency, mainThreadSchedstat, nextMessage, pinAsLoad, serveOnOwnCpus, type Stall, startScreens, stealPerCpu, watchStalls } from './lib.ts';

/**
 * The whole busy day of SPEC §8, not only issuing: one real server in this process, and
 * nothing else. BENCH_DAY_TICKETS (20,000) tickets are issued at BENCH_DAY_RATE (50) a
 * second — a seven-hour day in under seven minutes — while 60 windows call, serve and
 * finish every one of them (bench/day-clients.ts, in a child process: 32 kiosks, no-shows,
 * transfers, pad and phone ratings, phone cancellations, and BENCH_DAY_PHONE_SHARE (30 %)
 * of the tickets followed on a phone page). BENCH_DAY_SCREENS (1,000) hall displays, in another
 * child, receive every broadcast, and the store takes whatever checkpoints it takes along
 * the way. The screens' process runs in the idle scheduling class (see startScreens).
 *
 * Figures: p99 of every command (SPEC: under 25 ms), the longest event-loop stall in this
 * (the server's) process (at most 20 ms), and journal bytes per ended visit (at most 1 KB).
 */

const TICKETS = Number(process.env.BENCH_DAY_TICKETS ?? 20_000);
const RATE = Number(process.env.BENCH_DAY_RATE ?? 50);
const SCREENS = Number(process.env.BENCH_DAY_SCREENS ?? 1000);
const WINDOWS = 60;
const SERVICES = 20;
const KIOSKS = 32;
/** The share of tickets whose holder follows them on the phone page (SPEC §8: screens and phones connected). */
const PHONE_SHARE = Number(process.env.BENCH_DAY_PHONE_SHARE ?? 0.3);
const KIOSK_KEY_PREFIX = 'bench-day-kiosk-key-';
const DISPLAY = 'bench-display-key-0001';
const PAD_KEY_PREFIX = 'bench-window-pad-key-';
/** After the last command, keep watching the event loop this long: a checkpoint may still run. */
const SETTLE_MS = 1000;
/**
 * The journal's size that starts a checkpoint (the store's default, 16 MB, where unset): a
 * smaller one brings checkpoints into a short day (a 6,000-ticket day writes about 5 MB).
 */
const CHECKPOINT_BYTES = process.env.BENCH_DAY_CHECKPOINT_MB ? Number(process.env.BENCH_DAY_CHECKPOINT_MB) * 1024 * 1024 : undefined;

export interface DayBenchResult {
  tickets: number;
  rate: number;
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
  /** The longest delay as the kernel saw it (see watchStalls), and the most time on a CPU within any one delay. */
  stalls: { longest: Stall | undefined; mostOnCpu: Stall | undefined; over20Ms: number; over20MsWithMajorFaults: number; over20MsMachineStopped: number };
  /** Journal bytes written during the day over the visits ended (finish, no-show, transfer). */
  journalBytesPerVisit: number;
  journal: {
    bytesWritten: number;
    commits: number;
    checkpoints: number;
    syncs: number;
    /** The longest since the store opened, set-up included: the store keeps no per-day maximum. */
    syncMaxMs: number;
    /** When each sync over 100 ms began and how long it took, and when the checkpoints ran: seconds from the day's first command. */
    verySlowSyncsAtS: Array<[at: number, ms: number]>;
    checkpointsAtS: Array<[number, number]>;
    slowSyncs: number;
  };
  /** Garbage-collection pauses in the server's process, and the longest of each kind. */
  gc: Latency & { longestByKind: Record<string, number> };
  commands: Latency;
  /** The same commands timed inside the server, from the request read to the answer written (a day's POSTs to /api). */
  answeredInServer: Latency;
  /** Each command's wait for its commit in the store: queued behind the batch in flight, written, fdatasynced, answered. */
  committedInStore: Latency;
  /** The load generator's own event-loop delay: time a command's answer may wait in the clients' process before it is timed. */
  clientsDelay: DayClientsResult['ownDelay'];
  slowest: DayClientsResult['slowest'];
  outsideP99: DayClientsResult['outsideP99'];
  clientsThread: DayClientsResult['ownThread'];
  byKind: Record<Command, Latency>;
  /** Refusals the day's races explain (a cancel that lost to a call), by "command status CODE". */
  refusals: Record<string, number>;
  /** Any other answer that was not the expected success, by "command status CODE". */
  unexpected: Record<string, number>;
  serverErrors: number;
  /** The phone pages: how many, the most open at once, and how long after the window's call-next each showed the call. */
  phones: Omit<DayPhones, 'callShownMs'> & { callShown: Latency };
  /** The share of the day the server's main thread was on a CPU (the event loop's load). */
  serverBusy: number;
  /** The hypervisor's steal of each CPU while the day ran (this machine is a VM; a busy host takes time from it). */
  stealMs: number[];
}

/**
 * The bench hall with its 32 kiosks and a rating pad (window display) at every window. The
 * phones of a hall come from many addresses; the bench's all come from one.
 */
export function dayConfig(): HallConfigInput {
  const config = benchConfig();
  const kiosks = kioskKeys().map((key, i) => ({ id: `kiosk-${i + 1}`, kind: 'kiosk' as const, name: `${i + 1} 号取号机`, key }));
  const pads = config.windows.map((w) => ({ id: `pad-${w.id}`, kind: 'window-display' as const, name: `${w.number} 号评价器`, key: `${PAD_KEY_PREFIX}${w.id}`, windowId: w.id }));
  return { ...config, devices: [...config.devices, ...kiosks, ...pads], limits: { ...config.limits, socketHandshakePerMinutePerAddress: 1_000_000 } };
}

const kioskKeys = () => Array.from({ length: KIOSKS }, (_, i) => `${KIOSK_KEY_PREFIX}${String(i + 1).padStart(4, '0')}`);

/** The kiosks, windows and phones in their own process (bench/day-clients.ts), logged in and waiting for the word. */
async function startClients(url: string, plan: DayPlan): Promise<{ go: () => Promise<void>; result: () => Promise<DayClientsResult>; stop: () => Promise<void> }> {
  const child = fork(fileURLToPath(new URL('./day-clients.ts', import.meta.url)), [url, JSON.stringify(plan)], { execArgv: ['--import', 'tsx', ...profileArgs(process.env.BENCH_DAY_CLIENTS_PROF)] });
  pinAsLoad(child.pid);
  await nextMessage(child, 'day clients');
  pinAsLoad(child.pid);
  return {
    /** Runs the day; resolves when its last command is answered. */
    go: async () => {
      const done = nextMessage(child, 'day clients');
      child.send({ type: 'go' });
      await done;
    },
    /** Every command's time, taken over IPC (parsed here, on the server's event loop). */
    result: async () => {
      const answer = nextMessage<{ result: DayClientsResult }>(child, 'day clients');
      child.send({ type: 'result' });
      return (await answer).result;
    },
    /** Once asked for its result the child exits by itself (writing its profile, if asked for one); else it is killed. */
    stop: async () => {
      if (child.exitCode === null) await Promise.race([new Promise((r) => child.once('exit', r)), sleep(5000)]);
      child.kill();
    },
  };
}

/** A V8 CPU profile of the clients' process into `dir` (BENCH_DAY_CLIENTS_PROF), read with bench/profile-top.ts. */
const profileArgs = (dir: string | undefined) => (dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : []);

/**
 * The server's allocations through the day, sampled, for BENCH_DAY_HEAP_PROF: the returned
 * function writes a `.heapprofile` (Chrome's format; read it with bench/heap-top.ts). Those
 * the young generation's collections freed are included unless BENCH_DAY_HEAP_PROF_MINOR=0,
 * which leaves what survived them: what was promoted. BENCH_DAY_HEAP_PROF_MAJOR=0 also
 * leaves out what the old generation's collections freed, and collects all garbage before
 * the profile is taken: what is still held at the day's end.
 */
async function sampleAllocations(): Promise<(file: string) => Promise<void>> {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  const major = process.env.BENCH_DAY_HEAP_PROF_MAJOR !== '0';
  await session.post('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: major, includeObjectsCollectedByMinorGC: major && process.env.BENCH_DAY_HEAP_PROF_MINOR !== '0' } as never);
  return async (file) => {
    if (!major) await session.post('HeapProfiler.collectGarbage');
    const { profile } = (await session.post('HeapProfiler.stopSampling')) as { profile: unknown };
    await writeFile(file, JSON.stringify(profile));
    session.disconnect();
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function dayBench(): Promise<DayBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'hall-day-'));
  const store = new LowdbStore(dir, { checkpointBytes: CHECKPOINT_BYTES });
  const hall = await createApp({ config: parseConfig(dayConfig()), store, clock: systemClock });
  let screens: Awaited<ReturnType<typeof startScreens>> | undefined;
  let clients: Awaited<ReturnType<typeof startClients>> | undefined;
  let cpus: Awaited<ReturnType<typeof serveOnOwnCpus>> | undefined;
  let witness: Awaited<ReturnType<typeof startWitness>> | undefined;
  try {
    const addr = await hall.listen(0, '127.0.0.1');
    cpus = await serveOnOwnCpus();
    const url = `http://127.0.0.1:${addr.port}`;
    // The screens read every message; the day times calls on the phone pages, so they keep no receipts.
    screens = await startScreens(url, SCREENS, { key: DISPLAY }, { keepReceipts: false });
    clients = await startClients(url, { tickets: TICKETS, rate: RATE, windows: WINDOWS, services: SERVICES, kioskKeys: kioskKeys(), padKeyPrefix: PAD_KEY_PREFIX, phoneShare: PHONE_SHARE });

    witness = await startWitness();
    const before = store.stats();
    const stealBefore = stealPerCpu();
    const loop = monitorEventLoopDelay({ resolution: 1 });
    const gcWatch = watchGc();
    loop.enable();
    const stallWatch = watchStalls();
    const busyBefore = [mainThreadCpuMs(), performance.now()];
    const answers = timeAnswers(hall.server, { split: true });
    const commits = timeCommits(store, process.env.BENCH_DAY_COMMITS);
    const dayStart = performance.now();
    const intoDay = (at: number) => Math.round((at - dayStart) / 100) / 10;
    const heapProfile = process.env.BENCH_DAY_HEAP_PROF ? await sampleAllocations() : undefined;
    await clients.go();
    await heapProfile?.(process.env.BENCH_DAY_HEAP_PROF!);
    await sleep(SETTLE_MS);
    loop.disable();
    const serverBusy = (mainThreadCpuMs() - busyBefore[0]) / (performance.now() - busyBefore[1]);
    const answeredInServer = answers.stop();
    const committedInStore = commits.stop();
    const stalls = stallWatch.stop();
    const gc = gcWatch.stop();
    addGcTime(stalls, gc.spans);
    addMachineStops(stalls, await witness.stop());
    witness = undefined;
    if (process.env.BENCH_DAY_STALLS) await writeStalls(process.env.BENCH_DAY_STALLS, stalls);
    await commits.save();
    const after = store.stats();
    const stealMs = stealPerCpu().map((ms, i) => ms - (stealBefore[i] ?? 0));
    const day = await clients.result();
    if (day.stuck) throw new Error(day.stuck);

    return result(day, { answeredInServer, committedInStore }, loop, stalls, { ...latency(gc.pauses), longestByKind: gc.longestByKind }, {
      bytesWritten: after.journalBytesWritten - before.journalBytesWritten,
      commits: after.commits - before.commits,
      checkpoints: after.checkpoints - before.checkpoints,
      syncs: after.syncs - before.syncs,
      syncMaxMs: after.syncMaxMs,
      verySlowSyncsAtS: after.verySlowSyncs.filter(([at]) => at >= dayStart).map(([at, ms]) => [intoDay(at), Math.round(ms)]),
      checkpointsAtS: after.checkpointSpans.filter(([start]) => start >= dayStart).map(([start, end]) => [intoDay(start), intoDay(end)]),
      slowSyncs: after.slowSyncs - before.slowSyncs,
    }, stealMs, serverBusy);
  } finally {
    await clients?.stop();
    screens?.stop();
    witness?.kill();
    await cpus?.release();
    await hall.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Every delay recorded, on the kernel's CLOCK_MONOTONIC, for `perf record -k CLOCK_MONOTONIC`
 * of the same day (read together by bench/stall-stacks.ts).
 */
async function writeStalls(file: string, stalls: Stall[]): Promise<void> {
  const offset = monotonicOffsetMs();
  await writeFile(file, JSON.stringify({ pid: process.pid, stalls: stalls.map((s) => ({ ...s, endedAtMonotonicMs: s.endedAt + offset })) }));
}

/**
 * Each POST to /api timed from the moment the server reads it to its answer's last byte
 * written; with `split`, the moments it was read and answered go back to the client in
 * SPLIT_HEADERS (the day's clients read them; the hall part's do not, and pays nothing).
 */
export function timeAnswers(server: Server, { split = false } = {}): { stop: () => Latency } {
  const samples: number[] = [];
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST' || !req.url?.startsWith('/api/')) return;
    const t0 = performance.now();
    res.once('finish', () => samples.push(performance.now() - t0));
    if (!split) return;
    res.setHeader(SPLIT_HEADERS.read, monotonicMs().toFixed(3));
    const writeHead = res.writeHead;
    res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
      this.setHeader(SPLIT_HEADERS.answered, monotonicMs().toFixed(3));
      return writeHead.apply(this, args);
    } as ServerResponse['writeHead'];
  };
  server.on('request', onRequest);
  return {
    stop: () => {
      server.off('request', onRequest);
      return latency(samples);
    },
  };
}

/** Time this process's main thread has spent on a CPU (NaN where /proc cannot say). */
function mainThreadCpuMs(): number {
  try {
    return mainThreadSchedstat()[0] / 1e6;
  } catch {
    return Number.NaN;
  }
}

/**
 * Each commit timed from the call to its answer; with `file` (BENCH_DAY_COMMITS), each one's
 * start (ms on CLOCK_MONOTONIC, as the kernel's trace clock "mono" gives it) and time go there.
 */
function timeCommits(store: LowdbStore, file?: string): { stop: () => Latency; save: () => Promise<void> } {
  const offset = monotonicOffsetMs();
  const samples: number[] = [];
  const starts: number[] = [];
  const commit = store.commit;
  store.commit = (changes) => {
    const t0 = performance.now();
    return commit.call(store, changes).finally(() => {
      samples.push(performance.now() - t0);
      if (file) starts.push(t0 + offset);
    });
  };
  return {
    stop: () => {
      store.commit = commit;
      return latency(samples);
    },
    /** Written once the day's delays are no longer watched: making the JSON of a whole day's commits holds the loop longer than any delay of the day. */
    save: async () => {
      if (file) await writeFile(file, JSON.stringify(starts.map((at, i) => [Math.round(at * 10) / 10, Math.round(samples[i] * 100) / 100])));
    },
  };
}

function result(day: DayClientsResult, inServer: { answeredInServer: Latency; committedInStore: Latency }, loop: ReturnType<typeof monitorEventLoopDelay>, stalls: Stall[], gc: DayBenchResult['gc'], journal: DayBenchResult['journal'], stealMs: number[], serverBusy: number): DayBenchResult {
  const most = (key: 'ms' | 'onCpuMs') => stalls.reduce<Stall | undefined>((a, b) => (!a || b[key] > a[key] ? b : a), undefined);
  const { counts } = day;
  const commands = latency(COMMANDS.flatMap((k) => day.samples[k]));
  const byKind = Object.fromEntries(COMMANDS.map((k) => [k, latency(day.samples[k])])) as Record<Command, Latency>;
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  return {
    tickets: TICKETS,
    rate: RATE,
    windows: WINDOWS,
    screens: SCREENS,
    seconds: day.seconds,
    counts,
    dayCommandP99Ms: commands.p99,
    dayMaxStallMs: ms(loop.max),
    dayStallP99Ms: ms(loop.percentile(99)),
    stalls: { longest: most('ms'), mostOnCpu: most('onCpuMs'), over20Ms: stalls.filter((x) => x.ms > 20).length, over20MsWithMajorFaults: stalls.filter((x) => x.ms > 20 && x.majorFaults > 0).length, over20MsMachineStopped: stalls.filter((x) => x.ms > 20 && (x.machineStoppedMs ?? 0) >= x.ms / 2).length },
    journalBytesPerVisit: counts.visitsEnded > 0 ? Math.round(journal.bytesWritten / counts.visitsEnded) : 0,
    journal,
    gc,
    commands,
    ...inServer,
    clientsDelay: day.ownDelay,
    slowest: day.slowest,
    outsideP99: day.outsideP99,
    clientsThread: day.ownThread,
    byKind,
    refusals: day.refusals,
    unexpected: day.unexpected,
    serverErrors: day.serverErrors,
    phones: (({ callShownMs, ...rest }) => ({ ...rest, callShown: latency(callShownMs) }))(day.phones),
    stealMs,
    serverBusy,
  };
}

/** A 5xx (or a dropped connection) during the day fails the bench, after its figures are shown. */
export function failOnServerErrors(r: DayBenchResult): void {
  if (r.serverErrors > 0) throw new Error(`day bench: ${r.serverErrors} server errors: ${JSON.stringify(r.unexpected)}`);
}
