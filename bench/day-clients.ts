import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { latency, mainThreadSchedstat, watchGc } from './lib.ts';
import type { Api, ApiResponse } from '../tests/support/harness.ts';
import { LeanApi, type Split } from './lean-api.ts';
import { COMMANDS, type Command, type DayClientsResult, type DayCounts, type DayPlan } from './day-plan.ts';
import { Phones } from './day-phones.ts';

/**
 * The kiosks, windows and phones of the whole-day bench (bench/day.ts), in a process of
 * their own so their work is not counted as the server's. Tickets are issued open loop at
 * a fixed rate (a late answer does not slow the next ticket), the day compressed from
 * hours into minutes; each window calls, waits for the citizen, serves and finishes, as a
 * clerk does, only faster. Tickets come from the hall's kiosks in turn; a share of them
 * (DayPlan.phoneShare) is followed on a phone page (bench/day-phones.ts). Per visit about
 * 5 % are no-shows, 5 % are transferred to another service (and called again there), the
 * rest are started and finished, and 30 % of those are rated — on the phone page when one
 * is open and the citizen prefers it (half of them), otherwise on the window's pad; 2 % of
 * tickets are cancelled from the phone a moment after issuing. Every command is timed from
 * its request to its answer.
 *
 * argv: server url, then a JSON of DayPlan. Reports a DayClientsResult over IPC when done.
 */

const OUTCOMES = ['completed', 'accepted', 'consulted', 'rejected'] as const;
/** How long a clerk takes between steps: the citizen walking up, then being served. */
const WALK_UP_MS = 100;
const SERVE_MS = 300;
/** A window with nobody waiting asks again after this long. */
const IDLE_POLL_MS = 1000;
/** Give up when no ticket has reached its end for this long. */
const STUCK_MS = 30_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every command's latency and every answer that was not the expected success. */
class Tally {
  readonly samples = Object.fromEntries(COMMANDS.map((k) => [k, [] as number[]])) as Record<Command, number[]>;
  /** Each timed command's time and its split, when the server sent its moments. */
  readonly splits: Array<[number, Split]> = [];
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
    else {
      this.samples[kind].push(ms);
      const split = (r as ApiResponse & { split?: Split }).split;
      if (split) this.splits.push([ms, split]);
    }
    if (r.status === ok) return r;
    const key = `${kind} ${r.status} ${r.body?.error?.code ?? ''}`.trim();
    if (r.status >= 500) this.serverErrors++;
    this.count(r.status < 500 && isRace(r) ? this.refusals : this.unexpected, key);
    return undefined;
  }

  count(into: Record<string, number>, key: string): void {
    into[key] = (into[key] ?? 0) + 1;
  }

  /** The slowest 1 % of the timed commands: where their time went, on average. */
  slowest(): DayClientsResult['slowest'] {
    const top = [...this.splits].sort((a, b) => b[0] - a[0]).slice(0, Math.max(1, Math.ceil(this.splits.length / 100)));
    const mean = (f: (x: [number, Split]) => number) => top.reduce((sum, x) => sum + f(x), 0) / top.length;
    return { n: top.length, fromMs: top.at(-1)?.[0] ?? 0, toRead: mean(([, s]) => s.toRead), inServer: mean(([, s]) => s.inServer), after: mean(([, s]) => s.after) };
  }

  outsideP99(): DayClientsResult['outsideP99'] {
    return { after: latency(this.splits.map(([, s]) => s.after)).p99, toReadAndAfter: latency(this.splits.map(([, s]) => s.toRead + s.after)).p99 };
  }
}

class Day {
  readonly tally = new Tally();
  readonly counts: DayCounts = { issued: 0, cancelled: 0, finished: 0, noShows: 0, transfers: 0, ratings: 0, visitsEnded: 0, emptyPolls: 0 };
  issuingDone = false;
  stuck?: string;
  readonly pending: Promise<void>[] = [];
  readonly phones: Phones;

  constructor(
    readonly api: Api,
    readonly plan: DayPlan,
  ) {
    this.phones = new Phones(api.url);
  }

  /** Tickets at their end: finished, no-show or cancelled (a transferred one waits again). */
  get ended(): number {
    return this.counts.finished + this.counts.noShows + this.counts.cancelled;
  }

  get over(): boolean {
    return this.stuck !== undefined || (this.issuingDone && this.ended === this.counts.issued);
  }
}

// ---- Kiosks and phones -------------------------------------------------------------------

