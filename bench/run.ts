import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import express from 'express';
import { Server } from 'socket.io';
import { createExpressServer, serveApp } from '../server/http/express-server.ts';
import { createApp } from '../server/app.ts';
import { missingStartFlags, tuneGarbageCollection } from '../server/gc-tuning.ts';
import { systemClock } from '../server/clock.ts';
import { parseConfig } from '../server/config.ts';
import { LowdbStore } from '../server/store/lowdb-store.ts';
import { Api } from '../tests/support/harness.ts';
import { benchConfig } from './hall.ts';
import { keepsCpusAwake } from './keep-awake.ts';
import { figure, type Latency, latency, line, type Screens, serveOnOwnCpus, type Stall, startRequests, startScreens } from './lib.ts';
import { dayBench, type DayBenchResult, failOnServerErrors, timeAnswers } from './day.ts';
import { DurableLog } from './durable-log.ts';
import type { PostTarget } from './requests.ts';
import { historyBench } from './history.ts';
import { storeBench } from './store.ts';

/**
 * SPEC §8 on this machine: issuing at 100 tickets/s and a call reaching 1,000 connected
 * screens, on a business day already holding 20,000 tickets with 60 windows open, each
 * beside a bare Express route and a bare Socket.IO broadcast measured in the same process.
 * Then a whole busy day served end to end (bench/day.ts), and a year of history: start-up
 * time and memory, one-day and 365-day reports.
 *
 * BENCH_PART picks one part: hall, store, day or history; all (the default) runs them in that
 * order, each in a fresh process — as a hall's server would be, not one still holding the
 * garbage and the grown heap of the parts before it.
 */

const SCREENS = Number(process.env.BENCH_SCREENS ?? 1000);
const DAY_TICKETS = Number(process.env.BENCH_DAY_TICKETS ?? 20_000);
const KIOSK = 'bench-kiosk-key-000001';
/** Requests and calls sent, unmeasured, before the measured ones. */
const WARM_UP = 200;
const WARM_UP_CALLS = 5;
/**
 * Tickets issued at 100/s, TURN at a time, each turn followed by as many to each baseline
 * route: turns shorter than the disk's slow moments, which then fall on all three alike.
 */
const ISSUES = 2000;
const TURN = 5;
/**
 * Calls, CALL_TURN at a time, each turn followed by as many bare broadcasts. A round's
 * deliveries to a thousand screens rise and fall together, so p99 over 30 calls was the
 * 70th percentile of the slowest call's round; over 100, it takes more than one slow round.
 */
const CALLS = 100;
const CALL_TURN = 10;
const DISPLAY = 'bench-display-key-0001';

/** Time from each call's request being sent to each screen receiving it (`sent`: id and time sent, ms since the epoch). */
async function deliveries(screens: Screens, n: number, sent: Array<[string, number]>): Promise<number[]> {
  await new Promise((r) => setTimeout(r, 500));
  const sentAt = new Map(sent);
  const received = await screens.received();
  const samples = received.filter(([id]) => sentAt.has(id)).map(([id, at]) => at - sentAt.get(id)!);
  if (samples.length < sent.length * n) throw new Error(`only ${samples.length} of ${sent.length * n} deliveries arrived`);
  return samples;
}

/** A route on this process's event loop, at `origin`, until `close`. */
interface Route {
  origin: string;
  close: () => Promise<void>;
}

async function listen(server: HttpServer, close = () => new Promise<void>((r) => server.close(() => r()))): Promise<Route> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close };
}

