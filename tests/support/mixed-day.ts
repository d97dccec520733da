import { businessDate } from '../../shared/time.ts';
import type { TicketStatus } from '../../shared/types.ts';
import { type ChildServer, kill9, startChild } from './child-server.ts';
import { KIOSK_KEY } from './config.ts';
import { Api, type ApiResponse } from './harness.ts';
import { pick, seededRandom, sleep, tokenOf } from './restarts.ts';

/**
 * The mixed day of the fault tests (SPEC §8 "durable before acknowledged"): a mixed day driven by concurrent kiosks,
 * clerks and phones against `server/main.ts` in its own process, killed with SIGKILL at
 * seeded random moments and restarted on the same DATA_DIR. After each restart every
 * acknowledged action must be there, none applied twice, no number reused, and the windows
 * must agree with their tickets. One scenario crosses midnight in the hall's zone (the
 * server's clock set by HALL_CLOCK_START), with kills around the day close.
 */

export const TZ = 'Asia/Shanghai';
export const SEED = 8_2026;
export const KIOSK2_KEY = 'kiosk-key-0000000002';
export const SERVICES = ['company', 'trader', 'household', 'property', 'forestry'] as const;
export const PREFIX: Record<string, string> = { company: 'A', trader: 'B', household: 'C', property: 'E', forestry: 'L' };
export const OUTCOMES = ['completed', 'accepted', 'consulted', 'rejected'] as const;
export const SERVED_ENDS = new Set(['completed', 'accepted', 'consulted', 'rejected', 'transferred']);
export const verbose = process.env.FAULTS_VERBOSE === '1';

// ---- What the test knows: acknowledged actions and the state they left -------------------

export interface VisitSeen {
  id: string;
  end?: string;
  rated: boolean;
}

/** A ticket's state as an answer showed it (a clerk's staff view, a phone's view, an issue). */
export interface Seen {
  status: TicketStatus;
  visits: VisitSeen[];
  cancelReason?: string;
  /** The window it stands at, when called or serving (phone view only). */
  windowId?: string;
}

export interface TicketRec {
  id: string;
  number: string;
  token: string;
  prefix: string;
  seq: number;
  day: string;
  /** The furthest state an acknowledged answer showed (answers may arrive out of order). */
  ack: Seen;
  /** Visits when last verified, and calls acknowledged since. */
  baseVisits: number;
  calls: number;
  /** Visits acknowledged as rated (by the rating answers), and the bad ones among them. */
  rated: Set<string>;
  bad: Set<string>;
}

export type Pending =
  | { kind: 'issue'; serviceId: string }
  | { kind: 'call-next'; windowId: string }
  | { kind: 'recall' | 'start' | 'no-show' | 'pause' | 'resume' | 'sign-in'; windowId: string; ticketId?: string }
  | { kind: 'finish'; windowId: string; ticketId: string; outcome: string }
  | { kind: 'transfer'; windowId: string; ticketId: string }
  | { kind: 'cancel' | 'rate'; ticketId: string };

export interface WindowTrack {
  n: number;
  id: string;
  token: string;
  signedIn: boolean;
  paused: boolean;
  current?: { id: string; status: 'called' | 'serving'; serviceId: string };
}

export interface Hall {
  api: Api;
  /** Set just before the kill: no new request starts. */
  killing: boolean;
  tickets: Map<string, TicketRec>;
  windows: WindowTrack[];
  manager: string;
  /** Requests in flight at the last kill: they may or may not have been applied. */
  uncertain: Pending[];
  /** Issues in flight at any kill so far, per business date guess (they may have taken a number). */
  uncertainIssues: number;
  failures: string[];
  acks: Record<string, number>;
  /** Tickets a clerk's answer showed before the kiosk's answer to their issue arrived. */
  early: Map<string, { seen: Seen; calls: number }>;
}

