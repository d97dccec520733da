import { readFileSync } from 'node:fs';
import type { HallConfig, HallConfigInput } from '../../shared/config-schema.ts';
import { parseConfig } from '../../server/config.ts';
import type { ManualClock } from '../../server/clock.ts';
import type { Api } from '../support/harness.ts';
import { PW_HASH } from '../support/config.ts';

/**
 * A realistic few days of the demo hall, played through the real API with the clock moved
 * by hand, so the manager view has something true to show: clerks signing in (one late,
 * one leaving early, one forgetting to sign out), tickets across ten departments with a
 * morning and an afternoon peak, calls, every outcome, transfers, no-shows and requeues,
 * accepted cases completed on later days, ratings of every level with bad reviews (one
 * overdue, one resolved, one new today), pauses, and kiosk printer faults.
 */

export const KIOSK_FAULTY = 'kiosk1-f3560ca572801b0451ae0613';
export const KIOSK_OK = 'kiosk2-98af576afbae620ae7010770';

const week: Array<[string, string]> = [
  ['08:30', '12:00'],
  ['13:30', '17:30'],
];

/** The demo hall with office hours, the test password, and kiosk 1 printing to a port nobody listens on. */
export function demoHall(printerPort: number): HallConfig {
  const input = JSON.parse(readFileSync(new URL('../../config/demo-hall.json', import.meta.url), 'utf8')) as HallConfigInput & { _comment?: string };
  delete input._comment;
  input.hall.hours = { mon: week, tue: week, wed: week, thu: week, fri: week, sat: [['09:00', '12:00']], sun: [] };
  input.hall.ticketing = { openEarlyMinutes: 30, stopBeforeCloseMinutes: 15 };
  for (const s of input.staff) s.passwordHash = PW_HASH;
  const kiosk = input.devices.find((d) => d.id === 'kiosk-1')!;
  kiosk.printer = { type: 'network', host: '127.0.0.1', port: printerPort, timeoutMs: 500 };
  input.limits = { issuePerMinutePerDevice: 10_000, loginPerMinutePerAddress: 1000, ticketPagePerMinutePerAddress: 100_000, staffSessionHours: 12 };
  return parseConfig(input, 'demo hall for the manager test');
}

export const at = (date: string, minutes: number) => Date.parse(`${date}T${hhmm(minutes)}:00+08:00`);
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const min = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

/** A small deterministic generator, so every run plays the same day. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How many citizens come for each service, relative to one another (forestry and social assistance: nobody). */
const DEMAND: Record<string, number> = {
  'company-setup': 14,
  'sole-trader': 8,
  household: 10,
  'exit-entry': 8,
  'property-reg': 12,
  'social-security': 12,
  'medical-insurance': 7,
  tax: 12,
  invoice: 6,
  'construction-permit': 3,
  'housing-trade': 5,
  notary: 3,
};
/** Where a clerk sends a citizen who came to the wrong counter. */
const TRANSFER_TO: Record<string, string> = {
  'company-setup': 'sole-trader',
  'sole-trader': 'company-setup',
  'property-reg': 'housing-trade',
  'housing-trade': 'property-reg',
  tax: 'invoice',
  invoice: 'tax',
  'social-security': 'medical-insurance',
  'medical-insurance': 'social-security',
};

export interface DayPlan {
  date: string;
  /** Play the day up to this time (today: the afternoon; past days: after closing). */
  until: string;
  tickets: number;
  /** Window number → sign-in time, for windows staffed that day. */
  signIn: Record<number, string>;
  signOut: Record<number, string | null>;
  pauses?: Array<{ window: number; reason: 'break' | 'leave' | 'meeting' | 'other'; from: string; to?: string }>;
  /** A bad review at the `nth` served visit of a window: [window, nth, score, reason]. */
  badReviews?: Array<[number, number, 1 | 2, string]>;
  /** Kiosk 1 (whose printer is off) issues the tickets at these times. */
  faultyKioskAt?: string[];
  /** Arrivals per minute rise here (a queue builds up). */
  rushFrom?: string;
}