/** The bare route appending a line and fdatasyncing it (group commit): the durable baseline, at POST /api/durable. */
async function startDurableRoute(): Promise<Route & { syncs: DurableLog['syncs'] }> {
  const dir = await mkdtemp(join(tmpdir(), 'hall-baseline-'));
  const log = await DurableLog.open(join(dir, 'log.ndjson'));
  const app = express();
  app.use(express.json());
  app.post('/api/durable', async (req, res) => {
    await log.append(JSON.stringify(req.body));
    res.status(201).json({ ok: true, echo: req.body });
  });
  const server = createExpressServer();
  serveApp(server, app);
  const route = await listen(server);
  return {
    origin: route.origin,
    syncs: log.syncs,
    close: async () => {
      await route.close();
      await log.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The bare Express route (POST /api/x, answering at once) and the bare Socket.IO broadcast
 * (POST /api/emit sends one call to every screen): what the stack gives with no hall behind it.
 */
async function startBareRoutes(): Promise<Route> {
  const app = express();
  app.use(express.json());
  app.post('/api/x', (req, res) => {
    res.status(201).json({ ok: true, echo: req.body });
  });
  const server = createExpressServer();
  serveApp(server, app);
  const io = new Server(server);
  let n = 0;
  app.post('/api/emit', (_req, res) => {
    const id = `call-${++n}`;
    io.emit('hall:changes', { calls: [{ id, number: 'A001', windowNumber: 5 }], windows: [], counts: [] });
    res.json({ id });
  });
  // Closing Socket.IO closes its HTTP server too.
  return listen(server, () => new Promise<void>((r) => io.close(() => r())));
}

/** POST /api`path` at `origin`, as a kiosk takes a ticket, answered 201. */
const target = (origin: string, path: string, auth?: string): PostTarget => ({ url: origin, path, body: { serviceId: 's3' }, auth, status: 201 });

/**
 * The durable baseline at the day's pace, `perSecond` open loop, `total` requests, driven as
 * the day is: the route's event loop on the server's CPUs, its requests from a process of
 * its own on the load generators' (bench/requests.ts); and how its fdatasyncs went.
 */
async function durableBaselineLikeTheDay(perSecond: number, total: number): Promise<{ latency: Latency; syncs: DurableLog['syncs'] }> {
  const route = await startDurableRoute();
  const cpus = await serveOnOwnCpus();
  const requests = await startRequests();
  try {
    const [samples] = await requests.ask<number[][]>({ type: 'post', targets: [target(route.origin, '/durable')], perSecond, turn: total, total });
    return { latency: latency(samples), syncs: route.syncs };
  } finally {
    requests.stop();
    await cpus.release();
    await route.close();
  }
}

/**
 * SPEC §8's hall figures: issuing at 100/s on a day already holding DAY_TICKETS tickets,
 * and a call reaching SCREENS screens, each in turns with its baselines (the durable and
 * bare routes, the bare broadcast). Set up as the day is: every server in this process,
 * its event loop on the server's CPU kept from halting; every request from
 * bench/requests.ts and every screen from bench/screens.ts, on the load generators' CPUs.
 * (With server and clients in one unpinned process, the kiosks' own waits for a CPU
 * counted as the server's: issuing's ratio to the durable route was 1.60–1.86 in four runs.)
 */
async function hallBench() {
  const dir = await mkdtemp(join(tmpdir(), 'hall-bench-'));
  const hall = await createApp({ config: parseConfig(benchConfig()), store: new LowdbStore(dir), clock: systemClock });
  const url = `http://127.0.0.1:${(await hall.listen(0, '127.0.0.1')).port}`;
  const bare = await startBareRoutes();
  const durableRoute = await startDurableRoute();
  const cpus = await serveOnOwnCpus();
  const requests = await startRequests();
  try {
    // A business day already under way: DAY_TICKETS tickets issued as fast as 32 kiosks can.
    const fillSeconds = await requests.ask<number>({ type: 'fill', url, auth: KIOSK, tickets: DAY_TICKETS, kiosks: 32, services: 20 });
    const api = new Api(url);
    const tokens = await Promise.all(Array.from({ length: 60 }, (_, i) => api.openWindow(i + 1)));
    const screens = await startScreens(url, SCREENS, { key: DISPLAY });
    const bareScreens = await startScreens(bare.origin, SCREENS, {});

    // Each server measured after a first round unmeasured, as a hall's is after its first minutes,
    // then the hall and its baselines in turns, so all meet the same moments of the disk (whose
    // fdatasync now and then takes a hundred times longer) and of the load generators' CPUs.
    const targets = [target(url, '/tickets', KIOSK), target(durableRoute.origin, '/durable'), target(bare.origin, '/x')];
    await requests.ask({ type: 'post', targets, perSecond: 100, turn: TURN, total: WARM_UP });
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    const answers = timeAnswers(hall.server);
    const [issued, durable, bareIssued] = await requests.ask<number[][]>({ type: 'post', targets, perSecond: 100, turn: TURN, total: ISSUES });
    loop.disable();
    const issuedInServer = { answers: answers.stop(), maxDelayMs: loop.max / 1e6 };

    await requests.ask({ type: 'calls', url, rounds: WARM_UP_CALLS, tokens });
    await requests.ask({ type: 'calls', url: bare.origin, rounds: WARM_UP_CALLS });
    const sent = { hall: [] as Array<[string, number]>, bare: [] as Array<[string, number]> };
    for (let done = 0; done < CALLS; done += CALL_TURN) {
      sent.hall.push(...(await requests.ask<Array<[string, number]>>({ type: 'calls', url, rounds: CALL_TURN, from: done, tokens })));
      sent.bare.push(...(await requests.ask<Array<[string, number]>>({ type: 'calls', url: bare.origin, rounds: CALL_TURN })));
    }
    const [call, bareCall] = await Promise.all([deliveries(screens, SCREENS, sent.hall), deliveries(bareScreens, SCREENS, sent.bare)]);
    screens.stop();
    bareScreens.stop();
    return {
      issue: latency(issued),
      durable: latency(durable),
      call: latency(call),
      issuedInServer,
      fillSeconds,
      bare: { issue: latency(bareIssued), call: latency(bareCall) },
    };
  } finally {
    requests.stop();
    await cpus.release();
    await Promise.all([bare.close(), durableRoute.close(), hall.close()]);
    await rm(dir, { recursive: true, force: true });
  }
}

function printDay(day: DayBenchResult): void {
  const c = day.counts;
  const p = day.phones;
  console.log(`\nwhole busy day: ${day.tickets} tickets issued at ${day.rate}/s, ${day.windows} windows, ${day.screens} screens, ${p.pages} phone pages (${p.mostOpen} open at most)`);
  console.log(
    `served in ${day.seconds.toFixed(1)} s: ${c.visitsEnded} visits ended (${c.finished} finished, ${c.noShows} no-show, ${c.transfers} transferred), ` +
      `${c.ratings} rated (${p.ratings} on the phone), ${c.cancelled} cancelled; ${day.commands.n} commands (${Math.round(day.commands.n / day.seconds)}/s), ${c.emptyPolls} empty call-next polls`,
  );
  console.log(keepsCpusAwake() ? "the server's CPU kept from halting (bench/keep-awake.ts; BENCH_LET_CPUS_HALT=1 lets it halt)" : "the server's CPU left to halt when idle");
  console.log(figure('day: every command', day.commands, 'p99 < 25 ms'));
  for (const [kind, l] of Object.entries(day.byKind)) console.log(figure(`  ${kind}`, l, 'p99 < 25 ms'));
  console.log(figure('  answered in the server', day.answeredInServer, '', 'request read to answer written, empty polls too'));
  console.log(figure('  of it, the commit in the store', day.committedInStore, '', 'queued, written, fdatasynced, answered'));
  const { slowest } = day;
  console.log(`${'  the slowest 1 %'.padEnd(34)} ${slowest.n} commands from ${slowest.fromMs.toFixed(1)} ms: on average ${slowest.toRead.toFixed(1)} ms sent to read by the server, ${slowest.inServer.toFixed(1)} in it, ${slowest.after.toFixed(1)} answered to read by the client`);
  const outside = day.outsideP99;
  console.log(`${'  outside the server'.padEnd(34)} p99 ${outside.toReadAndAfter.toFixed(2).padStart(7)} ms  of it answered to read by the client p99 ${outside.after.toFixed(2)} ms  (before the server read each command and after it answered: the day's p99 is at least these)`);
  console.log(`${'  the clients\' own event-loop delay'.padEnd(34)} p99 ${day.clientsDelay.p99.toFixed(2).padStart(7)} ms  max ${day.clientsDelay.max.toFixed(2).padStart(7)} ms  (an answer may wait this long in the load generator)`);
  const own = day.clientsThread;
  console.log(`${'  the clients\' main thread'.padEnd(34)} on a CPU ${(own.onCpuShare * 100).toFixed(1)} % of the day, waited for one ${(own.waitedMs / 1000).toFixed(1)} s; GC pauses ${(own.gcMs / 1000).toFixed(1)} s, longest ${own.gcMaxMs.toFixed(1)} ms`);
  if (!Number.isNaN(day.serverBusy)) console.log(`${'day: server main thread on a CPU'.padEnd(34)} ${(day.serverBusy * 100).toFixed(1).padStart(7)} %  of the day (the event loop's load)`);
  console.log(`${'day: event-loop delay (server)'.padEnd(34)} p99 ${day.dayStallP99Ms.toFixed(2).padStart(7)} ms  max ${day.dayMaxStallMs.toFixed(2).padStart(7)} ms  target max ≤ 20 ms`);
  const st = day.stalls;
  const split = (x: Stall | undefined) => (x ? `${x.ms.toFixed(1)} ms: ${x.onCpuMs.toFixed(1)} on a CPU, ${x.waitingForCpuMs.toFixed(1)} waiting for one, ${Math.max(0, x.ms - x.onCpuMs - x.waitingForCpuMs).toFixed(1)} neither (hypervisor steal ${x.stolenMs.toFixed(0)} ±10, ${x.majorFaults} major page faults); ${(x.gcMs ?? 0).toFixed(1)} of it in GC pauses, ${(x.machineStoppedMs ?? 0).toFixed(1)} of it with the other CPUs' witness late too` : 'none');
  console.log(`${'  what the kernel saw'.padEnd(34)} ${st.over20Ms} delays over 20 ms (${st.over20MsWithMajorFaults} with major page faults, ${st.over20MsMachineStopped} with the other CPUs' witness late through half or more); longest ${split(st.longest)}; most on a CPU ${split(st.mostOnCpu)}`);
  const j = day.journal;
  console.log(
    `${'day: journal per ended visit'.padEnd(34)} ${day.journalBytesPerVisit.toFixed(0).padStart(7)} B  (${(j.bytesWritten / 1e6).toFixed(1)} MB in ${j.commits} commits, ${j.checkpoints} checkpoints)  target ≤ 1024 B`,
  );
  const phoneNote = `after the call-next was sent; ${p.callsNotShown} calls never shown, ${p.refused} pages refused, ${p.updates} updates`;
  console.log(figure('day: call shown on phone pages', p.callShown, '', phoneNote));
  console.log(figure('day: garbage collection pauses', day.gc, 'each ≤ 20 ms'));
  console.log(`${''.padEnd(34)} longest by kind: ${Object.entries(day.gc.longestByKind).map(([k, ms]) => `${k} ${ms} ms`).join(', ')}`);
  console.log(`${'day: journal fdatasync'.padEnd(34)} ${j.syncs} syncs (group commit), longest since the store opened ${j.syncMaxMs.toFixed(1)} ms, ${j.slowSyncs} over 25 ms`);
  const at = (pairs: Array<[number, number]>, show: (a: number, b: number) => string) => pairs.map(([a, b]) => show(a, b)).join(', ') || 'none';
  console.log(`${''.padEnd(34)} over 100 ms: ${at(j.verySlowSyncsAtS, (s, ms) => `${ms} ms at ${s} s`)}; checkpoints ${at(j.checkpointsAtS, (a, b) => `${a}–${b} s`)} (seconds into the day)`);
  const steal = day.stealMs.map((ms, cpu) => `CPU ${cpu} ${(ms / 1000).toFixed(1)} s (${ms === 0 ? 0 : ((ms / 10 / day.seconds) | 0) || '<1'} %)`).join(', ');
  console.log(`${'day: hypervisor steal'.padEnd(34)} ${steal || 'not known here'}  (a busy host; any is time the server did not have)`);
  const tally = (m: Record<string, number>) => Object.entries(m).map(([k, n]) => `${k} ×${n}`).join(', ') || 'none';
  console.log(`day: refusals (known races): ${tally(day.refusals)}`);
  console.log(`day: unexpected answers: ${tally(day.unexpected)}`);
}

/** `npm run bench -- --json`: the last line is every figure under SPEC §14's names. */
type Figures = Record<string, number>;

const PARTS = ['hall', 'store', 'day', 'history'] as const;

/** Runs one part in a child process of its own (output shared), and takes its figures. */
function runPart(part: string): Promise<Figures> {
  return new Promise((resolve, reject) => {
    let figures: Figures | undefined;
    const child = fork(process.argv[1], [], { env: { ...process.env, BENCH_PART: part }, execArgv: process.execArgv });
    child.on('message', (m: Figures) => (figures = m));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 && figures ? resolve(figures) : reject(new Error(`bench part ${part} exited ${code}`))));
  });
}

async function main() {
  const part = process.env.BENCH_PART ?? 'all';
  if (part !== 'all' && !(PARTS as readonly string[]).includes(part)) throw new Error(`BENCH_PART must be all, ${PARTS.join(', ')}, not "${part}"`);
  if (part === 'all') {
    const figures: Figures = {};
    for (const p of PARTS) Object.assign(figures, await runPart(p));
    if (process.argv.includes('--json')) console.log(JSON.stringify(figures));
    process.exit(0);
  }
  // The server under test runs in this process: with the garbage collection npm start gives it.
  tuneGarbageCollection();
  const missing = missingStartFlags();
  if (missing.length) console.warn(`bench: started without ${missing.join(' ')} (npm start gives the server these); run it with npm run bench`);
  const runs = (p: string) => part === p;
  const figures: Figures = {};
  let day: DayBenchResult | undefined;
  if (runs('hall')) {
    console.log(`hall-queue bench — ${SCREENS} screens, a day of ${DAY_TICKETS} tickets, 60 windows\n`);
    const hall = await hallBench();
    const base = hall.bare;
    console.log(`filled the day: ${DAY_TICKETS} tickets in ${hall.fillSeconds.toFixed(1)} s (${Math.round(DAY_TICKETS / hall.fillSeconds)} tickets/s with 32 kiosks)`);
    console.log(line('issue at 100/s (POST /api/tickets)', hall.issue, base.issue, 'p99 < 25 ms'));
    console.log(figure('  answered in the server', hall.issuedInServer.answers, '', `request read to answer written; event-loop delay at most ${hall.issuedInServer.maxDelayMs.toFixed(1)} ms`));
    console.log(line('  against the durable baseline', hall.issue, hall.durable, 'ratio ≤ 1.5'));
    console.log(line(`call shown on ${SCREENS} screens`, hall.call, base.call, 'p99 < 50 ms'));
    Object.assign(figures, {
      issueP99Ms: hall.issue.p99,
      issueBaselineP99Ms: base.issue.p99,
      durableBaselineP99Ms: hall.durable.p99,
      callP99Ms: hall.call.p99,
      callBaselineP99Ms: base.call.p99,
    });
  }
  if (runs('store')) {
    const s = await storeBench();
    console.log(`\nthe embedded store alone, a live day of ${s.tickets} tickets:`);
    console.log(`${'checkpoint'.padEnd(34)} ${s.checkpointMs.toFixed(0).padStart(7)} ms  longest event-loop stall ${s.checkpointMaxStallMs.toFixed(1)} ms  target ≤ 20 ms`);
    console.log(`${'day close (closed day written)'.padEnd(34)} ${s.dayCloseMs.toFixed(0).padStart(7)} ms  longest event-loop stall ${s.dayCloseMaxStallMs.toFixed(1)} ms  target ≤ 20 ms`);
  }
  if (runs('day')) {
    day = await dayBench();
    printDay(day);
    // The physical limit at the day's pace: the durable route offered the day's commands per
    // second for as long as the day took, so it meets as much of the disk's weather, and
    // from the same kind of client process on the same CPUs, so only the server differs.
    const perSecond = Math.round(day.commands.n / day.seconds);
    const durable = await durableBaselineLikeTheDay(perSecond, Math.round(perSecond * day.seconds));
    console.log(line(`  against durable at ${perSecond}/s`, day.commands, durable.latency, 'ratio ≤ 1.5'));
    console.log(`${'  the baseline\'s fdatasync'.padEnd(34)} ${durable.syncs.n} syncs, longest ${durable.syncs.maxMs.toFixed(1)} ms, ${durable.syncs.slow} over 25 ms`);
    Object.assign(figures, { dayCommandP99Ms: day.dayCommandP99Ms, dayDurableBaselineP99Ms: durable.latency.p99, dayMaxStallMs: day.dayMaxStallMs, dayMaxStallOnCpuMs: Math.round((day.stalls.mostOnCpu?.onCpuMs ?? 0) * 10) / 10, journalBytesPerVisit: day.journalBytesPerVisit });
  }
  if (runs('history')) Object.assign(figures, await historyBench());
  if (day) failOnServerErrors(day);
  if (process.send) {
    process.send(figures, () => process.exit(0));
    return;
  }
  if (process.argv.includes('--json')) console.log(JSON.stringify(figures));
  process.exit(0);
}

void main();