export const progress = (s: Seen): number => {
  const last = s.visits.at(-1);
  const rank = s.status === 'cancelled' ? 4 : last?.end !== undefined ? 3 : s.status === 'serving' ? 2 : s.status === 'called' ? 1 : 0;
  return s.visits.length * 10 + rank;
};

export const describeSeen = (s: Seen) => `${s.status}[${s.visits.map((v) => v.end ?? 'open').join(',')}]${s.cancelReason ? `(${s.cancelReason})` : ''}`;

export function seenFrom(t: { status: TicketStatus; visits: Array<{ id: string; end?: string; rated: boolean }>; cancelReason?: string; window?: { id: string } }): Seen {
  return {
    status: t.status,
    visits: t.visits.map((v) => ({ id: v.id, ...(v.end !== undefined ? { end: v.end } : {}), rated: v.rated })),
    ...(t.cancelReason ? { cancelReason: t.cancelReason } : {}),
    ...(t.window ? { windowId: t.window.id } : {}),
  };
}

export function sameState(a: Seen, b: Seen): boolean {
  return a.status === b.status && a.visits.length === b.visits.length && a.visits.every((v, i) => v.end === b.visits[i].end);
}

/** The state an action left, applied to a known state (for requests whose answer was lost in a kill). */
export function applied(s: Seen, p: Pending): Seen | undefined {
  const endLast = (end: string, status: TicketStatus): Seen => ({ ...s, status, visits: s.visits.map((v, i) => (i === s.visits.length - 1 ? { ...v, end } : v)) });
  switch (p.kind) {
    case 'start':
      return { ...s, status: 'serving' };
    case 'finish':
      return endLast(p.outcome, 'done');
    case 'no-show':
      return endLast('no_show', 'no_show');
    case 'transfer':
      return endLast('transferred', 'waiting');
    case 'cancel':
      return { ...s, status: 'cancelled' };
    default:
      return undefined;
  }
}

/** What the day close does to a ticket left open (SPEC §4). */
export function dayClosed(s: Seen): Seen {
  if (s.status === 'waiting') return { ...s, status: 'cancelled', cancelReason: 'day-closed' };
  if (s.status === 'called' || s.status === 'serving') {
    return { ...s, status: 'cancelled', cancelReason: 'day-closed', visits: s.visits.map((v, i) => (i === s.visits.length - 1 ? { ...v, end: 'day_closed' } : v)) };
  }
  return s;
}

export function noteAck(hall: Hall, kind: string): void {
  hall.acks[kind] = (hall.acks[kind] ?? 0) + 1;
}

/** Record what an acknowledged answer showed of a ticket. */
export function observe(hall: Hall, t: { id: string; status: TicketStatus; visits: Array<{ id: string; end?: string; rated: boolean }> }, call = false): void {
  const seen = seenFrom(t);
  const rec = hall.tickets.get(t.id);
  if (rec) {
    if (progress(seen) >= progress(rec.ack)) rec.ack = seen;
    if (call) rec.calls++;
    return;
  }
  const early = hall.early.get(t.id) ?? { seen, calls: 0 };
  if (progress(seen) >= progress(early.seen)) early.seen = seen;
  if (call) early.calls++;
  hall.early.set(t.id, early);
}

/** A ticket whose issue was acknowledged; a clerk may have called it already. */
export function addIssued(hall: Hall, t: { id: string; number: string; statusUrl: string; issuedAt: number }): void {
  const prefix = String(t.number).replace(/\d+$/, '');
  const early = hall.early.get(t.id);
  hall.early.delete(t.id);
  hall.tickets.set(t.id, {
    id: t.id,
    number: t.number,
    token: tokenOf(t.statusUrl),
    prefix,
    seq: Number(String(t.number).slice(prefix.length)),
    day: businessDate(t.issuedAt, TZ),
    ack: early?.seen ?? { status: 'waiting', visits: [] },
    baseVisits: 0,
    calls: early?.calls ?? 0,
    rated: new Set(),
    bad: new Set(),
  });
}

