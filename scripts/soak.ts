import { type ChildProcess, fork, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Latency, latency } from '../bench/lib.ts';
import { SERVER_NODE_FLAGS } from '../server/gc-tuning.ts';
import type { HallConfigInput } from '../shared/config-schema.ts';
import type { WindowSnapshot } from '../shared/events.ts';
import type { SummaryReport } from '../shared/reports/summary.ts';
import { OUTCOMES, PAUSE_REASONS, type TicketStatus } from '../shared/types.ts';
import type { StaffTicketView, TicketView } from '../shared/views.ts';
import { writeAllDayConfig } from '../tests/support/child-server.ts';
import { PASSWORD, PW_HASH } from '../tests/support/config.ts';
import { type HeapSample, Inspector, type ProcSample, procSample } from './soak-probe.ts';
import type { ClientsStats, FromClients, ToClients } from './soak-protocol.ts';

/**
 * The soak: a whole business day against the real server in its own process
 * (`server/main.ts` with a temporary DATA_DIR and a hall open around the clock), while
 * about a thousand screens and phones connect and drop all the time from another process.
 * Kiosks issue the day's tickets at a steady rate; 60 clerks call, recall, start, finish,
 * transfer, mark no-shows and take breaks; phones cancel and rate, window pads rate.
 * It samples the server's memory, descriptors and connections along the way, checks at
 * the end that everything acknowledged is there (live, then after a kill -9 and restart),
 * and prints a table and one line of JSON. Bounded by --minutes; it stops by itself.
 * Exit status: 0 passed, 1 problems found (or the soak failed), 2 over its time budget,
 * 3 the server stopped or was stopped by something else (the run is void).
 *
 *   npm run soak -- [--tickets 20000] [--sockets 1000] [--minutes 30] [--rate 100]
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const { values: argv } = parseArgs({
  options: {
    tickets: { type: 'string', default: '20000' },
    sockets: { type: 'string', default: '1000' },
    minutes: { type: 'string', default: '30' },
    /** Tickets issued per second by all kiosks together. */
    rate: { type: 'string', default: '100' },
    windows: { type: 'string', default: '60' },
    kiosks: { type: 'string', default: '4' },
    /** Take a sample every this many tickets issued (default: 20 samples over the day). */
    'sample-every': { type: 'string' },
    /** After the day: sockets keep churning this long with no commands, to see memory per connection. */
    'idle-seconds': { type: 'string', default: '60' },
    /** After every client has gone: wait this long (longer than HTTP keep-alive) before the last sample. */
    'settle-seconds': { type: 'string', default: '15' },
    /** Server without --inspect: RSS and descriptors only, no heap and no forced GC. */
    'no-inspect': { type: 'boolean', default: false },
    'keep-data': { type: 'boolean', default: false },
  },
  strict: true,
});
const num = (name: keyof typeof argv, min: number) => {
  const v = Number(argv[name]);
  if (!Number.isFinite(v) || v < min) throw new Error(`--${name}: must be a number ≥ ${min}`);
  return v;
};
const opts = {
  tickets: Math.floor(num('tickets', 1)),
  sockets: Math.floor(num('sockets', 0)),
  minutes: Math.min(600, num('minutes', 1)),
  rate: num('rate', 1),
  windows: Math.min(99, Math.max(5, Math.floor(num('windows', 5)))),
  kiosks: Math.max(1, Math.floor(num('kiosks', 1))),
  idleSeconds: num('idle-seconds', 0),
  settleSeconds: num('settle-seconds', 0),
  inspect: !argv['no-inspect'],
  keepData: argv['keep-data'] === true,
};
const sampleEvery = argv['sample-every'] ? Math.max(1, Math.floor(num('sample-every', 1))) : Math.max(100, Math.ceil(opts.tickets / 20));

/** How a clerk's visit goes: shares of calls, and how long a citizen stands at the window. */
const DAY = {
  serviceMs: [150, 1100] as const,
  recall: 0.08,
  noShow: 0.04,
  /** Of the no-shows, those who come back later and are called by number. */
  comeBack: 0.3,
  start: 0.92,
  transfer: 0.05,
  /** After a visit, the clerk takes a break (pause, then resume). */
  pause: 0.01,
  /** Of the served visits: rated on the phone, rated on the window's pad (≈ 30 % together). */
  phoneRating: 0.25,
  padRating: 0.05,
  priority: 0.05,
  /** Tickets their holders cancel from the phone a few seconds after taking them. */
  cancel: 0.03,
  /** Every tenth window signs out for a moment at midday. */
  middayBreakEvery: 10,
};
const OUTCOME_WEIGHTS: Array<[(typeof OUTCOMES)[number], number]> = [
  ['completed', 0.55],
  ['accepted', 0.15],
  ['consulted', 0.2],
  ['rejected', 0.1],
];
const SCORE_WEIGHTS: Array<[1 | 2 | 3 | 4 | 5, number]> = [
  [5, 0.55],
  [4, 0.25],
  [3, 0.1],
  [2, 0.06],
  [1, 0.04],
];
const SOCKET_MIX = { phone: 0.45, display: 0.25, zone: 0.1, window: 0.15, staff: 0.05 };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const rand = (lo: number, hi: number) => lo + Math.random() * (hi - lo);
const chance = (p: number) => Math.random() < p;
const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)];
const weighted = <T>(list: Array<[T, number]>): T => {
  let r = Math.random();
  for (const [v, w] of list) if ((r -= w) < 0) return v;
  return list[0][0];
};
const bump = (m: Record<string, number>, k: string, by = 1) => void (m[k] = (m[k] ?? 0) + by);
const t0 = performance.now();
const elapsed = () => (performance.now() - t0) / 1000;
const say = (msg: string) => console.log(`[${elapsed().toFixed(0).padStart(4)} s] ${msg}`);

// ---- The hall ------------------------------------------------------------------------

interface WindowPlan {
  id: string;
  n: number;
  staffNo: string;
  displayKey: string;
  token?: string;
}

const KIOSK_KEYS = Array.from({ length: opts.kiosks }, (_, i) => `soak-kiosk-${i + 1}-key-00000`);
const DISPLAY_KEY = 'soak-wall-display-key-0001';
const ZONE_KEY = 'soak-zone-display-key-0001';
const windowKey = (n: number) => `soak-window-${n}-key-0000000`;

/**
 * A fixed-offset zone where it is about ten in the morning now: the soak's business day
 * then never meets the last minute before midnight (when issuing stops) or the day close,
 * whenever it is run and however long its budget.
 */
