import { expect } from 'vitest';
import { hallConfigSchema, type HallConfig, type HallConfigInput, type StaffConfig } from '../config-schema.ts';
import { DomainError, type ErrorCode } from '../errors.ts';
import { HallModel } from '../hall-model.ts';
import { hallDataFrom, type HallData } from '../state.ts';
import { compactDate } from '../time.ts';
import type { AttendanceEvent, Case, PrinterFault, Review, StaffSession, Ticket, Visit, WindowState } from '../types.ts';
import { Draft, type Ids } from './draft.ts';

/**
 * A ready hall for the deciders' tests (imported by tests only): its config, records to
 * build a HallModel from, and a Draft with fixed ids.
 */

const HASH = 'scrypt$16384$8$1$c2FsdA==$aGFzaA==';

// Thursday 2026-11-26 in Shanghai; the hall opens 09:00–17:00 on weekdays.
export const DATE = '2026-11-26';
export const T0 = Date.parse('2026-11-26T09:00:00+08:00');
export const min = (m: number) => T0 + m * 60_000;
/** The time a command is decided at, unless a test says otherwise. */
export const NOW = min(60);

/**
 * Departments scjg (c1, c2, c4, c5, manager m1) and ga (c3, c6).
 * Windows: w1 company+trader (scjg), w2 company (scjg), w3 household (ga),
 * w4 trader+household (综合窗口, no department), w5 company (scjg, and c3 by name).
 */
export const CONFIG_INPUT: HallConfigInput = {
  hall: {
    name: '测试大厅',
    hours: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']] },
  },
  departments: [
    { id: 'scjg', name: '市场监督管理局' },
    { id: 'ga', name: '公安局' },
  ],
  services: [
    { id: 'company', departmentId: 'scjg', name: '企业开办', prefix: 'A', targetWaitMinutes: 30, defaultServiceMinutes: 10 },
    { id: 'trader', departmentId: 'scjg', name: '个体户', prefix: 'B', targetWaitMinutes: 20, defaultServiceMinutes: 6 },
    { id: 'household', departmentId: 'ga', name: '户籍', prefix: 'C', targetWaitMinutes: 20, defaultServiceMinutes: 5, dailyCap: 3 },
  ],
  windows: [
    { id: 'w1', number: 1, name: '一号', serviceIds: ['company', 'trader'], departmentId: 'scjg' },
    { id: 'w2', number: 2, name: '二号', serviceIds: ['company'], departmentId: 'scjg' },
    { id: 'w3', number: 3, name: '三号', serviceIds: ['household'], departmentId: 'ga' },
    { id: 'w4', number: 4, name: '四号', serviceIds: ['trader', 'household'] },
    { id: 'w5', number: 5, name: '五号', serviceIds: ['company'], departmentId: 'scjg', staffIds: ['c3'] },
  ],
  staff: [
    ...['1', '2', '3', '4', '5', '6'].map((n) => ({
      id: `c${n}`,
      staffNo: `100${n}`,
      name: `员工${n}`,
      departmentId: n === '3' || n === '6' ? 'ga' : 'scjg',
      role: 'clerk' as const,
      passwordHash: HASH,
    })),
    { id: 'm1', staffNo: '2001', name: '科长', departmentId: 'scjg', role: 'manager' as const, passwordHash: HASH },
  ],
  devices: [
    { id: 'kiosk-1', kind: 'kiosk', name: '取号机一', key: 'kiosk-key-0000000001' },
    { id: 'kiosk-2', kind: 'kiosk', name: '取号机二', key: 'kiosk-key-0000000002' },
  ],
};

export function makeConfig(overrides: Partial<HallConfigInput> = {}): HallConfig {
  return hallConfigSchema.parse({ ...CONFIG_INPUT, ...overrides });
}

export const config: HallConfig = makeConfig();

export function staff(id: string, cfg: HallConfig = config): StaffConfig {
  const s = cfg.staff.find((x) => x.id === id);
  if (!s) throw new Error(`no staff ${id}`);
  return s;
}

export function device(id = 'kiosk-1', cfg: HallConfig = config) {
  const d = cfg.devices.find((x) => x.id === id);
  if (!d) throw new Error(`no device ${id}`);
  return d;
}

const PREFIX: Record<string, string> = { company: 'A', trader: 'B', household: 'C' };

export function makeVisit(overrides: Partial<Visit> = {}): Visit {
  return { id: 'v-1', windowId: 'w1', staffId: 'c1', serviceId: 'company', departmentId: 'scjg', calledAt: min(1), callCount: 1, lastCalledAt: min(1), ...overrides };
}