/** Open loop: ticket i is asked for at i / rate seconds, whatever the answers before it. */
async function kiosks(day: Day): Promise<void> {
  const { plan } = day;
  const start = performance.now();
  for (let i = 0; i < plan.tickets && !day.stuck; i++) {
    const wait = start + (i * 1000) / plan.rate - performance.now();
    if (wait > 0) await sleep(wait);
    day.pending.push(issue(day, i));
  }
  await Promise.all(day.pending);
}

async function issue(day: Day, i: number): Promise<void> {
  const { plan } = day;
  const kiosk = plan.kioskKeys[i % plan.kioskKeys.length];
  const r = await day.tally.send('issue', () => day.api.issue(`s${i % plan.services}`, { key: kiosk }), 201);
  if (!r) return;
  day.counts.issued++;
  const ticket = r.body.ticket as { id: string; statusUrl: string };
  if (Math.random() < plan.phoneShare) day.phones.follow(ticket.id, tokenOf(day, ticket));
  if (i % 50 === 25) await cancelLater(day, ticket);
}

/** The ticket's token, from the address its slip's QR code holds. */
function tokenOf(day: Day, ticket: { statusUrl: string }): string {
  return new URL(ticket.statusUrl, day.api.url).searchParams.get('token') ?? '';
}

/** The citizen changes their mind at once (the compressed day's queues are short), from the page behind the slip's QR code. */
async function cancelLater(day: Day, ticket: { id: string; statusUrl: string }): Promise<void> {
  await sleep(Math.random() * 200);
  const path = `/tickets/${ticket.id}/cancel?token=${encodeURIComponent(tokenOf(day, ticket))}`;
  // A window may have called the ticket first: then it is no longer the citizen's to cancel.
  const r = await day.tally.send('cancel', () => day.api.post(path, {}), 200, (x) => x.status === 409 && x.body?.error?.code === 'INVALID_STATE');
  if (r) day.counts.cancelled++;
}

// ---- Windows -----------------------------------------------------------------------------

interface CalledTicket {
  id: string;
  serviceId: string;
  visits: Array<{ id: string }>;
}

async function windowLoop(day: Day, n: number, token: string): Promise<void> {
  const w = `/windows/w${n}`;
  // Windows start at different moments, as clerks do.
  await sleep(Math.random() * IDLE_POLL_MS);
  while (!day.over) {
    const asked = performance.now();
    const r = await day.tally.send('call-next', () => day.api.post(`${w}/call-next`, {}, token), 200);
    const ticket = r?.body.ticket as CalledTicket | null | undefined;
    if (!ticket) {
      await sleep(IDLE_POLL_MS);
      continue;
    }
    day.phones.callAsked(ticket.id, asked);
    if (!(await serve(day, w, token, ticket))) await clearWindow(day, w, token);
  }
}

/** One visit, from the call to its end; false when a command failed and the window still holds it. */
async function serve(day: Day, w: string, token: string, ticket: CalledTicket): Promise<boolean> {
  const { tally, api, counts } = day;
  await sleep(WALK_UP_MS);
  const roll = Math.random();
  if (roll < 0.05) {
    if (!(await tally.send('no-show', () => api.post(`${w}/no-show`, {}, token), 200))) return false;
    counts.noShows++;
    counts.visitsEnded++;
    return true;
  }
  if (roll < 0.1) {
    const to = otherService(ticket.serviceId, day.plan.services);
    if (!(await tally.send('transfer', () => api.post(`${w}/transfer`, { serviceId: to }, token), 200))) return false;
    counts.transfers++;
    counts.visitsEnded++;
    return true;
  }
  if (!(await tally.send('start', () => api.post(`${w}/start`, {}, token), 200))) return false;
  await sleep(SERVE_MS);
  const outcome = OUTCOMES[Math.floor(Math.random() * OUTCOMES.length)];
  const finished = await tally.send('finish', () => api.post(`${w}/finish`, { outcome }, token), 200);
  if (!finished) return false;
  counts.finished++;
  counts.visitsEnded++;
  if (Math.random() < 0.3) await rate(day, w, finished.body.ticket as CalledTicket);
  return true;
}

/** Half the citizens with the page open rate there, in their own time; the others tap the pad before leaving. */
async function rate(day: Day, w: string, ticket: CalledTicket): Promise<void> {
  if (Math.random() < 0.5 && day.phones.rateOnPhone(ticket.id, (visitId) => rateOnPhone(day, ticket.id, visitId))) return;
  await rateOnPad(day, w, ticket.visits.at(-1)!.id);
}