function morningZone(now: Date): string {
  const offset = ((10 - now.getUTCHours() + 36) % 24) - 12;
  return offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

/** The test hall's departments and services, with `windows` windows: one department each, every fifth a 综合窗口. */
function soakHall(c: HallConfigInput, timezone: string): WindowPlan[] {
  c.hall.timezone = timezone;
  const byDepartment: Array<{ departmentId?: string; serviceIds: string[] }> = [
    { departmentId: 'scjg', serviceIds: ['company', 'trader'] },
    { departmentId: 'ga', serviceIds: ['household'] },
    { departmentId: 'zrzy', serviceIds: ['property'] },
    { departmentId: 'ly', serviceIds: ['forestry'] },
    { serviceIds: ['forestry', 'property', 'household', 'company'] },
  ];
  for (const s of c.services) delete s.dailyCap;
  c.windows = Array.from({ length: opts.windows }, (_, i) => {
    const kind = byDepartment[i % byDepartment.length];
    return { id: `w${i + 1}`, number: i + 1, name: kind.departmentId ? `窗口${i + 1}` : `综合窗口${i + 1}`, serviceIds: kind.serviceIds, ...(kind.departmentId ? { departmentId: kind.departmentId } : {}) };
  });
  // A clerk signs in at a window of their own department, or at one with none.
  const clerks = c.windows.map((w) => ({ id: `c${w.number}`, staffNo: `${1000 + w.number}`, name: `窗口员${w.number}`, departmentId: w.departmentId ?? 'ly', role: 'clerk' as const, passwordHash: PW_HASH }));
  c.staff = [...c.staff.filter((s) => s.role === 'manager'), ...clerks];
  c.devices = [
    ...KIOSK_KEYS.map((key, i) => ({ id: `kiosk-${i + 1}`, kind: 'kiosk' as const, name: `取号机 ${i + 1}`, key })),
    { id: 'wall', kind: 'display' as const, name: '大厅综合屏', key: DISPLAY_KEY },
    { id: 'zone', kind: 'display' as const, name: '一区综合屏', key: ZONE_KEY, show: { windowIds: c.windows.slice(0, 20).map((w) => w.id) } },
    ...c.windows.map((w) => ({ id: `wd${w.number}`, kind: 'window-display' as const, name: `${w.number} 号窗口屏`, key: windowKey(w.number), windowId: w.id })),
  ];
  // Every client of the soak is 127.0.0.1: the per-address limits would otherwise be the whole hall's.
  c.limits = { issuePerMinutePerDevice: 1_000_000, loginPerMinutePerAddress: 100_000, ticketPagePerMinutePerAddress: 10_000_000, staffSessionHours: 12, socketHandshakePerMinutePerAddress: 10_000_000 };
  return c.windows.map((w) => ({ id: w.id, n: w.number, staffNo: `${1000 + w.number}`, displayKey: windowKey(w.number) }));
}

// ---- The server in its own process ---------------------------------------------------

interface ServerProc {
  proc: ChildProcess;
  url: string;
  port: number;
  inspectorUrl?: string;
  /** Log lines at level error or fatal, and the last few of them. */
  errorLogs: { count: number; last: string[] };
  tail: () => string;
  /** The soak itself is stopping it: any stop before that came from elsewhere. */
  stopping: boolean;
}

/**
 * The server stopped under the soak's feet (a crash, or a signal from someone else's
 * cleanup): the run is void. Says so, with the server's last words, and ends the soak.
 */
function serverGone(s: ServerProc, what: string): void {
  if (s.stopping) return;
  s.stopping = true;
  console.error(`\n[${elapsed().toFixed(0)} s] the server ${what} — not the soak's doing; this run is void.\nlast output of the server:\n${s.tail()}`);
  process.exit(3);
}

/** Child processes and the temporary directory, for a clean exit however the soak ends. */
const leftovers = { children: new Set<ChildProcess>(), dir: undefined as string | undefined };
process.once('exit', () => {
  for (const c of leftovers.children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  if (leftovers.dir) rmSync(leftovers.dir, { recursive: true, force: true });
});
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

function startServer(env: Record<string, string>, inspect: boolean): Promise<ServerProc> {
  const args = [...(inspect ? ['--inspect=127.0.0.1:0'] : []), ...SERVER_NODE_FLAGS, '--import', 'tsx', 'server/main.ts'];
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', QUIET_START: '1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  leftovers.children.add(proc);
  const errorLogs = { count: 0, last: [] as string[] };
  const tail: string[] = [];
  const keep = (line: string) => {
    tail.push(line);
    if (tail.length > 50) tail.shift();
  };
  let port = 0;
  let inspectorUrl: string | undefined;
  let partial = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${tail.join('\n')}`)), 30_000);
    let started: ServerProc | undefined;
    const ready = () => {
      if (port && (!inspect || inspectorUrl) && !started) {
        clearTimeout(timer);
        started = { proc, url: `http://127.0.0.1:${port}`, port, inspectorUrl, errorLogs, tail: () => tail.join('\n'), stopping: false };
        resolve(started);
      }
    };
    proc.stdout!.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        keep(line);
        const level = Number(/"level":(\d+)/.exec(line)?.[1] ?? 0);
        if (level >= 50) {
          errorLogs.count++;
          if (errorLogs.last.length < 10) errorLogs.last.push(line.slice(0, 500));
        }
        // main.ts logs this on SIGTERM or SIGINT, then stops listening.
        const stop = /"signal":"(\w+)","msg":"stopping"/.exec(line);
        if (stop && started) serverGone(started, `was sent ${stop[1]}`);
        const m = /"port":(\d+)/.exec(line);
        if (m && !port) {
          port = Number(m[1]);
          ready();
        }
      }
    });
    proc.stderr!.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        keep(line);
        const m = /Debugger listening on (ws:\/\/\S+)/.exec(line);
        // An inspected process that ends on its own waits for the debugger: that is an exit too.
        if (/Waiting for the debugger to disconnect/.test(line) && started) serverGone(started, 'is exiting');
        if (m && !inspectorUrl) {
          inspectorUrl = m[1];
          ready();
        } else if (!/Debugger (listening|attached|ending)|For help, see|Waiting for the debugger/.test(line)) {
          errorLogs.count++;
          if (errorLogs.last.length < 10) errorLogs.last.push(`stderr: ${line.slice(0, 500)}`);
        }
      }
    });
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (started) serverGone(started, `exited (code ${code}, signal ${signal})`);
      else reject(new Error(`server exited with ${code}:\n${tail.join('\n')}`));
    });
  });
}

function stopServer(s: ServerProc, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  s.stopping = true;
  if (s.proc.exitCode !== null || s.proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => s.proc.kill('SIGKILL'), 10_000);
    s.proc.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    s.proc.kill(signal);
  });
}

// ---- HTTP, counted ---------------------------------------------------------------------

interface Reply<T> {
  status: number;
  body: T;
}

/** A client gives up on a request after this long (the server may still carry it out). */
const REQUEST_TIMEOUT_MS = 30_000;
const latencies = new Map<string, number[]>();
const errors = {
  /** Answers with a 5xx status, by action and code. */
  http5xx: {} as Record<string, number>,
  /** Requests that got no answer at all (reset, timeout). */
  network: {} as Record<string, number>,
  /** 4xx answers the script did not expect, by action and code. */
  unexpected4xx: {} as Record<string, number>,
  samples: [] as string[],
};
/** 4xx answers the script expects now and then (races a real hall has too), by action and code. */
const refusals: Record<string, number> = {};

function note(sample: string): void {
  if (errors.samples.length < 20) errors.samples.push(sample.slice(0, 300));
}

/**
 * One request; its latency counted under `action`. Codes in `tolerate` are expected
 * refusals; any other 4xx, every 5xx and every request without an answer is an error.
 */