/**
 * One request of one loop: nothing new starts once the kill is decided; a request that
 * dies with the server stays "uncertain" (it may or may not have been applied).
 */
export async function send(hall: Hall, pending: Pending, request: () => Promise<ApiResponse>): Promise<ApiResponse | undefined> {
  if (hall.killing) return undefined;
  try {
    const r = await request();
    if (r.status >= 500) hall.failures.push(`${pending.kind}: ${r.status} ${JSON.stringify(r.body)}`);
    return r;
  } catch {
    hall.uncertain.push(pending);
    if (pending.kind === 'issue') hall.uncertainIssues++;
    return undefined;
  }
}

// ---- The loops -------------------------------------------------------------------------

export async function kioskLoop(hall: Hall, key: string, rand: () => number): Promise<void> {
  while (!hall.killing) {
    const x = rand();
    const serviceId = x < 0.4 ? 'company' : x < 0.6 ? 'trader' : x < 0.8 ? 'property' : x < 0.95 ? 'forestry' : 'household';
    const priority = rand() < 0.1;
    const r = await send(hall, { kind: 'issue', serviceId }, () => hall.api.issue(serviceId, { key, priority }));
    if (!r) return;
    if (r.status === 201) {
      addIssued(hall, r.body.ticket);
      noteAck(hall, 'issue');
    } else if (r.status === 409) await sleep(30); // closed for the night, or the day's cap
    await sleep(5 + rand() * 15);
  }
}

/** Bring a window's track in line with the server (after a restart or a surprise). */
export async function syncWindow(hall: Hall, w: WindowTrack): Promise<void> {
  const r = await hall.api.get(`/windows/${w.id}`, w.token).catch(() => undefined);
  if (!r || r.status !== 200) return;
  w.signedIn = r.body.window.status !== 'closed';
  w.paused = r.body.window.status === 'paused';
  const cur = r.body.current;
  w.current = cur ? { id: cur.id, status: cur.status, serviceId: cur.serviceId } : undefined;
}

export async function clerkLoop(hall: Hall, w: WindowTrack, rand: () => number, windows: readonly string[]): Promise<void> {
  const act = (pending: Pending, path: string, body: unknown = {}) => send(hall, pending, () => hall.api.post(`/windows/${w.id}/${path}`, body, w.token));
  while (!hall.killing) {
    let r: ApiResponse | undefined;
    const cur = w.current;
    if (!w.signedIn) {
      r = await act({ kind: 'sign-in', windowId: w.id }, 'sign-in');
      if (r?.status === 200) {
        w.signedIn = true;
        noteAck(hall, 'sign-in');
      }
    } else if (w.paused) {
      r = await act({ kind: 'resume', windowId: w.id }, 'resume');
      if (r?.status === 200) {
        w.paused = false;
        noteAck(hall, 'resume');
      }
    } else if (!cur) {
      if (rand() < 0.04) {
        r = await act({ kind: 'pause', windowId: w.id }, 'pause', { reason: pick(rand, ['break', 'leave', 'meeting', 'other'] as const) });
        if (r?.status === 200) {
          w.paused = true;
          noteAck(hall, 'pause');
        }
      } else {
        r = await act({ kind: 'call-next', windowId: w.id }, 'call-next');
        if (r?.status === 200 && r.body.ticket) {
          const t = r.body.ticket;
          w.current = { id: t.id, status: 'called', serviceId: t.serviceId };
          observe(hall, t, true);
          noteAck(hall, 'call');
        } else if (r?.status === 200) await sleep(20);
        else if (r?.status === 409 && r.body.error.code === 'WINDOW_BUSY') {
          hall.failures.push(`${w.id}: call-next answered WINDOW_BUSY while the window showed no current ticket`);
        }
      }
    } else {
      const x = rand();
      let pending: Pending;
      let path: string;
      let body: unknown = {};
      if (x < 0.08 && cur.status === 'called') [pending, path] = [{ kind: 'recall', windowId: w.id, ticketId: cur.id }, 'recall'];
      else if (x < 0.35 && cur.status === 'called') [pending, path] = [{ kind: 'start', windowId: w.id, ticketId: cur.id }, 'start'];
      else if (x < 0.45 && cur.status === 'called') [pending, path] = [{ kind: 'no-show', windowId: w.id, ticketId: cur.id }, 'no-show'];
      else if (x < 0.6) {
        const toWindow = rand() < 0.4;
        const target = toWindow ? { windowId: pick(rand, windows.filter((id) => id !== w.id)) } : { serviceId: pick(rand, SERVICES.filter((s) => s !== cur.serviceId)) };
        [pending, path, body] = [{ kind: 'transfer', windowId: w.id, ticketId: cur.id }, 'transfer', target];
      } else {
        const outcome = pick(rand, OUTCOMES);
        [pending, path, body] = [{ kind: 'finish', windowId: w.id, ticketId: cur.id, outcome }, 'finish', { outcome }];
      }
      r = await act(pending, path, body);
      if (r?.status === 200) {
        observe(hall, r.body.ticket);
        noteAck(hall, pending.kind);
        if (pending.kind === 'start') w.current = { ...cur, status: 'serving' };
        else if (pending.kind !== 'recall') w.current = undefined;
      }
    }
    if (!r) return;
    if (r.status === 409 || r.status === 403 || r.status === 404) {
      // The day closed under us, or the window is not as this loop thought: ask the server.
      const code = r.body?.error?.code;
      if (code === 'NOT_SIGNED_IN') w.signedIn = false;
      await syncWindow(hall, w);
    }
    await sleep(rand() * 8);
  }
}

