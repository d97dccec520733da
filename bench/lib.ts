import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { cpus, setPriority } from 'node:os';
import { performance, constants as perfConstants, PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { monotonicOffsetMs } from './clock.ts';
import { keepCpusAwake } from './keep-awake.ts';
import { setSchedulingClass } from './sched-class.ts';
import { threadPoolThreads } from './thread-pool.ts';
import type { RequestAsk } from './requests.ts';

/** Latency percentiles in milliseconds. */
export interface Latency {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

export function latency(samples: number[]): Latency {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? 0;
  const r = (x: number) => Math.round(x * 100) / 100;
  return { n: s.length, p50: r(at(0.5)), p99: r(at(0.99)), max: r(s[s.length - 1] ?? 0) };
}

/** perf_hooks' gc entry kinds. */
const GC_KINDS: Record<number, string> = {
  [perfConstants.NODE_PERFORMANCE_GC_MINOR]: 'minor (scavenge)',
  [perfConstants.NODE_PERFORMANCE_GC_MAJOR]: 'major (mark-compact)',
  [perfConstants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental marking',
  [perfConstants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
};

export interface GcPauses {
  /** Each pause's length (ms), and when it began and ended (performance.now()). */
  pauses: number[];
  spans: Array<[number, number]>;
  /** The longest pause of each kind, to 0.1 ms. */
  longestByKind: Record<string, number>;
}

/** This process's garbage-collection pauses from now until `stop`. */
export function watchGc(): { stop: () => GcPauses } {
  const seen: GcPauses = { pauses: [], spans: [], longestByKind: {} };
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      seen.pauses.push(e.duration);
      seen.spans.push([e.startTime, e.startTime + e.duration]);
      const kind = GC_KINDS[(e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? 0] ?? 'other';
      seen.longestByKind[kind] = Math.max(seen.longestByKind[kind] ?? 0, Math.round(e.duration * 10) / 10);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    stop: () => {
      observer.disconnect();
      return seen;
    },
  };
}

/** Fire `fn` at a fixed rate (open loop, so a slow answer does not slow the offered load). */
export async function atRate(perSecond: number, total: number, fn: () => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  const interval = 1000 / perSecond;
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const t0 = performance.now();
    pending.push(fn().then(() => void samples.push(performance.now() - t0)));
  }
  await Promise.all(pending);
  return samples;
}

export function line(name: string, subject: Latency, baseline: Latency, target: string): string {
  const ratio = baseline.p99 > 0 ? (subject.p99 / baseline.p99).toFixed(2) : 'n/a';
  return `${name.padEnd(34)} p50 ${subject.p50.toFixed(2).padStart(7)} ms  p99 ${subject.p99.toFixed(2).padStart(7)} ms  (baseline p99 ${baseline.p99.toFixed(2)} ms, ratio ${ratio})  target ${target}`;
}

/** A figure with no baseline beside it, in the same columns as `line`; `note` in place of a target where there is none. */
export function figure(name: string, subject: Latency, target: string, note?: string): string {
  return `${name.padEnd(34)} p50 ${subject.p50.toFixed(2).padStart(7)} ms  p99 ${subject.p99.toFixed(2).padStart(7)} ms  (max ${subject.max.toFixed(2)} ms, n ${subject.n})  ${note ?? `target ${target}`}`;
}

/**
 * The bench's load generators (screens, kiosks, windows) stand for devices elsewhere in the
 * hall; the server stands for a hall PC of two cores that runs nothing else. Left to the
 * scheduler they take the server's CPU and show as its event-loop stalls (measured: a 57 ms
 * delay of which 11 ms on the CPU and 47 ms ready to run, waiting for a core). Pinned to
 * one half of the CPUs with every one of its threads, the server fared little better: V8's
 * four GC helpers and libuv's file-system threads took 4 ms turns on the main thread's
 * core (perf sched: a scavenge's helpers round-robin for 40 ms while the main thread
 * waited for them).
 *
 * So the server's event loop gets the first half of the CPUs to itself, as it would on the
 * hall's PC, at nice SERVER_NICENESS, so neither the generators nor the machine's own
 * daemons come first (at −10 this machine's agent, a tokio runtime itself at −10, took the
 * event loop's core for 12 ms at a time; perf sched). libuv's thread pool shares that half
 * in the real-time class: a journal write needs its thread for microseconds, and every
 * other place tried made commits wait for a CPU — on the load half behind `kdamond`
 * (below) for up to 35 ms; at nice 0 on every CPU 20–60 ms behind the event loop and V8's
 * helpers (2026-12-04); at the main thread's priority on every CPU 1–4 ms at p99, behind
 * V8's helpers or the load half waking from a halt (sched_switch traced, 2026-12-05).
 * V8's helpers share the other half with the generators at their priority: ahead of them
 * (as they would be on the PC) they kept the day's clients from their answers. Not below
 * them either: the scavenge runs on the main thread alone (server/gc-tuning.ts), but a
 * pause still waits for a helper's task under way, and with the helpers in the idle class
 * the server's GC pauses waited 0.26–6.2 s for them (bench/HISTORY.md, 2026-12-05 08:48–).
 * The generators take what is left, and their own delays count in the latencies they measure.
 *
 * Every other thread of the machine that may move leaves the server's half too, as if the
 * hall's PC ran nothing else there. Nice values do not keep a kernel thread away: this
 * kernel runs without preemption (`Dynamic Preempt: none`), so a kernel thread keeps the
 * CPU until it yields. perf on the event loop's CPU (bench/stall-stacks.ts) found the
 * host's memory monitor (`kdamond`, DAMON reclaiming cold pages for the hypervisor) holding
 * it 16–35 ms at a time in 23 of a 6,000-ticket day's 26 delays over 20 ms, the main
 * thread ready and waiting; moved to the other half, that day had 4.
 */
const SERVER_NICENESS = -20;

function cpuHalves(): { server: string; load: string; serverCpus: number[] } | undefined {
  // Every CPU of the machine: availableParallelism() counts only those this process may use now.
  const n = cpus().length;
  const half = Math.floor(n / 2);
  return n < 2 ? undefined : { server: `0-${half - 1}`, load: `${half}-${n - 1}`, serverCpus: Array.from({ length: half }, (_, i) => i) };
}

/** `taskset`: `all` moves every thread of the process, else only the thread `pid` names. */
function taskset(cpus: string, pid: number, all = true): void {
  try {
    execFileSync('taskset', [...(all ? ['-a'] : []), '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
  } catch {
    console.warn('bench: taskset failed; the load generators and the server share every CPU');
  }
}

/**
 * A load generator: every thread of process `pid` on the load half of the CPUs, at `nice`.
 * Forked once the server's threads run at SERVER_NICENESS, it inherited that priority and
 * competed with the server's GC helpers as an equal (perf sched: a scavenge's helpers
 * waiting behind the day's clients in 4 ms turns while the main thread waited for them).
 * Call it after the fork and again once the process is up: threads it starts later take
 * the place and priority of the thread that starts them.
 */
export function pinAsLoad(pid: number | undefined, nice = 0): void {
  if (pid === undefined) return;
  const halves = cpuHalves();
  if (halves) taskset(halves.load, pid);
  for (const tid of threadsOf(String(pid))) renice(tid, nice);
}

/** The threads of a process (`self` for this one); none where there is no /proc. */
function threadsOf(pid: string): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).map(Number);
  } catch {
    return []; // not Linux: the process stays where taskset (if any) put it
  }
}

/** This process's threads other than the main one (the event loop): V8's workers, libuv's pool. */
function helperThreads(): number[] {
  return threadsOf('self').filter((tid) => tid !== process.pid);
}

function renice(tid: number, niceness: number): boolean {
  try {
    setPriority(tid, niceness);
    return true;
  } catch {
    return false;
  }
}

/**
 * Every thread of other processes, kernel threads included, that may run on the server's
 * half and may move (per-CPU kernel threads may not), onto the load half; `restore` puts
 * each back where it was.
 */
function moveOthersTo(cpus: string): () => void {
  const moved: Array<[number, string]> = [];
  for (const pid of otherProcesses()) {
    for (const tid of threadsOf(pid)) {
      const allowed = allowedCpus(tid);
      if (!allowed || !allowed.includes(',') && !allowed.includes('-')) continue; // one CPU: bound there
      try {
        execFileSync('taskset', ['-p', '-c', cpus, String(tid)], { stdio: 'ignore' });
        moved.push([tid, allowed]);
      } catch {
        // gone meanwhile, or a kernel thread that may not move
      }
    }
  }
  return () => {
    for (const [tid, allowed] of moved) {
      try {
        execFileSync('taskset', ['-p', '-c', allowed, String(tid)], { stdio: 'ignore' });
      } catch {
        // gone meanwhile
      }
    }
  };
}

/** Every process's id but this one's; none where there is no /proc. */
function otherProcesses(): string[] {
  try {
    return readdirSync('/proc').filter((d) => /^\d+$/.test(d) && Number(d) !== process.pid);
  } catch {
    return [];
  }
}

/** The CPUs a thread may run on (`0-1`, `0,2`), or undefined where there is no /proc. */
function allowedCpus(tid: number): string | undefined {
  try {
    return /^Cpus_allowed_list:\s*(\S+)/m.exec(readFileSync(`/proc/${tid}/status`, 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

/**
 * This process (the server under test): its main thread alone on the lower half of the
 * CPUs, ahead of everything; libuv's thread pool there too, in the real-time class, so a
 * journal write starts the moment the main thread hands it over; V8's helper threads on
 * the upper half at the load generators' priority, with every other thread of the machine
 * that may move; the lower half kept from halting (keep-awake.ts), until `release` puts
 * every thread back. Call it once the server listens: threads started later inherit the
 * main thread's place. Why each goes where: the comment above SERVER_NICENESS.
 */
export async function serveOnOwnCpus(): Promise<{ release: () => Promise<void> }> {
  const halves = cpuHalves();
  if (!halves) return { release: async () => undefined };
  taskset(halves.server, process.pid, false);
  const pool = await threadPoolThreads();
  const v8Helpers = helperThreads().filter((tid) => !pool.includes(tid));
  for (const tid of v8Helpers) {
    taskset(halves.load, tid, false);
    renice(tid, 0);
  }
  for (const tid of pool) taskset(halves.server, tid, false);
  // Raising a thread's priority needs root (or CAP_SYS_NICE); without it they share equally.
  if (!renice(process.pid, SERVER_NICENESS)) console.warn('bench: could not raise the server\'s threads above the load generators (not root?)');
  if (pool.length === 0) console.warn('bench: could not tell libuv\'s thread pool from V8\'s helpers; the pool runs with the helpers');
  const realTime = pool.filter((tid) => setSchedulingClass(tid, 'fifo'));
  if (realTime.length < pool.length) console.warn('bench: could not put the thread pool in the real-time class (not root, or no chrt?); journal writes wait for a CPU like any thread');
  const restoreOthers = moveOthersTo(halves.load);
  const letHalt = await keepCpusAwake(halves.serverCpus);
  return {
    release: async () => {
      await letHalt();
      restoreOthers();
      for (const tid of realTime) setSchedulingClass(tid, 'other');
      renice(process.pid, 0);
      taskset(`0-${cpus().length - 1}`, process.pid);
    },
  };
}

export interface Screens {
  /** Each (call id → receipt time) received since the last ask; every screen's receipts. */
  received(): Promise<Array<[string, number]>>;
  stop(): void;
}

/** The child's next message; a child that exits first is an error naming `what`. */
export function nextMessage<T = unknown>(child: ChildProcess, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const exited = (code: number | null) => reject(new Error(`${what} exited ${code}`));
    child.once('exit', exited);
    child.once('message', (m: T) => {
      child.off('exit', exited);
      resolve(m);
    });
  });
}

/** bench/witness.ts on the load CPUs at the server's priority; `stop` gives its late wake-ups (CLOCK_MONOTONIC ms). */
export async function startWitness(): Promise<{ stop: () => Promise<Array<[number, number]>>; kill: () => void }> {
  const child = fork(fileURLToPath(new URL('./witness.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'] });
  await nextMessage(child, 'witness');
  pinAsLoad(child.pid, SERVER_NICENESS);
  return {
    async stop() {
      const answer = nextMessage<{ late: Array<[number, number]> }>(child, 'witness');
      child.send({ type: 'stop' });
      return (await answer).late;
    },
    kill: () => child.kill(),
  };
}

/**
 * How much of each delay the witness was late through too (`machineStoppedMs`): `late`
 * on CLOCK_MONOTONIC, the delays on performance.now()'s clock.
 */
export function addMachineStops(stalls: Stall[], late: Array<[number, number]>): void {
  const offset = monotonicOffsetMs();
  for (const s of stalls) {
    const [from, to] = [s.endedAt - s.ms + offset, s.endedAt + offset];
    s.machineStoppedMs = late.reduce((sum, [a, b]) => sum + Math.max(0, Math.min(b, to) - Math.max(a, from)), 0);
  }
}

/** bench/requests.ts on the load CPUs: `ask` sends it one RequestAsk and resolves with its reply. */
export async function startRequests(): Promise<{ ask: <T>(ask: RequestAsk) => Promise<T>; stop: () => void }> {
  const child = fork(fileURLToPath(new URL('./requests.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'] });
  pinAsLoad(child.pid);
  await nextMessage(child, 'requests');
  pinAsLoad(child.pid);
  return {
    async ask<T>(ask: RequestAsk): Promise<T> {
      const answer = nextMessage<{ reply?: T; error?: string }>(child, 'requests');
      child.send(ask);
      const m = await answer;
      if (m.error !== undefined) throw new Error(`requests: ${m.error}`);
      return m.reply as T;
    },
    stop: () => child.kill(),
  };
}

/**
 * `n` screens in a child process (bench/screens.ts), so decoding their messages does not run
 * on the server's event loop. `heapMb` raises the child's heap for a long day of receipts.
 *
 * A thousand screens decoding every message in one process would take the server's CPU, or
 * the clients': in a hall they are a thousand devices elsewhere. Their process runs in the
 * idle scheduling class (SCHED_IDLE): it takes only CPU time nothing else wants, and any
 * client that wakes takes the CPU from it at once, so the clients' own timing, the figure
 * measured, does not wait behind them. (At the clients' priority, issuing's p99 was 20–47 ms
 * over five runs while the server answered in 10.7–11.7 ms. At nice 19, on this kernel's
 * EEVDF scheduler, which lets a running task finish its slice, 17.0 ms against 9.1 in the
 * server; idle, 9.1 against 7.3.)
 */
export async function startScreens(url: string, n: number, auth: object, opts: { keepReceipts?: boolean } = {}): Promise<Screens> {
  const child = fork(fileURLToPath(new URL('./screens.ts', import.meta.url)), [url, String(n), JSON.stringify(auth), opts.keepReceipts === false ? 'discard' : 'record'], { execArgv: ['--import', 'tsx'] });
  pinAsLoad(child.pid);
  await nextMessage(child, 'screens');
  pinAsLoad(child.pid);
  if (!setSchedulingClass(child.pid!, 'idle', { allTasks: true })) console.warn('bench: could not put the screens in the idle scheduling class (no chrt here?); they take turns with the clients');
  return {
    async received(): Promise<Array<[string, number]>> {
      child.send({ type: 'report' });
      return new Promise((resolve) => child.once('message', (m: { received: Array<[string, number]> }) => resolve(m.received)));
    },
    stop() {
      child.send({ type: 'stop' });
    },
  };
}

/** An event-loop delay, split by what the server's main thread was doing meanwhile. */
export interface Stall {
  ms: number;
  /** Running on a CPU: the server's own work, or a GC pause. */
  onCpuMs: number;
  /** Ready to run, waiting for a CPU other threads or processes held. */
  waitingForCpuMs: number;
  /**
   * Time the hypervisor took the main thread's virtual CPU (`steal` in /proc/stat, in 10 ms
   * ticks, so ±10 ms) while the delay lasted; the guest's scheduler counts the thread as
   * running then, but it is in neither of the two figures above.
   */
  stolenMs: number;
  /**
   * Major page faults the main thread took meanwhile: code or file pages the kernel had
   * dropped and read back from the disk, where they queue behind the journal's syncs.
   */
  majorFaults: number;
  /** When the delay ended, on performance.now()'s clock. */
  endedAt: number;
  /** How much of the delay V8 spent in garbage-collection pauses (filled in by the caller, who observes them). */
  gcMs?: number;
  /** How much of it a process on the other CPUs, doing nothing but waking each millisecond, was late through too (addMachineStops). */
  machineStoppedMs?: number;
}

/** Fill in each stall's `gcMs` from GC pauses given as [start, end] on performance.now()'s clock. */
export function addGcTime(stalls: Stall[], pauses: Array<[number, number]>): void {
  for (const s of stalls) {
    const from = s.endedAt - s.ms;
    s.gcMs = pauses.reduce((sum, [a, b]) => sum + Math.max(0, Math.min(b, s.endedAt) - Math.max(a, from)), 0);
  }
}

/**
 * Event-loop delays over `thresholdMs`, each with what the kernel says the main thread did
 * meanwhile (/proc/self/task/PID/schedstat: time on a CPU, time ready but waiting for one;
 * the rest it was neither, e.g. its virtual CPU not running). Linux only: elsewhere, no stalls.
 */
/** The main thread's nanoseconds on a CPU and waiting for one, from /proc (Linux; throws elsewhere). */
/**
 * A /proc file read again from its start through one descriptor kept open: one system
 * call, not three. The stall watcher reads one every millisecond on the server's thread.
 */
function procFile(path: string): () => string {
  let fd: number | undefined;
  const buffer = Buffer.alloc(64 * 1024);
  return () => {
    fd ??= openSync(path, 'r');
    return buffer.toString('latin1', 0, readSync(fd, buffer, 0, buffer.length, 0));
  };
}

const schedstat = procFile(`/proc/self/task/${process.pid}/schedstat`);
/** The main thread's nanoseconds on a CPU and waiting for one, from /proc (Linux; throws elsewhere). */
export const mainThreadSchedstat = (): number[] => schedstat().split(' ').map(Number);

export function watchStalls(thresholdMs = 15): { stop: () => Stall[] } {
  const sched = mainThreadSchedstat;
  try {
    sched();
  } catch {
    return { stop: () => [] };
  }
  const stalls: Stall[] = [];
  let last = performance.now();
  let lastSched = sched();
  // Steal is counted in 10 ms ticks: read every 10 ms with the main thread's major
  // faults, kept for the last second.
  const readings: Array<[at: number, stolenMs: number, majorFaults: number]> = [];
  const sampleAt = (t: number) => readings.findLast(([at]) => at <= t) ?? readings[0] ?? [0, 0, 0];
  const stealAt = (t: number) => sampleAt(t)[1];
  const faultsAt = (t: number) => sampleAt(t)[2];
  // `at` is the time the reading stands for: the end of a delay is stamped with the delay's own end.
  const read = (at = performance.now()) => {
    const stat = mainThreadStat();
    if (stat === undefined) return;
    readings.push([at, stealPerCpu()[stat.cpu] ?? 0, stat.majorFaults]);
    if (readings.length > 100) readings.shift();
  };
  read();
  const readTimer = setInterval(read, 10);
  const timer = setInterval(() => {
    const now = performance.now();
    const s = sched();
    if (now - last > thresholdMs) {
      read(now);
      stalls.push({ ms: now - last, onCpuMs: (s[0] - lastSched[0]) / 1e6, waitingForCpuMs: (s[1] - lastSched[1]) / 1e6, stolenMs: stealAt(now) - stealAt(last), majorFaults: faultsAt(now) - faultsAt(last), endedAt: now });
    }
    last = now;
    lastSched = s;
  }, 1);
  return {
    stop: () => {
      clearInterval(timer);
      clearInterval(readTimer);
      return stalls;
    },
  };
}

/** The hypervisor's steal so far of each CPU, in ms (10 ms ticks); empty where there is no /proc/stat. */
const procStat = procFile('/proc/stat');
const mainThreadStatFile = procFile(`/proc/self/task/${process.pid}/stat`);

export function stealPerCpu(): number[] {
  try {
    return procStat()
      .split('\n')
      .filter((l) => /^cpu\d+ /.test(l))
      .map((l) => Number(l.split(/\s+/)[8]) * 10);
  } catch {
    return [];
  }
}

/** The CPU the main thread last ran on and its major page faults so far; undefined where there is no /proc. */
function mainThreadStat(): { cpu: number; majorFaults: number } | undefined {
  try {
    // Fields counted after the ")" that ends the command name: majflt is field 12, the CPU field 39.
    const stat = mainThreadStatFile();
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { cpu: Number(fields[36]), majorFaults: Number(fields[9]) };
  } catch {
    return undefined;
  }
}