/** A ticket for direct insertion: id and number follow from service and seq. */
export function makeTicket(overrides: Partial<Ticket> = {}): Ticket {
  const serviceId = overrides.serviceId ?? 'company';
  const prefix = overrides.prefix ?? PREFIX[serviceId];
  const seq = overrides.seq ?? 1;
  const number = overrides.number ?? `${prefix}${String(seq).padStart(3, '0')}`;
  return {
    id: `${compactDate(DATE)}-${number.toLowerCase()}`,
    token: 'tok',
    number,
    prefix,
    seq,
    businessDate: DATE,
    serviceId,
    issuedServiceId: serviceId,
    priority: false,
    status: 'waiting',
    issuedAt: T0,
    enqueuedAt: T0,
    kioskId: 'kiosk-1',
    visits: [],
    ...overrides,
  };
}

/** A ticket called to `windowId` by `staffId`: its visit `visitId` is open. */
export function calledTicket(overrides: Partial<Ticket> = {}, visit: Partial<Visit> = {}): Ticket {
  return makeTicket({ status: 'called', firstCalledAt: min(1), visits: [makeVisit(visit)], ...overrides });
}

/** A ticket whose last visit ended at `endedAt` (served unless `end` says otherwise). */
export function endedTicket(overrides: Partial<Ticket> = {}, visit: Partial<Visit> = {}): Ticket {
  const v = makeVisit({ startedAt: min(2), endedAt: min(5), end: 'completed', ...visit });
  const status = v.end === 'no_show' ? 'no_show' : v.end === 'transferred' ? 'waiting' : v.end === 'day_closed' ? 'cancelled' : 'done';
  return makeTicket({ status, firstCalledAt: v.calledAt, visits: [v], ...overrides });
}

/** A clerk signed in at a window (c1 at w1 unless told). */
export function signedIn(windowId: string, staffId: string, extra: Partial<WindowState> = {}): WindowState {
  return { windowId, staffId, signedInAt: T0, ...extra };
}

export interface Records {
  counters?: Record<string, number>;
  tickets?: Ticket[];
  windows?: WindowState[];
  attendance?: AttendanceEvent[];
  cases?: Case[];
  reviews?: Review[];
  sessions?: StaffSession[];
  printerFaults?: PrinterFault[];
}

function byId<T>(list: T[] | undefined, key: (t: T) => string): Record<string, T> {
  return Object.fromEntries((list ?? []).map((t) => [key(t), t]));
}

export function makeData(r: Records = {}): HallData {
  return hallDataFrom({
    meta: { businessDate: DATE },
    counters: { ...r.counters },
    tickets: byId(r.tickets, (t) => t.id),
    windows: byId(r.windows, (w) => w.windowId),
    attendance: byId(r.attendance, (a) => a.id),
    cases: byId(r.cases, (c) => c.ticketId),
    reviews: byId(r.reviews, (rv) => rv.id),
    sessions: byId(r.sessions, (s) => s.tokenHash),
    printerFaults: byId(r.printerFaults, (f) => f.id),
  });
}

export function makeModel(r: Records = {}, cfg: HallConfig = config): HallModel {
  return new HallModel(cfg, makeData(r));
}

/** Ids that count up from 1 per draft: `at-1`, `at-2`, …; ticket ids `20261126-t1`, tokens `tok-<id>`. */
export function fixedIds(): Ids {
  let n = 1;
  return {
    id: (p) => `${p}-${n++}`,
    ticketId: (date) => `${compactDate(date)}-t${n++}`,
    ticketToken: (id) => `tok-${id}`,
  };
}

export interface DraftOptions {
  now?: number;
  signedOutByDayClose?: Iterable<string>;
  config?: HallConfig;
}

/** A draft over a model built from the records. */
export function makeDraft(r: Records = {}, opts: DraftOptions = {}): Draft {
  return new Draft(makeModel(r, opts.config), opts.now ?? NOW, fixedIds(), new Set(opts.signedOutByDayClose ?? []));
}

/** The code of the DomainError `fn` throws, or undefined when it returns. */
export function refusal(fn: () => unknown): ErrorCode | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
}

/** `fn` is refused with `code`, and the draft holds no change and no event. */
export function expectRefused(d: Draft, fn: () => unknown, code: ErrorCode): void {
  expect(refusal(fn)).toBe(code);
  expect(d.changes).toEqual([]);
  expect(d.events).toEqual([]);
}

/** The changes as `collection id` (`-` when removed, `~` when patched, `+` when written whole). */
export function changeList(d: Draft): string[] {
  return d.changes.map((c) => `${c.v === null ? '-' : 'patch' in c && c.patch ? '~' : '+'}${c.c} ${c.id}`);
}