export async function phoneLoop(hall: Hall, rand: () => number, today: () => string): Promise<void> {
  while (!hall.killing) {
    const live = [...hall.tickets.values()].filter((t) => t.day === today());
    if (live.length === 0) {
      await sleep(20);
      continue;
    }
    const t = pick(rand, live);
    const last = t.ack.visits.at(-1);
    let r: ApiResponse | undefined;
    if (t.ack.status === 'waiting' && rand() < 0.12) {
      r = await send(hall, { kind: 'cancel', ticketId: t.id }, () => hall.api.post(`/tickets/${t.id}/cancel?token=${t.token}`));
      if (r?.status === 200) {
        observe(hall, r.body.ticket);
        noteAck(hall, 'cancel');
      }
    } else if (last?.end && SERVED_ENDS.has(last.end) && !t.rated.has(last.id) && !last.rated) {
      const score = 1 + Math.floor(rand() * 5);
      const body = { score, ...(score <= 2 ? { reason: '等候时间太长' } : {}) };
      r = await send(hall, { kind: 'rate', ticketId: t.id }, () => hall.api.post(`/tickets/${t.id}/rating?token=${t.token}`, body));
      if (r?.status === 201) {
        const visitId = r.body.rating.visitId as string;
        if (t.rated.has(visitId)) hall.failures.push(`${t.number}: a second rating of visit ${visitId} was acknowledged`);
        t.rated.add(visitId);
        if (score <= 2) t.bad.add(visitId);
        noteAck(hall, 'rate');
      }
    } else {
      await sleep(2);
      continue;
    }
    if (!r) return;
    await sleep(3 + rand() * 6);
  }
}

// ---- Checks after a restart --------------------------------------------------------------

export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

/**
 * Every acknowledged ticket against what the restarted server shows; windows against their
 * tickets; the day's figures against the acknowledgements; then the next number of each prefix.
 * `today` is the server's business date; tickets of earlier days must show the day close.
 */