interface Pending {
  window: number;
  ticketId: string;
  number: string;
  serviceId: string;
  /** The citizen reaches the counter and the clerk presses start (not every clerk does). */
  startAt?: number;
  endAt: number;
  end: 'completed' | 'accepted' | 'consulted' | 'rejected' | 'transfer' | 'no-show';
}

export interface PlayedDay {
  issued: number;
  served: number;
}

/** Plays one business date through the API. */
export async function playDay(api: Api, clock: ManualClock, config: HallConfig, plan: DayPlan, seed: number): Promise<PlayedDay> {
  const rand = mulberry32(seed);
  const services = new Map(config.services.map((s) => [s.id, s]));
  const windows = new Map(config.windows.map((w) => [w.number, w]));
  const waiting = new Map<string, number>();
  const tokens = new Map<string, string>();
  const clerkTokens = new Map<number, string>();
  const signedIn = new Set<number>();
  const paused = new Set<number>();
  const pausesDone = new Set<object>();
  const busy = new Map<number, Pending>();
  /** A clerk finishes typing up a visit before calling the next citizen. */
  const freeAt = new Map<number, number>();
  const servedAt = new Map<number, number>();
  const requeueLater: Array<{ at: number; window: number; number: string; serviceId: string }> = [];
  let issued = 0;
  let served = 0;

  const ok = async (p: Promise<{ status: number; body: any }>, what: string) => {
    const r = await p;
    if (r.status >= 300) throw new Error(`${plan.date} ${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  // Arrivals: a morning peak around 09:30 and an afternoon one around 14:30.
  const slots: number[] = [];
  const morning = [min('08:05'), min('11:44')];
  const afternoon = [min('13:05'), min('17:14')];
  const end = min(plan.until);
  for (let i = 0; i < plan.tickets; i++) {
    const [a, b] = rand() < 0.58 ? morning : afternoon;
    const peak = a + (b - a) * 0.4;
    const spread = (rand() + rand() + rand()) / 3 - 0.5;
    slots.push(Math.round(Math.min(b, Math.max(a, peak + spread * (b - a) * 1.4))));
  }
  if (plan.rushFrom) for (let m = min(plan.rushFrom); m < end; m += 2) slots.push(m, m + 1);
  for (const time of plan.faultyKioskAt ?? []) slots.push(min(time));
  slots.sort((x, y) => x - y);
  const demand = Object.entries(DEMAND);
  const totalDemand = demand.reduce((n, [, w]) => n + w, 0);
  const pickService = () => {
    let r = rand() * totalDemand;
    for (const [id, w] of demand) if ((r -= w) < 0) return id;
    return demand[0][0];
  };
  const faultyAt = new Set((plan.faultyKioskAt ?? []).map(min));

  const windowServes = (n: number) => windows.get(n)!.serviceIds;

  for (let t = min('08:00'); t <= end; t++) {
    clock.set(at(plan.date, t));

    // Clerks arrive, leave, pause.
    for (const [n, time] of Object.entries(plan.signIn)) {
      if (min(time) !== t) continue;
      const staffNo = String(1000 + Number(n));
      const token = await ok(api.post('/auth/login', { staffNo, password: 'pw' }), `login ${staffNo}`).then((b) => b.token as string);
      clerkTokens.set(Number(n), token);
      await ok(api.post(`/windows/w${n}/sign-in`, {}, token), `sign-in w${n}`);
      signedIn.add(Number(n));
      // First thing in the morning: complete some of the department's accepted cases from earlier days.
      const cases = (await ok(api.get('/cases?status=pending', token), 'cases')).cases as Array<{ ticketId: string; businessDate: string }>;
      for (const c of cases) if (c.businessDate < plan.date && rand() < 0.7) await ok(api.post(`/cases/${c.ticketId}/complete`, { note: '已出证' }, token), 'complete case');
    }
    for (const p of plan.pauses ?? []) {
      const n = p.window;
      if (min(p.from) <= t && !paused.has(n) && !pausesDone.has(p) && signedIn.has(n) && !busy.has(n) && (!p.to || t < min(p.to))) {
        await ok(api.post(`/windows/w${n}/pause`, { reason: p.reason }, clerkTokens.get(n)), `pause w${n}`);
        paused.add(n);
      }
      if (p.to && min(p.to) <= t && paused.has(n)) {
        await ok(api.post(`/windows/w${n}/resume`, {}, clerkTokens.get(n)), `resume w${n}`);
        paused.delete(n);
        pausesDone.add(p);
      }
    }

    // Citizens reach the counter; visits end.
    for (const [n, p] of busy) {
      if (p.startAt !== t) continue;
      await ok(api.post(`/windows/w${n}/start`, {}, clerkTokens.get(n)), 'start');
    }
    for (const [n, p] of [...busy]) {
      if (p.endAt > t) continue;
      const token = clerkTokens.get(n);
      busy.delete(n);
      freeAt.set(n, t + 1);
      if (p.end === 'no-show') {
        await ok(api.post(`/windows/w${n}/no-show`, {}, token), 'no-show');
        if (rand() < 0.5) requeueLater.push({ at: t + 6, window: n, number: p.number, serviceId: p.serviceId });
        continue;
      }
      if (p.end === 'transfer') {
        const to = TRANSFER_TO[p.serviceId];
        await ok(api.post(`/windows/w${n}/transfer`, { serviceId: to }, token), 'transfer');
        waiting.set(to, (waiting.get(to) ?? 0) + 1);
        served++;
        continue;
      }
      await ok(api.post(`/windows/w${n}/finish`, { outcome: p.end }, token), 'finish');
      served++;
      const nth = (servedAt.get(n) ?? 0) + 1;
      servedAt.set(n, nth);
      const bad = plan.badReviews?.find(([w, i]) => w === n && i === nth);
      const r = rand();
      const score = bad ? bad[2] : r < 0.45 ? 5 : r < 0.56 ? 4 : r < 0.62 ? 3 : 0;
      if (score > 0) {
        const reason = bad?.[3];
        await ok(api.post(`/tickets/${p.ticketId}/rating?token=${tokens.get(p.ticketId)}`, { score, ...(reason ? { reason } : {}) }), 'rating');
      }
    }
    for (const q of requeueLater.filter((x) => x.at === t)) {
      const token = clerkTokens.get(q.window);
      if (!signedIn.has(q.window)) continue;
      const r = await api.post(`/windows/w${q.window}/requeue`, { number: q.number }, token);
      if (r.status === 200) waiting.set(q.serviceId, (waiting.get(q.serviceId) ?? 0) + 1);
    }

    // Free windows call the next citizen, unless their clerk is about to step away.
    const leaving = (n: number) => (plan.pauses ?? []).some((p) => p.window === n && !pausesDone.has(p) && min(p.from) <= t && (!p.to || t < min(p.to)));
    for (const n of signedIn) {
      if (paused.has(n) || busy.has(n) || leaving(n) || (freeAt.get(n) ?? 0) > t) continue;
      if (!windowServes(n).some((s) => (waiting.get(s) ?? 0) > 0)) continue;
      const body = await ok(api.post(`/windows/w${n}/call-next`, {}, clerkTokens.get(n)), `call-next w${n}`);
      const ticket = body.ticket as { id: string; number: string; serviceId: string } | null;
      if (!ticket) continue;
      waiting.set(ticket.serviceId, Math.max(0, (waiting.get(ticket.serviceId) ?? 0) - 1));
      const base = services.get(ticket.serviceId)?.defaultServiceMinutes ?? 10;
      const r = rand();
      const end: Pending['end'] =
        r < 0.05 ? 'no-show' : r < 0.09 && TRANSFER_TO[ticket.serviceId] ? 'transfer' : r < 0.55 ? 'completed' : r < 0.72 ? 'accepted' : r < 0.94 ? 'consulted' : 'rejected';
      const length = end === 'no-show' ? 3 : end === 'transfer' ? 2 : end === 'consulted' ? Math.max(2, Math.round(base * 0.4)) : Math.max(2, Math.round(base * (0.5 + rand())));
      const startAt = end !== 'no-show' && length > 2 && rand() < 0.6 ? t + 1 : undefined;
      busy.set(n, { window: n, ticketId: ticket.id, number: ticket.number, serviceId: ticket.serviceId, startAt, endAt: t + length, end });
    }

    // Citizens arrive (after the calls: nobody is called the minute they take a ticket).
    for (let k = slots.findIndex((s) => s === t); k >= 0 && k < slots.length && slots[k] === t; k++) {
      const serviceId = pickService();
      const key = faultyAt.has(t) ? KIOSK_FAULTY : KIOSK_OK;
      faultyAt.delete(t);
      const r = await api.issue(serviceId, { key, priority: rand() < 0.04 });
      if (r.status !== 201) continue; // past a daily cap, or ticketing closed: the citizen goes home
      tokens.set(r.body.ticket.id, new URL(r.body.ticket.statusUrl).searchParams.get('token')!);
      waiting.set(serviceId, (waiting.get(serviceId) ?? 0) + 1);
      issued++;
    }

    // Leaving: sign out when the day's work is done (a null sign-out is forgotten).
    for (const [n, time] of Object.entries(plan.signOut)) {
      const w = Number(n);
      if (time === null || min(time) > t || !signedIn.has(w) || busy.has(w)) continue;
      if (paused.has(w)) {
        await ok(api.post(`/windows/w${w}/resume`, {}, clerkTokens.get(w)), 'resume before sign-out');
        paused.delete(w);
      }
      await ok(api.post(`/windows/w${w}/sign-out`, {}, clerkTokens.get(w)), `sign-out w${w}`);
      signedIn.delete(w);
    }
  }
  return { issued, served };
}

const ALL = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const at0825 = Object.fromEntries(ALL.map((n) => [n, `08:${String(18 + n).padStart(2, '0')}`]));
const out1735 = Object.fromEntries(ALL.map((n) => [n, '17:3' + (n % 10)]));

/** This week in the demo hall, ending today, Thursday 2026-11-26, at 15:20; and an older Monday whose bad review is now overdue. */
export const DEMO_DAYS: DayPlan[] = [
  {
    date: '2026-11-16',
    until: '17:45',
    tickets: 70,
    signIn: at0825,
    signOut: out1735,
    badReviews: [[8, 3, 1, '等候时间太长']],
  },
  {
    date: '2026-11-23',
    until: '17:45',
    tickets: 120,
    signIn: { ...at0825, 4: '08:47' },
    signOut: { ...out1735, 10: '16:40' },
    pauses: [{ window: 7, reason: 'meeting', from: '14:00', to: '15:00' }],
  },
  {
    date: '2026-11-24',
    until: '17:45',
    tickets: 130,
    signIn: at0825,
    signOut: { ...out1735, 6: null },
    pauses: [{ window: 2, reason: 'leave', from: '10:10', to: '10:30' }],
    badReviews: [[3, 4, 2, '一次告知不清，需要多跑']],
  },
  {
    date: '2026-11-25',
    until: '17:45',
    tickets: 125,
    signIn: (({ 11: _, ...rest }) => rest)(at0825),
    signOut: out1735,
    pauses: [{ window: 5, reason: 'break', from: '15:00', to: '15:15' }],
  },
  {
    date: '2026-11-26',
    until: '15:20',
    tickets: 150,
    signIn: { ...at0825, 9: '08:52' },
    signOut: {},
    pauses: [
      { window: 4, reason: 'leave', from: '14:40' },
      { window: 8, reason: 'break', from: '10:30', to: '10:45' },
    ],
    badReviews: [
      [5, 2, 2, '办理效率低'],
      [1, 6, 1, '服务态度不好'],
    ],
    faultyKioskAt: ['09:12', '10:47', '14:58'],
    rushFrom: '14:50',
  },
];

export const TODAY = '2026-11-26';