async function http<T = any>(
  url: string,
  action: string,
  method: 'GET' | 'POST',
  path: string,
  opts: { body?: unknown; auth?: string; tolerate?: string[]; because?: string } = {},
): Promise<Reply<T> | undefined> {
  const headers: Record<string, string> = {};
  if (opts.auth) headers.authorization = `Bearer ${opts.auth}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const began = performance.now();
  try {
    const res = await fetch(`${url}/api${path}`, { method, headers, body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await res.text();
    let list = latencies.get(action);
    if (!list) latencies.set(action, (list = []));
    list.push(performance.now() - began);
    const body = (text ? JSON.parse(text) : undefined) as T;
    if (res.status >= 400) {
      const code = (body as { error?: { code?: string } } | undefined)?.error?.code ?? String(res.status);
      if (res.status >= 500) {
        bump(errors.http5xx, `${action} ${res.status} ${code}`);
        note(`${method} ${path} → ${res.status} ${text}`);
      } else if (opts.tolerate?.includes(code)) bump(refusals, `${action}: ${code}${opts.because ? ` (${opts.because})` : ''}`);
      else {
        bump(errors.unexpected4xx, `${action} ${res.status} ${code}`);
        note(`${method} ${path} → ${res.status} ${text}`);
      }
    }
    return { status: res.status, body };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    bump(errors.network, `${action}: ${e.cause?.code ?? e.name}`);
    note(`${method} ${path} → ${e.cause?.code ?? e.message}`);
    return undefined;
  }
}

// ---- What was acknowledged ----------------------------------------------------------

interface Tracked {
  id: string;
  token: string;
  number: string;
  status: TicketStatus;
  visits: Array<{ id: string; end?: string }>;
  /** Visits whose rating the server acknowledged. */
  rated: Set<string>;
  /** Phone ratings scheduled for this ticket. */
  phoneRatings?: number;
}

const tickets = new Map<string, Tracked>();
const TERMINAL = new Set<TicketStatus>(['done', 'no_show', 'cancelled']);
let openTickets = 0;
const retries = { issue: 0 };
const runId = Math.random().toString(36).slice(2, 8);
const acked = { issued: 0, calls: 0, recalls: 0, starts: 0, finished: 0, transfers: 0, noShows: 0, comebacks: 0, cancelled: 0, phoneRatings: 0, padRatings: 0, pauses: 0, middayBreaks: 0 };

/** How far a ticket has gone, so an answer that arrives late never rolls a ticket back. */
function progress(v: { status: TicketStatus; visits: ReadonlyArray<{ end?: string }> }): number {
  const lastEnded = v.visits.length > 0 && v.visits[v.visits.length - 1].end !== undefined;
  const rank: Record<TicketStatus, number> = { waiting: lastEnded ? 5 : 0, called: 1, serving: 2, done: 3, no_show: 3, cancelled: 6 };
  return v.visits.length * 10 + rank[v.status];
}

function absorb(view: Pick<StaffTicketView, 'id' | 'status' | 'visits'> | Pick<TicketView, 'id' | 'status' | 'visits'>): void {
  const t = tickets.get(view.id);
  if (!t || progress(view) < progress(t)) return;
  const was = TERMINAL.has(t.status);
  t.status = view.status;
  t.visits = view.visits.map((v) => ({ id: v.id, ...(v.end !== undefined ? { end: v.end } : {}) }));
  openTickets += (was ? 1 : 0) - (TERMINAL.has(t.status) ? 1 : 0);
}

// ---- Samples --------------------------------------------------------------------------

interface Sample {
  label: string;
  at: number;
  issued: number;
  open: number;
  clients: number;
  opened: number;
  gc: boolean;
  proc: ProcSample;
  heap?: HeapSample;
  /** Since the previous sample: the server's CPU use (100 = one core) and its event loop's busy share. */
  cpuPct?: number;
  eluPct?: number;
  /** Since the previous sample: share of the time the server's main thread was runnable but had no CPU. */
  waitPct?: number;
}

const samples: Sample[] = [];

// ---- The soak -------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = Date.now();
  const deadline = started + opts.minutes * 60_000;
  // What the day leaves for the rest: idle churn, settling, checking and the restart.
  const reserve = (opts.idleSeconds + opts.settleSeconds + 240) * 1000;
  const dayDeadline = Math.max(started + 60_000, deadline - reserve);

  const dir = await mkdtemp(join(tmpdir(), 'hall-soak-'));
  if (!opts.keepData) leftovers.dir = dir;
  const dataDir = join(dir, 'data');
  let plan: WindowPlan[] = [];
  const configTimezone = morningZone(new Date());
  const configFile = await writeAllDayConfig(dir, (c) => {
    plan = soakHall(c, configTimezone);
  });
  const serviceIds = ['company', 'trader', 'household', 'property', 'forestry'];

  console.log(`hall-queue soak — ${opts.tickets} tickets at ${opts.rate}/s from ${opts.kiosks} kiosks, ${opts.windows} windows, ${opts.sockets} churning sockets, budget ${opts.minutes} min`);
  let server = await startServer({ DATA_DIR: dataDir, HALL_CONFIG: configFile }, opts.inspect);
  const url = server.url;
  say(`hall in ${configTimezone}; server pid ${server.proc.pid} on ${url}${server.inspectorUrl ? ' (inspector attached for heap and GC)' : ''}; data in ${dataDir}`);
  let inspector: Inspector | undefined;
  if (server.inspectorUrl) inspector = await Inspector.connect(server.inspectorUrl).catch(() => undefined);

  let clients: ChildProcess | undefined;
  let lastClients: ClientsStats | undefined;
  const askClients = (): Promise<ClientsStats | undefined> => {
    const c = clients;
    if (!c?.connected) return Promise.resolve(lastClients);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        c.off('message', on);
        resolve(lastClients);
      }, 5000);
      const on = (m: FromClients) => {
        if (m.type !== 'stats') return;
        clearTimeout(timer);
        c.off('message', on);
        resolve((lastClients = m.stats));
      };
      c.on('message', on);
      c.send({ type: 'stats' } satisfies ToClients);
    });
  };

  let sampling = Promise.resolve();
  const sample = (label: string, gc = false): Promise<void> => {
    sampling = sampling.then(async () => {
      const c = await askClients();
      if (gc && inspector) await inspector.gc().catch(() => undefined);
      const heap = inspector ? await inspector.heap().catch(() => undefined) : undefined;
      const proc = await procSample(server.proc.pid!, server.port);
      const s: Sample = { label, at: elapsed(), issued: acked.issued, open: openTickets, clients: c?.connected ?? 0, opened: c?.opened ?? 0, gc, proc, heap };
      const prev = samples[samples.length - 1];
      if (prev && s.at > prev.at) {
        s.cpuPct = Math.round(((proc.cpuS - prev.proc.cpuS) / (s.at - prev.at)) * 100);
        s.waitPct = Math.round(((proc.runWaitS - prev.proc.runWaitS) / (s.at - prev.at)) * 100);
        if (heap && prev.heap) {
          const busy = heap.elu.active - prev.heap.elu.active;
          const all = busy + heap.elu.idle - prev.heap.elu.idle;
          if (all > 0) s.eluPct = Math.round((busy / all) * 100);
        }
      }
      samples.push(s);
      say(
        `${label.padEnd(14)} issued ${String(s.issued).padStart(6)}  open ${String(s.open).padStart(5)}  sockets ${String(s.clients).padStart(5)}  ` +
          `rss ${proc.rssMb.toFixed(0).padStart(4)} MB  heap ${heap ? heap.heapUsedMb.toFixed(0).padStart(4) : '   ?'} MB${gc ? ' (after GC)' : '           '}  fds ${proc.fds} (tcp ${proc.tcp.established}${proc.tcp.closeWait ? `, close-wait ${proc.tcp.closeWait}` : ''})` +
          `  cpu ${s.cpuPct ?? '-'} %, waiting for a cpu ${s.waitPct ?? '-'} %, loop busy ${s.eluPct ?? '-'} %, load ${proc.load1}` +
          (c ? `  snapshot p99 ${c.snapshotMs.p99} ms` : ''),
      );
    });
    return sampling;
  };

  await sleep(1000);
  await sample('start', true);
  const health = await http<{ businessDate: string }>(url, 'health', 'GET', '/health');
  const businessDate = health?.body.businessDate ?? '';

  // Clerks log in and sign in at their windows.
  const manager = await http<{ token: string }>(url, 'login', 'POST', '/auth/login', { body: { staffNo: '9001', password: PASSWORD } });
  for (let i = 0; i < plan.length; i += 10) {
    await Promise.all(
      plan.slice(i, i + 10).map(async (w) => {
        const login = await http<{ token: string }>(url, 'login', 'POST', '/auth/login', { body: { staffNo: w.staffNo, password: PASSWORD } });
        if (login?.status !== 200) throw new Error(`login ${w.staffNo} failed`);
        w.token = login.body.token;
        const r = await http(url, 'sign-in', 'POST', `/windows/${w.id}/sign-in`, { body: {}, auth: w.token });
        if (r?.status !== 200) throw new Error(`sign-in ${w.id} failed`);
      }),
    );
  }
  say(`${plan.length} windows open`);

  // The screens and phones, in their own process.
  if (opts.sockets > 0) {
    clients = fork(fileURLToPath(new URL('./soak-clients.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const c = clients;
    leftovers.children.add(c);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('client process did not start')), 30_000);
      c.once('message', () => {
        clearTimeout(timer);
        resolve();
      });
      c.once('exit', (code) => reject(new Error(`client process exited ${code}`)));
    });
    c.send({
      type: 'start',
      options: {
        url,
        target: opts.sockets,
        minLifeMs: 1000,
        maxLifeMs: 20_000,
        mix: SOCKET_MIX,
        displayKey: DISPLAY_KEY,
        zoneKey: ZONE_KEY,
        windowKeys: plan.map((w) => w.displayKey),
        staffTokens: plan.filter((_, i) => i % 6 === 0).map((w) => w.token!),
        deadline: deadline + 30_000,
      },
    } satisfies ToClients);
    const until = Date.now() + 60_000;
    while (Date.now() < until && ((await askClients())?.connected ?? 0) < opts.sockets * 0.95) await sleep(500);
  }
  await sample('warm', true);

  // ---- The business day ----
  let issuingDone = false;
  const phoneBatch: Array<{ ticketId: string; ticketToken: string }> = [];
  const phoneActions = new Set<Promise<void>>();
  const later = (ms: number, fn: () => Promise<void>) => {
    const p = sleep(ms)
      .then(fn)
      .finally(() => phoneActions.delete(p));
    phoneActions.add(p);
  };
  const flushPhones = setInterval(() => {
    if (phoneBatch.length > 0 && clients?.connected) clients.send({ type: 'tickets', tickets: phoneBatch.splice(0) } satisfies ToClients);
  }, 250);
  let midSampled = false;
  /** Windows whose clerk is signed in and still working: transfers go only there. */
  const active = new Set(plan.map((w) => w.id));
  const samplesDuringDay: Promise<void>[] = [];

  const cancelLater = (t: Tracked) =>
    later(rand(500, 8000), async () => {
      if (Date.now() > dayDeadline) return;
      const seen = await http<{ ticket: TicketView }>(url, 'ticket-get', 'GET', `/tickets/${t.id}?token=${t.token}`);
      if (seen?.status !== 200 || seen.body.ticket.status !== 'waiting') return;
      const r = await http<{ ticket: TicketView }>(url, 'cancel', 'POST', `/tickets/${t.id}/cancel?token=${t.token}`, { body: {}, tolerate: ['INVALID_STATE'] });
      if (r?.status === 200) {
        acked.cancelled++;
        absorb(r.body.ticket);
      }
    });

  const rateOnPhone = (t: Tracked) => {
    const visits = t.visits.length;
    t.phoneRatings = (t.phoneRatings ?? 0) + 1;
    later(rand(200, 3000), async () => {
      const score = weighted(SCORE_WEIGHTS);
      await http(url, 'ticket-get', 'GET', `/tickets/${t.id}?token=${t.token}`);
      // The phone rates the ticket's last ended visit: if the ticket has been called again
      // meanwhile (after a transfer), that visit may be a no-show or already rated on the pad.
      // So may a second rating of the same ticket, scheduled after its second visit, when the first went late.
      const movedOn = t.visits.length > visits || (t.phoneRatings ?? 0) > 1;
      const r = await http<{ rating: { visitId: string } }>(url, 'phone-rating', 'POST', `/tickets/${t.id}/rating?token=${t.token}`, {
        body: { score, ...(score <= 2 ? { reason: '等候时间太长' } : {}) },
        tolerate: movedOn ? ['ALREADY_RATED', 'NOTHING_TO_RATE'] : [],
      });
      if (r?.status === 201) {
        acked.phoneRatings++;
        t.rated.add(r.body.rating.visitId);
      }
    });
  };

  async function issueOne(i: number): Promise<void> {
    const serviceId = serviceIds[i % serviceIds.length];
    // As the kiosk does: one requestId per tap, sent again when an answer is lost, so a retry never costs a second number.
    const body = { serviceId, requestId: `soak-${runId}-${i}`, ...(chance(DAY.priority) ? { priority: true } : {}) };
    let r: Reply<{ ticket: { id: string; number: string; statusUrl: string } }> | undefined;
    for (let attempt = 0; attempt < 4 && !r && Date.now() < dayDeadline; attempt++) {
      if (attempt > 0) {
        retries.issue++;
        await sleep(500 * attempt);
      }
      r = await http(url, attempt === 0 ? 'issue' : 'issue-retry', 'POST', '/tickets', { body, auth: KIOSK_KEYS[i % KIOSK_KEYS.length] });
    }
    if (r?.status !== 201) return;
    if (tickets.has(r.body.ticket.id)) return;
    const token = new URL(r.body.ticket.statusUrl).searchParams.get('token') ?? '';
    const t: Tracked = { id: r.body.ticket.id, token, number: r.body.ticket.number, status: 'waiting', visits: [], rated: new Set() };
    tickets.set(t.id, t);
    openTickets++;
    acked.issued++;
    phoneBatch.push({ ticketId: t.id, ticketToken: token });
    if (chance(DAY.cancel)) cancelLater(t);
    if (acked.issued % sampleEvery === 0) samplesDuringDay.push(sample(`${acked.issued}`));
    if (!midSampled && acked.issued >= opts.tickets / 2) {
      midSampled = true;
      samplesDuringDay.push(sample('mid', true));
    }
  }

  async function issuing(): Promise<void> {
    const interval = 1000 / opts.rate;
    const begin = performance.now();
    const inflight = new Set<Promise<void>>();
    for (let i = 0; i < opts.tickets && Date.now() < dayDeadline; i++) {
      const wait = begin + i * interval - performance.now();
      if (wait > 0) await sleep(wait);
      // Open loop, but a server that stops answering must not pile up unbounded requests.
      if (inflight.size >= 256) await Promise.race(inflight);
      const p = issueOne(i).finally(() => inflight.delete(p));
      inflight.add(p);
    }
    await Promise.all(inflight);
    issuingDone = true;
    say(`issuing done: ${acked.issued} tickets acknowledged`);
  }

  async function clerk(w: WindowPlan): Promise<void> {
    const auth = w.token!;
    /**
     * A request with no answer may still have been done (the server is busy, not wrong): until
     * the window is back in step, the refusals that follow from that are expected.
     */
    let lostAt = -Infinity;
    const AFTER_LOST = ['INVALID_STATE', 'WINDOW_BUSY', 'NO_CURRENT_TICKET', 'NOT_PAUSED', 'WINDOW_PAUSED'];
    const post = async <T = { ticket: StaffTicketView | null }>(action: string, path: string, body: object = {}, tolerate: string[] = []) => {
      // A request given up on may still be carried out later, and these commands act on whatever
      // ticket is current then: for a while after a lost answer, the window is not in step.
      const unsure = Date.now() - lostAt < 2 * REQUEST_TIMEOUT_MS;
      const r = await http<T>(url, action, 'POST', `/windows/${w.id}/${path}`, { body, auth, tolerate: unsure ? [...tolerate, ...AFTER_LOST] : tolerate, ...(unsure ? { because: 'after a lost answer' } : {}) });
      if (!r) lostAt = Date.now();
      return r;
    };

    /** After an unexpected answer, find out where the window stands and bring it back to idle. */
    const recover = async (): Promise<void> => {
      const snap = await http<WindowSnapshot>(url, 'window-get', 'GET', `/windows/${w.id}`, { auth });
      if (snap?.status !== 200) return;
      if (snap.body.window.status === 'paused') await post('resume', 'resume');
      if (snap.body.current) {
        const r = await post('finish', 'finish', { outcome: 'consulted' });
        if (r?.status === 200 && r.body.ticket) {
          acked.finished++;
          absorb(r.body.ticket);
        }
      }
    };
    const comebacks: Array<{ number: string; due: number }> = [];
    let middayDone = w.n % DAY.middayBreakEvery !== 0;
    let idleSince: number | undefined;
    const maxRounds = opts.tickets * 20;
    for (let round = 0; round < maxRounds && Date.now() < dayDeadline; round++) {
      if (issuingDone && openTickets <= 0 && comebacks.length === 0) break;
      // Nothing to call for a minute after the last ticket was issued: what is left is not ours.
      if (issuingDone && idleSince !== undefined && Date.now() - idleSince > 60_000) break;

      if (!middayDone && acked.issued >= opts.tickets / 2) {
        middayDone = true;
        // Refused while tickets transferred here still wait: then the clerk stays.
        const out = await post('sign-out', 'sign-out', {}, ['WINDOW_HAS_TRANSFERS']);
        if (out?.status === 200) {
          active.delete(w.id);
          await sleep(rand(1000, 3000));
          const back = await post('sign-in', 'sign-in');
          if (back?.status === 200) {
            acked.middayBreaks++;
            active.add(w.id);
          }
        }
        continue;
      }

      const back = comebacks[0] && comebacks[0].due <= Date.now() ? comebacks.shift() : undefined;
      const called = back ? await post('call-number', 'call', { number: back.number }) : await post('call-next', 'call-next');
      if (called?.status !== 200) {
        await sleep(200);
        await recover();
        continue;
      }
      const ticket = called.body.ticket;
      if (!ticket) {
        idleSince ??= Date.now();
        await sleep(rand(100, 300));
        continue;
      }
      idleSince = undefined;
      acked.calls++;
      if (back) acked.comebacks++;
      absorb(ticket);
      const tracked = tickets.get(ticket.id);

      if (chance(DAY.recall)) {
        await sleep(rand(50, 200));
        const r = await post('recall', 'recall');
        if (r?.status === 200) acked.recalls++;
      }
      if (chance(DAY.noShow)) {
        await sleep(rand(100, 400));
        const r = await post('no-show', 'no-show');
        if (r?.status === 200 && r.body.ticket) {
          acked.noShows++;
          absorb(r.body.ticket);
          if (chance(DAY.comeBack)) comebacks.push({ number: r.body.ticket.number, due: Date.now() + rand(2000, 10_000) });
        } else await recover();
        continue;
      }
      if (chance(DAY.start)) {
        const r = await post('start', 'start');
        if (r?.status === 200 && r.body.ticket) {
          acked.starts++;
          absorb(r.body.ticket);
        }
      }
      await sleep(rand(DAY.serviceMs[0], DAY.serviceMs[1]));

      // Sent on to another service, or to a window whose clerk is at work (a closed one refuses).
      const targets = [...active].filter((id) => id !== w.id);
      let transfer = chance(DAY.transfer) && targets.length > 0;
      let ended = transfer
        ? await post('transfer', 'transfer', chance(0.7) ? { serviceId: pick(serviceIds.filter((s) => s !== ticket.serviceId)) } : { windowId: pick(targets) }, ['WINDOW_CLOSED'])
        : undefined;
      if (transfer && ended?.status === 409) transfer = false;
      if (!transfer) ended = await post('finish', 'finish', { outcome: weighted(OUTCOME_WEIGHTS), ...(chance(0.1) ? { note: '材料已收' } : {}) });
      if (ended?.status !== 200 || !ended.body.ticket) {
        await recover();
        continue;
      }
      if (transfer) acked.transfers++;
      else acked.finished++;
      absorb(ended.body.ticket);
      const visitId = ended.body.ticket.visits[ended.body.ticket.visits.length - 1]?.id;

      // About three in ten served visits are rated: most on the phone, some on the window's pad.
      const r = Math.random();
      if (r < DAY.padRating && visitId) {
        // The pad learns what to ask for from its window's snapshot (or the rating:request event).
        const snap = await http<WindowSnapshot>(url, 'pad-snapshot', 'GET', `/windows/${w.id}`, { auth: w.displayKey });
        if (snap?.body?.ratingRequest?.visitId === visitId) {
          const score = weighted(SCORE_WEIGHTS);
          const rated = await http<{ rating: { visitId: string } }>(url, 'pad-rating', 'POST', `/windows/${w.id}/rating`, {
            body: { visitId, score, ...(score <= 2 ? { reason: '态度不好' } : {}) },
            auth: w.displayKey,
            // The pad's rules may change: its refusals are reported, not counted as errors.
            tolerate: ['NOTHING_TO_RATE', 'ALREADY_RATED', 'VISIT_NOT_FOUND', 'FORBIDDEN'],
          });
          if (rated?.status === 201) {
            acked.padRatings++;
            tracked?.rated.add(rated.body.rating.visitId);
          }
        } else bump(refusals, 'pad-snapshot: no rating request for the visit just ended');
      } else if (r < DAY.padRating + DAY.phoneRating && tracked) rateOnPhone(tracked);

      if (chance(DAY.pause)) {
        const paused = await post('pause', 'pause', { reason: pick(PAUSE_REASONS) });
        await sleep(rand(500, 3000));
        const resumed = await post('resume', 'resume');
        if (paused?.status === 200 && resumed?.status === 200) acked.pauses++;
      }
    }
  }

  const dayBegan = elapsed();
  // Once every ticket is out, the windows work through the queue: sample that stretch by the clock.
  let windowsDone = false;
  const drainSamples = (async () => {
    for (let i = 0; i < 10_000 && !windowsDone; i++) {
      await sleep(1000);
      if (issuingDone && !windowsDone && i % 30 === 29) await sample('drain');
    }
  })();
  await Promise.all([issuing(), ...plan.map((w) => clerk(w).finally(() => active.delete(w.id)))]);
  windowsDone = true;
  await drainSamples;
  // Phones still about to rate or cancel: bounded by their own timeouts.
  await Promise.all([...phoneActions]);
  await Promise.all(samplesDuringDay);
  clearInterval(flushPhones);
  const daySeconds = elapsed() - dayBegan;
  say(`day over in ${daySeconds.toFixed(0)} s: ${acked.issued} issued, ${openTickets} left open`);
  await sample('day-end', true);

  // ---- Idle churn: no commands, sockets keep coming and going ----
  // Measured from the moment the sockets are back to their number, so only the churn counts.
  const refillUntil = Date.now() + 30_000;
  while (Date.now() < refillUntil && clients?.connected && ((await askClients())?.connected ?? 0) < opts.sockets * 0.95) await sleep(500);
  await sample('idle-begin', true);
  const idleFrom = samples[samples.length - 1];
  const idleMs = Math.max(0, Math.min(opts.idleSeconds * 1000, deadline - Date.now() - (opts.settleSeconds + 150) * 1000));
  const idleUntil = Date.now() + idleMs;
  while (Date.now() < idleUntil) {
    await sleep(Math.min(10_000, idleUntil - Date.now()));
    if (Date.now() < idleUntil - 1000) await sample('idle');
  }
  await sample('idle-end', true);
  const idleTo = samples[samples.length - 1];

  // ---- Everyone leaves ----
  if (clients?.connected) {
    const c = clients;
    const stopped = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 20_000);
      c.on('message', (m: FromClients) => {
        if (m.type === 'stopped') {
          lastClients = m.stats;
          clearTimeout(timer);
          resolve();
        }
      });
      c.once('exit', () => resolve());
    });
    c.send({ type: 'stop' } satisfies ToClients);
    await stopped;
  }
  await Promise.all(plan.map((w) => http(url, 'sign-out', 'POST', `/windows/${w.id}/sign-out`, { body: {}, auth: w.token })));
  say(`clients gone, clerks signed out; settling ${opts.settleSeconds} s`);
  await sleep(opts.settleSeconds * 1000);
  await sample('end', true);

  // ---- Is everything acknowledged there? ----
  const mismatches = { droppedAck: 0, aheadOfAck: 0, ratingLost: 0, unverified: 0, samples: [] as string[] };
  const all = [...tickets.values()];
  let verified = 0;
  const verifyUntil = deadline - 40_000;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (verified < all.length) {
        const t = all[verified++];
        if (Date.now() > verifyUntil) {
          mismatches.unverified++;
          continue;
        }
        const r = await http<{ ticket: TicketView }>(url, 'verify-get', 'GET', `/tickets/${t.id}?token=${t.token}`);
        if (r?.status !== 200) {
          mismatches.droppedAck++;
          if (mismatches.samples.length < 10) mismatches.samples.push(`${t.number}: GET answered ${r?.status ?? 'nothing'}`);
          continue;
        }
        const s = r.body.ticket;
        const same = s.status === t.status && s.visits.length === t.visits.length && s.visits.every((v, i) => v.id === t.visits[i].id && v.end === t.visits[i].end);
        if (!same) {
          if (progress(s) > progress(t)) mismatches.aheadOfAck++;
          else mismatches.droppedAck++;
          if (mismatches.samples.length < 10) mismatches.samples.push(`${t.number}: acknowledged ${t.status}/${t.visits.map((v) => v.end ?? '…').join(',')}, server ${s.status}/${s.visits.map((v) => v.end ?? '…').join(',')}`);
        }
        for (const visitId of t.rated) {
          if (!s.visits.find((v) => v.id === visitId)?.rated) {
            mismatches.ratingLost++;
            if (mismatches.samples.length < 10) mismatches.samples.push(`${t.number}: rating of ${visitId} acknowledged but not stored`);
          }
        }
      }
    }),
  );
  say(`checked ${all.length - mismatches.unverified} tickets against the server: ${mismatches.droppedAck} dropped, ${mismatches.ratingLost} ratings lost, ${mismatches.aheadOfAck} ahead of what was acknowledged`);

  const summaryPath = `/reports/summary?from=${businessDate}&to=${businessDate}`;
  const live = await http<SummaryReport>(url, 'report', 'GET', summaryPath, { auth: manager?.body.token });
  const liveAfterReportMb = (await procSample(server.proc.pid!, server.port)).rssMb;
  // What the report leaves behind once collected: memory held, or only pages not yet returned.
  if (inspector) await inspector.gc().catch(() => undefined);
  const liveReportHeap = inspector ? await inspector.heap().catch(() => undefined) : undefined;
  const liveAfterReportGcMb = (await procSample(server.proc.pid!, server.port)).rssMb;
  inspector?.close();
  const data = await dataSize(dataDir);

  // ---- kill -9 and start again on the same data: the same day, to the visit ----
  const killedErrorLogs = server.errorLogs;
  await stopServer(server, 'SIGKILL');
  const restartBegan = performance.now();
  server = await startServer({ DATA_DIR: dataDir, HALL_CONFIG: configFile }, opts.inspect);
  const restartMs = performance.now() - restartBegan;
  const restartedMb = (await procSample(server.proc.pid!, server.port)).rssMb;
  // How much of that the replay leaves behind once collected.
  const restartInspector = server.inspectorUrl ? await Inspector.connect(server.inspectorUrl).catch(() => undefined) : undefined;
  await restartInspector?.gc().catch(() => undefined);
  const restartHeap = await restartInspector?.heap().catch(() => undefined);
  const restartedGcMb = (await procSample(server.proc.pid!, server.port)).rssMb;
  restartInspector?.close();
  const relogin = await http<{ token: string }>(server.url, 'login', 'POST', '/auth/login', { body: { staffNo: '9001', password: PASSWORD } });
  const again = await http<SummaryReport>(server.url, 'report', 'GET', summaryPath, { auth: relogin?.body.token });
  const restartAfterReportMb = (await procSample(server.proc.pid!, server.port)).rssMb;
  const restartPeakMb = (await procSample(server.proc.pid!, server.port)).hwmMb;
  await stopServer(server, 'SIGTERM');
  if (clients && clients.exitCode === null) clients.kill('SIGTERM');
  if (!opts.keepData) await rm(dir, { recursive: true, force: true });
  leftovers.dir = undefined;

  // ---- Figures ----
  const fig = (f: SummaryReport['hall'] | undefined) =>
    f ? { issued: f.issued, calls: f.calls, served: f.served, noShows: f.noShows, transferred: f.transferred, ratings: f.ratings.count } : undefined;
  const liveFig = fig(live?.body?.hall);
  const againFig = fig(again?.body?.hall);
  const expectFig = { issued: acked.issued, calls: acked.calls, served: acked.finished + acked.transfers, noShows: acked.noShows, transferred: acked.transfers, ratings: acked.phoneRatings + acked.padRatings };
  const restartSame = liveFig !== undefined && JSON.stringify(liveFig) === JSON.stringify(againFig);
  const reportMatches = JSON.stringify(liveFig) === JSON.stringify(expectFig);
  // A request whose answer was lost may still have been done: the server may be ahead of what was acknowledged, never behind.
  const reportCovers = liveFig !== undefined && (Object.keys(expectFig) as Array<keyof typeof expectFig>).every((k) => (liveFig[k] ?? 0) >= expectFig[k]);

  const find = (label: string) => samples.find((s) => s.label === label)!;
  const start = find('start');
  const warm = find('warm');
  const mid = samples.find((s) => s.label === 'mid') ?? warm;
  const dayEnd = find('day-end');
  const end = find('end');
  // Taken as the day went, with no GC forced: every N tickets, then every 30 s while the queue drains.
  const daySamples = samples.filter((s) => /^\d+$/.test(s.label) || s.label === 'drain');
  const secondHalf = daySamples.filter((s) => s.issued >= acked.issued / 2);
  const plateau = secondHalf.length > 0 ? Math.max(...secondHalf.map((s) => s.proc.rssMb)) : mid.proc.rssMb;
  const heapGc = (s: Sample) => s.heap?.heapUsedMb;
  const delta = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined ? Math.round((b - a) * 10) / 10 : undefined);
  const idleConnections = (idleTo.opened ?? 0) - (idleFrom.opened ?? 0);
  const idleHeapDelta = delta(heapGc(idleFrom), heapGc(idleTo));
  const ticketsFirstHalf = mid.issued - warm.issued;
  const ticketsSecondHalf = dayEnd.issued - mid.issued;
  const perTicketKb = (a: Sample, b: Sample, n: number) => (a.heap && b.heap && n > 0 ? Math.round(((b.heap.heapUsedMb - a.heap.heapUsedMb) * 1024 * 10) / n) / 10 : undefined);
  const c = lastClients;
  const commands = [...latencies.entries()].filter(([k]) => !['verify-get', 'report', 'login', 'health'].includes(k)).map(([k, v]) => [k, latency(v)] as [string, Latency]);
  const commandP99 = Math.max(0, ...commands.filter(([k]) => k !== 'pad-snapshot' && k !== 'ticket-get' && k !== 'window-get').map(([, l]) => l.p99));
  const sum = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);
  const errorCount = sum(errors.http5xx) + mismatches.droppedAck + mismatches.ratingLost + killedErrorLogs.count + (reportCovers ? 0 : 1) + (restartSame ? 0 : 1);
  const fdsFlat = Math.abs(end.proc.fds - start.proc.fds) <= 5;
  const tcpClosed = end.proc.tcp.established === 0 && end.proc.tcp.closeWait === 0;
  const heapFlat = idleHeapDelta === undefined || idleHeapDelta <= 5;
  const rssFlat = end.proc.rssMb <= plateau + 10;

  console.log('\n── samples ──');
  console.log('label           t (s)  issued   open  sockets  opened   rss MB  hwm MB  heap MB  gc  fds  sockfd  tcp est  close-wait  cpu %  wait %  loop %  load  handles');
  for (const s of samples) {
    const handles = s.heap ? Object.entries(s.heap.resources).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, v]) => `${k} ${v}`).join(', ') : '';
    console.log(
      `${s.label.padEnd(14)} ${s.at.toFixed(0).padStart(6)} ${String(s.issued).padStart(7)} ${String(s.open).padStart(6)} ${String(s.clients).padStart(8)} ${String(s.opened).padStart(7)} ` +
        `${s.proc.rssMb.toFixed(1).padStart(8)} ${s.proc.hwmMb.toFixed(0).padStart(7)} ${(s.heap ? s.heap.heapUsedMb.toFixed(1) : '-').padStart(8)} ${s.gc ? ' ✓' : '  '} ${String(s.proc.fds).padStart(4)} ${String(s.proc.socketFds).padStart(7)} ${String(s.proc.tcp.established).padStart(8)} ${String(s.proc.tcp.closeWait).padStart(11)} ${String(s.cpuPct ?? '-').padStart(6)} ${String(s.waitPct ?? '-').padStart(7)} ${String(s.eluPct ?? '-').padStart(7)} ${s.proc.load1.toFixed(1).padStart(5)}  ${handles}`,
    );
  }
  console.log('\n── commands (ms) ──');
  for (const [k, l] of commands.sort((a, b) => b[1].n - a[1].n)) console.log(`${k.padEnd(16)} n ${String(l.n).padStart(7)}  p50 ${l.p50.toFixed(1).padStart(7)}  p99 ${l.p99.toFixed(1).padStart(7)}  max ${l.max.toFixed(1).padStart(8)}`);
  const dayCpuPct = Math.round(((dayEnd.proc.cpuS - warm.proc.cpuS) / Math.max(1, dayEnd.at - warm.at)) * 100);
  const dayWaitPct = Math.round(((dayEnd.proc.runWaitS - warm.proc.runWaitS) / Math.max(1, dayEnd.at - warm.at)) * 100);
  const dayLoad = Math.round((daySamples.reduce((a, x) => a + x.proc.load1, 0) / Math.max(1, daySamples.length)) * 10) / 10;
  console.log('\n── the day ──');
  console.log(
    `server over the day: ${dayCpuPct} % of one core used, its main thread runnable but waiting for a CPU ${dayWaitPct} % of the time; machine load average ${dayLoad} on ${availableParallelism()} cores (other work included)`,
  );
  console.log(`tickets issued ${acked.issued} of ${opts.tickets}; calls ${acked.calls} (recalls ${acked.recalls}, come-backs ${acked.comebacks}); started ${acked.starts}; finished ${acked.finished}; transferred ${acked.transfers}; no-shows ${acked.noShows}; cancelled ${acked.cancelled}`);
  console.log(`ratings: phone ${acked.phoneRatings}, pad ${acked.padRatings} (${(((acked.phoneRatings + acked.padRatings) / Math.max(1, acked.finished + acked.transfers)) * 100).toFixed(1)} % of served visits); pauses ${acked.pauses}; midday sign-out/in ${acked.middayBreaks}`);
  console.log(`sockets: ${c?.opened ?? 0} connections (${Object.entries(c?.byKind ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')}), connect→snapshot p50 ${c?.snapshotAllMs.p50 ?? '-'} ms, p99 ${c?.snapshotAllMs.p99 ?? '-'} ms, max ${c?.snapshotAllMs.max ?? '-'} ms, client loop delay p99 ${c?.loopDelayP99Ms ?? '-'} ms`);
  console.log(`  events: ${Object.entries(c?.events ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`  connect errors: ${JSON.stringify(c?.connectErrors ?? {})}; dropped by the server: ${JSON.stringify(c?.serverDrops ?? {})}; ended without a snapshot: ${c?.noSnapshot ?? 0}`);
  const visitsDone = liveFig?.calls ?? acked.calls;
  console.log(
    `store: journal ${(data.journal / 1048576).toFixed(1)} MB (${Math.round(data.journal / Math.max(1, acked.issued))} bytes per ticket, ${Math.round(data.journal / Math.max(1, visitsDone))} per visit), other files ${(data.other / 1048576).toFixed(1)} MB`,
  );
  console.log(
    `report (live) ${JSON.stringify(liveFig)}\n       acked  ${JSON.stringify(expectFig)}  ${reportMatches ? 'same' : reportCovers ? 'server ahead (answers lost on the way, nothing missing)' : 'SERVER BEHIND'}\n` +
      `       after kill -9 and restart: ${restartSame ? 'same' : `DIFFERENT ${JSON.stringify(againFig)}`}`,
  );
  console.log(
    `restart on the day's data: listening after ${(restartMs / 1000).toFixed(1)} s at ${restartedMb} MB resident (${restartedGcMb} MB and heap ${restartHeap?.heapUsedMb ?? '?'} MB after a GC), ${restartAfterReportMb} MB after the day's report (peak ${restartPeakMb} MB)\n` +
      `  the process that lived the day: ${end.proc.rssMb} MB and heap ${end.heap?.heapUsedMb ?? '?'} MB, ${liveAfterReportMb} MB after the same report (${liveAfterReportGcMb} MB and heap ${liveReportHeap?.heapUsedMb ?? '?'} MB after a GC)`,
  );
  console.log('\n── errors ──');
  console.log(`issue retries after no answer (same requestId): ${retries.issue}`);
  console.log(`5xx: ${JSON.stringify(errors.http5xx)}  no answer: ${JSON.stringify(errors.network)}  unexpected 4xx: ${JSON.stringify(errors.unexpected4xx)}`);
  console.log(`server error log lines: ${killedErrorLogs.count}${killedErrorLogs.last.length ? `\n  ${killedErrorLogs.last.join('\n  ')}` : ''}`);
  console.log(`acknowledged but missing: ${mismatches.droppedAck} tickets, ${mismatches.ratingLost} ratings; unverified ${mismatches.unverified}${mismatches.samples.length ? `\n  ${mismatches.samples.join('\n  ')}` : ''}`);
  console.log(`expected refusals: ${JSON.stringify(refusals)}`);
  if (errors.samples.length) console.log(`first errors:\n  ${errors.samples.join('\n  ')}`);
  console.log('\n── memory and handles ──');
  const firstOfSecondHalf = secondHalf[0] ?? mid;
  const lastOfDay = daySamples[daySamples.length - 1] ?? dayEnd;
  console.log(`RSS over the second half of the day (no GC forced): ${firstOfSecondHalf.proc.rssMb} MB at ${firstOfSecondHalf.issued} tickets (${firstOfSecondHalf.at.toFixed(0)} s) → ${lastOfDay.proc.rssMb} MB at ${lastOfDay.label} (${lastOfDay.at.toFixed(0)} s), max ${plateau} MB`);
  console.log(`RSS: start ${start.proc.rssMb} MB, warm (${warm.clients} sockets) ${warm.proc.rssMb} MB, mid-day ${mid.proc.rssMb} MB, second-half plateau (max) ${plateau} MB, day end ${dayEnd.proc.rssMb} MB, after idle churn ${idleTo.proc.rssMb} MB, end ${end.proc.rssMb} MB   ${rssFlat ? 'flat' : 'GROWING'}`);
  if (inspector)
    console.log(
      `heap after GC: start ${heapGc(start)} MB, warm ${heapGc(warm)}, mid ${heapGc(mid)}, day end ${heapGc(dayEnd)}, idle end ${heapGc(idleTo)}, end ${heapGc(end)} MB; ` +
        `live data per ticket ${perTicketKb(warm, mid, ticketsFirstHalf)} KB (first half), ${perTicketKb(mid, dayEnd, ticketsSecondHalf)} KB (second half); ` +
        `idle churn: ${idleHeapDelta} MB over ${idleConnections} connections   ${heapFlat ? 'flat' : 'GROWING'}`,
    );
  console.log(`fds: start ${start.proc.fds}, warm ${warm.proc.fds}, end ${end.proc.fds} (${end.proc.fds - start.proc.fds >= 0 ? '+' : ''}${end.proc.fds - start.proc.fds})   ${fdsFlat ? 'back to baseline' : 'NOT BACK'}; server TCP at end: ${end.proc.tcp.established} established, ${end.proc.tcp.closeWait} close-wait   ${tcpClosed ? 'none left' : 'LEFT OPEN'}`);
  if (end.heap && start.heap) console.log(`active handles: start ${JSON.stringify(start.heap.resources)}\n                end   ${JSON.stringify(end.heap.resources)}`);
  const duration = elapsed();
  const verdicts: Array<[string, boolean]> = [
    ['no 5xx, nothing acknowledged missing, no server error logged', errorCount === 0],
    ['no unexpected refusal', sum(errors.unexpected4xx) === 0],
    ['every ticket issued', acked.issued === opts.tickets],
    ['descriptors back to the baseline', fdsFlat],
    ['no TCP connection left', tcpClosed],
    ['heap flat over the idle churn', heapFlat],
    ['RSS at the end within the day\'s plateau', rssFlat],
  ];
  const failed = verdicts.filter(([, ok]) => !ok).map(([name]) => name);
  console.log(`\nsoak ${failed.length === 0 ? 'PASSED' : `found problems: not ${failed.join('; not ')}`} in ${(duration / 60).toFixed(1)} min`);

  const result = {
    passed: failed.length === 0,
    tickets: acked.issued,
    ticketsAsked: opts.tickets,
    sockets: opts.sockets,
    socketConnections: c?.opened ?? 0,
    durationS: Math.round(duration),
    daySeconds: Math.round(daySeconds),
    visits: acked.calls,
    finished: acked.finished,
    transfers: acked.transfers,
    noShows: acked.noShows,
    cancelled: acked.cancelled,
    ratings: acked.phoneRatings + acked.padRatings,
    pauses: acked.pauses,
    rssStartMb: start.proc.rssMb,
    rssWarmMb: warm.proc.rssMb,
    rssMidMb: mid.proc.rssMb,
    rssPlateauMb: plateau,
    rssDayEndMb: dayEnd.proc.rssMb,
    rssEndMb: end.proc.rssMb,
    rssPeakMb: end.proc.hwmMb,
    heapStartMb: heapGc(start) ?? null,
    heapMidMb: heapGc(mid) ?? null,
    heapDayEndMb: heapGc(dayEnd) ?? null,
    heapEndMb: heapGc(end) ?? null,
    idleChurnHeapDeltaMb: idleHeapDelta ?? null,
    idleChurnConnections: idleConnections,
    fdsStart: start.proc.fds,
    fdsEnd: end.proc.fds,
    tcpEnd: end.proc.tcp.established + end.proc.tcp.closeWait,
    commandP99Ms: commandP99,
    serverCpuDayPct: dayCpuPct,
    serverCpuWaitDayPct: dayWaitPct,
    loadAverageDay: dayLoad,
    http5xx: sum(errors.http5xx),
    noAnswer: sum(errors.network),
    issueRetries: retries.issue,
    unexpected4xx: sum(errors.unexpected4xx),
    droppedAcked: mismatches.droppedAck + mismatches.ratingLost,
    serverErrorLogs: killedErrorLogs.count,
    socketConnectErrors: sum(c?.connectErrors ?? {}),
    socketServerDrops: sum(c?.serverDrops ?? {}),
    socketsWithoutSnapshot: c?.noSnapshot ?? 0,
    snapshotP99Ms: c?.snapshotAllMs.p99 ?? null,
    reportMatchesAcked: reportMatches,
    reportCoversAcked: reportCovers,
    sameAfterRestart: restartSame,
    journalBytesPerTicket: Math.round(data.journal / Math.max(1, acked.issued)),
    journalBytesPerVisit: Math.round(data.journal / Math.max(1, visitsDone)),
    restartS: Math.round(restartMs / 100) / 10,
    restartRssMb: restartedMb,
    restartRssAfterGcMb: restartedGcMb,
    restartHeapAfterGcMb: restartHeap?.heapUsedMb ?? null,
    restartRssAfterReportMb: restartAfterReportMb,
    liveRssAfterReportMb: liveAfterReportMb,
    liveRssAfterReportGcMb: liveAfterReportGcMb,
    liveHeapAfterReportGcMb: liveReportHeap?.heapUsedMb ?? null,
  };
  console.log(JSON.stringify(result));
  process.exit(result.passed ? 0 : 1);
}

/** Bytes of the store's journal, and of everything else in DATA_DIR (checkpoint, archives). */
async function dataSize(dir: string): Promise<{ journal: number; other: number }> {
  const out = { journal: 0, other: 0 };
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      const path = join(d, e.name);
      if (e.isDirectory()) await walk(path);
      else if (e.isFile()) out[e.name.startsWith('journal') ? 'journal' : 'other'] += (await stat(path).catch(() => ({ size: 0 }))).size;
    }
  };
  await walk(dir);
  return out;
}

// Bounded whatever happens: a hung phase cannot outlive the budget by more than a few minutes.
setTimeout(() => {
  console.error(`soak: over its time budget (${opts.minutes} min + 3); giving up`);
  process.exit(2);
}, (opts.minutes + 3) * 60_000).unref();

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