export async function verify(hall: Hall, label: string, today: string): Promise<void> {
  const fail = (what: string) => hall.failures.push(`[${label}] ${what}`);
  const api = hall.api;
  const health = await api.get('/health');
  if (health.status !== 200 || health.body.businessDate !== today) fail(`health: ${health.status} ${JSON.stringify(health.body)} (want businessDate ${today})`);

  const recs = [...hall.tickets.values()];
  const views = await mapLimit(recs, 8, (t) => api.get(`/tickets/${t.id}?token=${t.token}`));
  const unclaimedCalls = hall.uncertain.filter((p) => p.kind === 'call-next').map((p) => (p as { windowId: string }).windowId);
  const calledNow: Array<{ rec: TicketRec; seen: Seen }> = [];
  const ratedByDay = new Map<string, number>();

  recs.forEach((rec, i) => {
    const r = views[i];
    if (r.status !== 200) {
      fail(`${rec.day} ${rec.number}: acknowledged ticket not found after the restart: ${r.status} ${JSON.stringify(r.body)}`);
      return;
    }
    const seen = seenFrom(r.body.ticket);
    if (r.body.ticket.number !== rec.number) fail(`${rec.number}: the server shows it as ${r.body.ticket.number}`);
    const closed = rec.day < today;
    const expect = (s: Seen) => (closed ? dayClosed(s) : s);
    const mine = hall.uncertain.filter((p) => 'ticketId' in p && p.ticketId === rec.id);
    const want = expect(rec.ack);
    let ok = sameState(seen, want) && (want.cancelReason === undefined || want.cancelReason === seen.cancelReason);
    let extraVisit = 0;
    for (const p of mine) {
      const s = applied(rec.ack, p);
      if (!ok && s && sameState(seen, expect(s))) ok = true;
    }
    // A call-next lost in the kill may have called this ticket (it was waiting, or was put back in a queue
    // by a transfer or requeue also lost in the kill: commands are decided on what is on its way to disk).
    const waitingBases = [rec.ack, ...mine.flatMap((p) => applied(rec.ack, p) ?? [])].filter((b) => b.status === 'waiting');
    if (!ok && waitingBases.some((b) => seen.visits.length === b.visits.length + 1)) {
      const calledThere = closed ? seen.visits.at(-1)?.end === 'day_closed' : seen.status === 'called';
      const w = closed ? undefined : seen.windowId;
      const slot = w ? unclaimedCalls.indexOf(w) : unclaimedCalls.length > 0 ? 0 : -1;
      if (calledThere && slot >= 0) {
        unclaimedCalls.splice(slot, 1);
        ok = true;
        extraVisit = 1;
      }
    }
    if (!ok) fail(`${rec.day} ${rec.number}: last acknowledged ${describeSeen(rec.ack)}${closed ? ' then the day close' : ''}, in flight at the kill: [${mine.map((p) => p.kind).join(',')}], the server shows ${describeSeen(seen)}`);
    // Nothing applied twice: one visit per acknowledged call.
    const wantVisits = rec.baseVisits + rec.calls + extraVisit;
    if (seen.visits.length !== wantVisits && ok) fail(`${rec.number}: ${seen.visits.length} visits, but ${rec.calls} calls acknowledged since the last check (then ${rec.baseVisits})`);
    // Ratings: every acknowledged one is there; no more than acknowledged (plus one lost in the kill).
    for (const v of rec.rated) if (!seen.visits.find((x) => x.id === v)?.rated) fail(`${rec.number}: acknowledged rating of visit ${v} is gone`);
    const ratedCount = seen.visits.filter((v) => v.rated).length;
    const mayRate = mine.some((p) => p.kind === 'rate') ? 1 : 0;
    if (ratedCount > rec.rated.size + mayRate) fail(`${rec.number}: ${ratedCount} rated visits, ${rec.rated.size} ratings acknowledged`);
    if (new Set(seen.visits.map((v) => v.id)).size !== seen.visits.length) fail(`${rec.number}: two visits share an id`);
    ratedByDay.set(rec.day, (ratedByDay.get(rec.day) ?? 0) + ratedCount);
    if (!closed && (seen.status === 'called' || seen.status === 'serving')) calledNow.push({ rec, seen });
    // From here on the server's state is the known one.
    rec.ack = seen;
    rec.baseVisits = seen.visits.length;
    rec.calls = 0;
    rec.rated = new Set(seen.visits.filter((v) => v.rated).map((v) => v.id));
  });

  // No number given twice in a day.
  const byNumber = new Map<string, string>();
  for (const t of recs) {
    const key = `${t.day} ${t.number}`;
    if (byNumber.has(key) && byNumber.get(key) !== t.id) fail(`${key} was given to two tickets`);
    byNumber.set(key, t.id);
  }

  // Windows agree with their tickets: a window's current ticket is called or serving there, and each called ticket is some window's current.
  const snapshots = await Promise.all(hall.windows.map((w) => api.get(`/windows/${w.id}`, hall.manager)));
  const currentAt = new Map<string, string>();
  hall.windows.forEach((w, i) => {
    const s = snapshots[i];
    if (s.status !== 200) return fail(`GET /api/windows/${w.id}: ${s.status}`);
    const cur = s.body.current;
    if (!cur) {
      if (s.body.window.currentNumber) fail(`${w.id} shows number ${s.body.window.currentNumber} but no current ticket`);
      return;
    }
    if (cur.status !== 'called' && cur.status !== 'serving') fail(`${w.id}: current ticket ${cur.number} is ${cur.status}`);
    if (currentAt.has(cur.id)) fail(`${cur.number} is the current ticket of ${currentAt.get(cur.id)} and ${w.id}`);
    currentAt.set(cur.id, w.id);
    const rec = hall.tickets.get(cur.id);
    if (rec && rec.ack.status !== 'called' && rec.ack.status !== 'serving') fail(`${w.id}: current ticket ${cur.number} is ${describeSeen(rec.ack)} on its own page`);
  });
  for (const { rec, seen } of calledNow) {
    if (currentAt.get(rec.id) !== seen.windowId) fail(`${rec.number} is ${seen.status} at ${seen.windowId ?? '(no window)'} but that window's current ticket is ${[...currentAt].find(([, w]) => w === seen.windowId)?.[0] ?? 'none'}`);
  }

  // The figures of each day: every acknowledged issue counted, and every rating once.
  for (const day of new Set(recs.map((t) => t.day))) {
    const s = await api.get(`/reports/summary?from=${day}&to=${day}`, hall.manager);
    if (s.status !== 200) {
      fail(`summary ${day}: ${s.status} ${JSON.stringify(s.body)}`);
      continue;
    }
    const acked = recs.filter((t) => t.day === day).length;
    const issued = s.body.hall.issued as number;
    if (issued < acked || issued > acked + hall.uncertainIssues) fail(`summary ${day}: issued ${issued}, acknowledged ${acked} (+ at most ${hall.uncertainIssues} lost in kills)`);
    if (s.body.hall.ratings.count !== ratedByDay.get(day)) fail(`summary ${day}: ${s.body.hall.ratings.count} ratings, the tickets show ${ratedByDay.get(day)} rated visits`);
  }
  const reviews = await api.get('/reviews?status=all', hall.manager);
  if (reviews.status !== 200) fail(`GET /api/reviews: ${reviews.status}`);
  else {
    const visits = (reviews.body.reviews as Array<{ visitId: string }>).map((rv) => rv.visitId);
    if (new Set(visits).size !== visits.length) fail('two reviews for one visit');
    for (const t of recs) for (const v of t.bad) if (!visits.includes(v)) fail(`${t.number}: acknowledged bad rating of ${v} has no review`);
  }

  // No number reused: the next of each prefix comes after every acknowledged one (and at 001 on a fresh day).
  const open = (await api.get('/hall')).body.ticketingOpen as boolean;
  for (const serviceId of open ? SERVICES : []) {
    const prefix = PREFIX[serviceId];
    const r = await api.issue(serviceId, { key: KIOSK_KEY });
    // Compared within the ticket's own business date: a restart near midnight may answer on the next day.
    const day = r.status === 201 ? dateOfTicket(r.body.ticket.id) : today;
    const todays = recs.filter((t) => t.day === day && t.prefix === prefix);
    if (r.status === 409 && r.body.error.code === 'DAILY_CAP_REACHED' && todays.length + hall.uncertainIssues >= 3) continue;
    if (r.status !== 201) {
      fail(`issue ${serviceId} after the restart: ${r.status} ${JSON.stringify(r.body)}`);
      continue;
    }
    const t = r.body.ticket;
    addIssued(hall, t);
    const seq = Number(String(t.number).slice(prefix.length));
    const max = Math.max(0, ...todays.map((x) => x.seq));
    if (seq <= max) fail(`next ${prefix} number ${t.number} is not after ${prefix}${String(max).padStart(3, '0')}`);
    if (todays.length === 0 && seq > 1 + hall.uncertainIssues) fail(`first acknowledged ${prefix} of ${today} is ${t.number}, not ${prefix}001`);
    noteAck(hall, 'issue');
  }
  hall.uncertain = [];
}