const score = () => [5, 5, 5, 5, 4, 4, 4, 3, 2, 1][Math.floor(Math.random() * 10)];
const ratingBody = (s: number) => ({ score: s, ...(s <= 2 ? { reason: '等候时间太长' } : {}) });

/** The citizen taps the pad before leaving the window: mostly content, now and then a bad review. */
async function rateOnPad(day: Day, w: string, visitId: string): Promise<void> {
  const body = { visitId, ...ratingBody(score()) };
  const r = await day.tally.send('rate', () => day.api.post(`${w}/rating`, body, `${day.plan.padKeyPrefix}${w.slice('/windows/'.length)}`), 201);
  if (r) day.counts.ratings++;
}

/**
 * The page offers the visit the ticket's last window ended (`visitId`) and names it; the
 * answer rates that one, or refuses it when the ticket moved on (a transfer's next window
 * finished) before the page heard.
 */
async function rateOnPhone(day: Day, ticketId: string, visitId: string): Promise<boolean> {
  const token = day.phones.tokenOf(ticketId);
  const stale = (r: ApiResponse) => r.body?.error?.code === 'NOTHING_TO_RATE' && r.body.error.field === 'visitId';
  const r = await day.tally.send('phone-rate', () => day.api.post(`/tickets/${ticketId}/rating?token=${encodeURIComponent(token)}`, { visitId, ...ratingBody(score()) }), 201, stale);
  if (!r) return false;
  if (r.body.rating?.visitId !== visitId) day.tally.count(day.tally.unexpected, `phone-rate rated ${r.body.rating?.visitId}, the page offered ${visitId}`);
  day.counts.ratings++;
  return true;
}

function otherService(serviceId: string, services: number): string {
  const i = Number(serviceId.slice(1));
  return `s${(i + 1 + Math.floor(Math.random() * (services - 1))) % services}`;
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
      day.stuck = `day stuck: ${day.counts.issued - day.ended} tickets never reached their end (${JSON.stringify(day.counts)})`;
    }
  }, 1000);
  timer.unref();
  return timer;
}

async function main(): Promise<void> {
  const [url, planJson] = process.argv.slice(2);
  const plan = JSON.parse(planJson) as DayPlan;
  const api = new LeanApi(url);
  const tokens = await Promise.all(Array.from({ length: plan.windows }, (_, i) => api.openWindow(i + 1)));
  process.send!({ type: 'ready' });
  await new Promise<void>((resolve) => process.once('message', () => resolve()));

  const day = new Day(api, plan);
  const ownDelay = monitorEventLoopDelay({ resolution: 1 });
  ownDelay.enable();
  const gcWatch = watchGc();
  const [cpuBefore, waitedBefore] = mainThreadSchedstat();
  const t0 = performance.now();
  const watchdog = watchForStuck(day);
  const windows = Promise.all(tokens.map((token, i) => windowLoop(day, i + 1, token)));
  await kiosks(day);
  day.issuingDone = true;
  await windows;
  const phones = await day.phones.settle();
  clearInterval(watchdog);
  ownDelay.disable();
  const gcPauses = gcWatch.stop().pauses;
  const [cpuAfter, waitedAfter] = mainThreadSchedstat();
  const ownThread = {
    onCpuShare: (cpuAfter - cpuBefore) / 1e6 / (performance.now() - t0),
    waitedMs: (waitedAfter - waitedBefore) / 1e6,
    gcMaxMs: Math.max(0, ...gcPauses),
    gcMs: gcPauses.reduce((a, b) => a + b, 0),
  };
  const result: DayClientsResult = {
    seconds: (performance.now() - t0) / 1000,
    counts: { ...day.counts, emptyPolls: day.tally.emptyPolls },
    samples: day.tally.samples,
    refusals: day.tally.refusals,
    unexpected: day.tally.unexpected,
    serverErrors: day.tally.serverErrors,
    phones,
    slowest: day.tally.slowest(),
    outsideP99: day.tally.outsideP99(),
    ownThread,
    ownDelay: { p99: ownDelay.percentile(99) / 1e6, max: ownDelay.max / 1e6 },
    ...(day.stuck ? { stuck: day.stuck } : {}),
  };
  // The bench's own process is the server's: a result this large (every command's time) is
  // parsed there, so it is asked for once the server's event loop is no longer watched.
  process.send!({ type: 'done' });
  process.once('message', () => process.send!({ type: 'result', result }, () => process.exit(0)));
}

void main();