// ---- Running rounds ----------------------------------------------------------------------

export interface Server {
  child: ChildServer;
  /** The server clock's start, and when (on our clock) the process was spawned: its clock is never ahead of start + elapsed. */
  start: number;
  spawnedAt: number;
}

export async function startServer(env: Record<string, string>, start: number): Promise<Server> {
  const spawnedAt = Date.now();
  const child = await startChild({ ...env, HALL_CLOCK_START: new Date(start).toISOString() });
  return { child, start, spawnedAt };
}

/** A later start for the next process: past anything the killed one's clock can have shown. */
export const after = (s: Server, gapMs = 1000) => s.start + (Date.now() - s.spawnedAt) + gapMs;

/** Drive the loops until `killAt()` resolves, then kill -9 with requests in flight. */
export async function runUntilKill(hall: Hall, server: Server, rand: () => number, today: () => string, killAt: () => Promise<void>): Promise<void> {
  hall.killing = false;
  for (const w of hall.windows) await syncWindow(hall, w);
  const ids = hall.windows.map((w) => w.id);
  const loops = [
    kioskLoop(hall, KIOSK_KEY, seededRandom(Math.floor(rand() * 2 ** 31))),
    kioskLoop(hall, KIOSK2_KEY, seededRandom(Math.floor(rand() * 2 ** 31))),
    ...hall.windows.map((w) => clerkLoop(hall, w, seededRandom(Math.floor(rand() * 2 ** 31)), ids)),
    phoneLoop(hall, seededRandom(Math.floor(rand() * 2 ** 31)), today),
    phoneLoop(hall, seededRandom(Math.floor(rand() * 2 ** 31)), today),
  ];
  await killAt();
  // Requests in flight now either got their answer (acknowledged) or die with the process (uncertain, in `send`).
  hall.killing = true;
  await kill9(server.child);
  await Promise.all(loops);
}

export async function newHall(api: Api, windows: number[]): Promise<Hall> {
  const hall: Hall = { api, killing: false, tickets: new Map(), windows: [], manager: '', uncertain: [], uncertainIssues: 0, failures: [], acks: {}, early: new Map() };
  hall.manager = await api.login('9001');
  for (const n of windows) {
    const token = await api.openWindow(n);
    hall.windows.push({ n, id: `w${n}`, token, signedIn: true, paused: false });
  }
  return hall;
}

export function report(hall: Hall, what: string): string {
  const lines = [...new Set(hall.failures)];
  return `${what}: ${lines.length} failures\n${lines.slice(0, 60).join('\n')}${lines.length > 60 ? `\n… and ${lines.length - 60} more` : ''}`;
}

/** A ticket id begins with its business date: `20261126-…`. */
function dateOfTicket(id: string): string {
  return `${id.slice(0, 4)}-${id.slice(4, 6)}-${id.slice(6, 8)}`;
}
