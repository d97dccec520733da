import { describe, expect, it } from 'vitest';
import { hallConfigSchema, type HallConfig } from './config-schema.ts';
import { compareForCall } from './call-policy.ts';
import { HallModel } from './hall-model.ts';
import { emptyHallData } from './state.ts';
import { applyTicketCommand, issueTicket, type TicketCommand } from './ticket-machine.ts';
import type { Pause, Ticket, Visit } from './types.ts';

const HASH = 'scrypt$16384$8$1$c2FsdA==$aGFzaA==';
const DATE = '2026-11-26';
const T0 = Date.parse('2026-11-26T09:00:00+08:00');
const min = (m: number) => T0 + m * 60_000;
const NOW = min(60);

/** Five windows: w1 company+trader, w2 and w5 company, w3 household, w4 trader+household. */
const config: HallConfig = hallConfigSchema.parse({
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
    { id: 'w5', number: 5, name: '五号', serviceIds: ['company'], departmentId: 'scjg' },
  ],
  staff: ['1', '2', '3', '4', '5'].map((n) => ({ id: `c${n}`, staffNo: `100${n}`, name: `员工${n}`, departmentId: n === '3' ? 'ga' : 'scjg', role: 'clerk', passwordHash: HASH })),
  devices: [{ id: 'kiosk-1', kind: 'kiosk', name: '取号机', key: 'kiosk-key-0000000001' }],
});

const PREFIX: Record<string, string> = { company: 'A', trader: 'B', household: 'C' };
const SERVICES = ['company', 'trader', 'household'];
const WINDOWS = ['w1', 'w2', 'w3', 'w4', 'w5'];

function makeVisit(overrides: Partial<Visit> = {}): Visit {
  return { id: 'v', windowId: 'w1', staffId: 'c1', serviceId: 'company', departmentId: 'scjg', calledAt: min(1), callCount: 1, lastCalledAt: min(1), ...overrides };
}

/** A ticket for direct insertion: `number` defaults from service and seq; `at` sets issue and enqueue times. */
function makeTicket(overrides: Partial<Ticket> & { at?: number } = {}): Ticket {
  const { at = 0, ...rest } = overrides;
  const serviceId = rest.serviceId ?? 'company';
  const prefix = rest.prefix ?? PREFIX[serviceId];
  const seq = rest.seq ?? 1;
  const number = rest.number ?? `${prefix}${String(seq).padStart(3, '0')}`;
  return {
    id: `20261126-${number.toLowerCase()}`,
    token: 'tok',
    number,
    prefix,
    seq,
    businessDate: DATE,
    serviceId,
    issuedServiceId: serviceId,
    priority: false,
    status: 'waiting',
    issuedAt: min(at),
    enqueuedAt: min(at),
    kioskId: 'kiosk-1',
    visits: [],
    ...rest,
  };
}

/** A model over an empty day, with the helpers a test drives it through. */
function makeHall(tickets: Ticket[] = []) {
  const model = new HallModel(config, emptyHallData());
  model.apply({ c: 'meta', id: 'businessDate', v: DATE });
  const put = (t: Ticket) => model.apply({ c: 'tickets', id: t.id, v: t });
  for (const t of tickets) put(t);
  const issue = (serviceId: string, at: number, priority = false): Ticket => {
    const prefix = PREFIX[serviceId];
    const seq = (model.data.counters[prefix] ?? 0) + 1;
    model.apply({ c: 'counters', id: prefix, v: seq });
    const t = issueTicket({ id: `20261126-${prefix.toLowerCase()}${seq}`, token: 'tok', prefix, seq, businessDate: DATE, serviceId, priority, kioskId: 'kiosk-1', now: at });
    put(t);
    return t;
  };
  const act = (number: string, cmd: TicketCommand, at: number): Ticket => {
    const t = model.ticketByNumber(number);
    if (!t) throw new Error(`no ticket ${number}`);
    const r = applyTicketCommand(t, cmd, at);
    if (!r.ok) throw new Error(`${cmd.type} ${number}: ${r.code}`);
    put(r.ticket);
    return r.ticket;
  };
  const callAt = (number: string, windowId: string, at: number) => {
    const staffId = `c${windowId.slice(1)}`;
    return act(number, { type: 'call', visitId: `v-${number.toLowerCase().padStart(12, '0')}-${at}`, windowId, staffId, departmentId: model.departmentOf(model.ticketByNumber(number)!.serviceId) }, at);
  };
  const signIn = (windowId: string, pause?: Pause) =>
    model.apply({ c: 'windows', id: windowId, v: { windowId, staffId: `c${windowId.slice(1)}`, signedInAt: T0, ...(pause ? { pause } : {}) } });
  return { model, put, issue, act, callAt, signIn };
}

const numbers = (ts: Iterable<Ticket>) => [...ts].map((t) => t.number);

describe('waiting counts per service', () => {
  it('follow issue, call, cancel, transfer, no-show and requeue', () => {
    const h = makeHall();
    const counts = () => SERVICES.map((s) => h.model.waitingCount(s));
    const steps: Array<[string, () => void, number[]]> = [
      ['empty day', () => {}, [0, 0, 0]],
      ['issue A001 A002 A003 B001 C001', () => ['company', 'company', 'company', 'trader', 'household'].forEach((s, i) => h.issue(s, min(i))), [3, 1, 1]],
      ['call A001', () => h.callAt('A001', 'w1', min(10)), [2, 1, 1]],
      ['cancel A002', () => h.act('A002', { type: 'cancel' }, min(11)), [1, 1, 1]],
      ['transfer A001 to trader', () => h.act('A001', { type: 'transfer', to: { serviceId: 'trader' } }, min(12)), [1, 2, 1]],
      ['call B001', () => h.callAt('B001', 'w4', min(13)), [1, 1, 1]],
      ['transfer B001 to window w1: it waits in w1 queue, not the service one', () => h.act('B001', { type: 'transfer', to: { windowId: 'w1' } }, min(14)), [1, 1, 1]],
      ['call C001 and no-show', () => (h.callAt('C001', 'w3', min(15)), h.act('C001', { type: 'no-show' }, min(16))), [1, 1, 0]],
      ['requeue C001', () => h.act('C001', { type: 'requeue', businessDate: DATE }, min(17)), [1, 1, 1]],
      ['day close A003', () => h.act('A003', { type: 'day-close' }, min(18)), [0, 1, 1]],
    ];
    for (const [name, step, expected] of steps) {
      step();
      expect(counts(), name).toEqual(expected);
    }
    expect(numbers(h.model.waitingForService('trader'))).toEqual(['A001']);
    expect(numbers(h.model.queueFor('w1', NOW))).toEqual(['B001', 'A001']);
  });
});

describe('nextFor and queueFor', () => {
  type Row = { name: string; tickets: Array<Partial<Ticket> & { at?: number }>; next: Record<string, string | undefined>; queueW1?: string[] };
  const rows: Row[] = [
    { name: 'empty', tickets: [], next: { w1: undefined, w2: undefined, w3: undefined, w4: undefined } },
    {
      name: 'earliest across the window services',
      tickets: [
        { serviceId: 'company', seq: 1, at: 5 },
        { serviceId: 'trader', seq: 1, at: 3 },
        { serviceId: 'household', seq: 1, at: 1 },
      ],
      next: { w1: 'B001', w2: 'A001', w3: 'C001', w4: 'C001' },
      queueW1: ['B001', 'A001'],
    },
    {
      name: 'priority before normal, across services',
      tickets: [
        { serviceId: 'trader', seq: 1, at: 1 },
        { serviceId: 'company', seq: 1, at: 2 },
        { serviceId: 'company', seq: 2, at: 9, priority: true },
      ],
      next: { w1: 'A002', w2: 'A002', w3: undefined, w4: 'B001' },
      queueW1: ['A002', 'B001', 'A001'],
    },
    {
      name: 'transferred to a window: first there, invisible elsewhere',
      tickets: [
        { serviceId: 'company', seq: 1, at: 1, priority: true },
        { serviceId: 'household', seq: 1, at: 0, enqueuedAt: min(20), targetWindowId: 'w1' },
        { serviceId: 'company', seq: 2, at: 0, enqueuedAt: min(15), targetWindowId: 'w2' },
      ],
      next: { w1: 'C001', w2: 'A002', w3: undefined, w4: undefined, w5: 'A001' },
      queueW1: ['C001', 'A001'],
    },
    {
      name: 'non-waiting tickets are not candidates',
      tickets: [
        { serviceId: 'company', seq: 1, at: 0, status: 'called', visits: [makeVisit()] },
        { serviceId: 'company', seq: 2, at: 1, status: 'no_show', visits: [makeVisit({ end: 'no_show', endedAt: min(2) })] },
        { serviceId: 'company', seq: 3, at: 2, status: 'cancelled' },
        { serviceId: 'company', seq: 4, at: 3 },
      ],
      next: { w1: 'A004', w2: 'A004', w5: 'A004' },
      queueW1: ['A004'],
    },
  ];

  it.each(rows)('$name', ({ tickets, next, queueW1 }) => {
    const h = makeHall(tickets.map((t) => makeTicket(t)));
    for (const [w, n] of Object.entries(next)) expect(h.model.nextFor(w, NOW)?.number, w).toBe(n);
    if (queueW1) expect(numbers(h.model.queueFor('w1', NOW))).toEqual(queueW1);
    for (const w of WINDOWS) {
      const q = h.model.queueFor(w, NOW);
      expect(q[0]?.number).toBe(h.model.nextFor(w, NOW)?.number);
      expect(q).toEqual([...q].sort((a, b) => compareForCall(a, b, w, NOW)));
    }
  });

  it('an unknown window has no next ticket and no queue', () => {
    const h = makeHall([makeTicket()]);
    expect(h.model.nextFor('w9', NOW)).toBeUndefined();
    expect(h.model.queueFor('w9', NOW)).toEqual([]);
  });

  it('ahead: a ticket counts its own queue only', () => {
    const h = makeHall([
      makeTicket({ seq: 1, at: 1 }),
      makeTicket({ seq: 2, at: 2, priority: true }),
      makeTicket({ seq: 3, at: 3 }),
      makeTicket({ serviceId: 'trader', seq: 1, at: 0 }),
      makeTicket({ seq: 4, at: 0, targetWindowId: 'w2' }),
      makeTicket({ seq: 5, at: 1, targetWindowId: 'w2' }),
    ]);
    const ahead = (n: string) => h.model.ahead(h.model.ticketByNumber(n)!, NOW);
    expect(['A001', 'A002', 'A003', 'B001', 'A004', 'A005'].map(ahead)).toEqual([1, 0, 2, 0, 0, 1]);
  });
});

describe('issuedCount and ticketByNumber', () => {
  it('counts tickets issued per service, whatever becomes of them', () => {
    const h = makeHall();
    h.issue('company', min(0));
    h.issue('company', min(1));
    h.issue('household', min(2));
    expect(SERVICES.map((s) => h.model.issuedCount(s))).toEqual([2, 0, 1]);
    h.act('A002', { type: 'cancel' }, min(3));
    h.callAt('A001', 'w1', min(4));
    h.act('A001', { type: 'transfer', to: { serviceId: 'trader' } }, min(5));
    // Counted against the service it was issued for (the daily cap), not the one it moved to.
    expect(SERVICES.map((s) => h.model.issuedCount(s))).toEqual([2, 0, 1]);
    expect(h.model.issuedCount('nope')).toBe(0);
  });

  it('finds the current version of a ticket by its number', () => {
    const h = makeHall();
    const a = h.issue('company', min(0));
    h.issue('trader', min(1));
    expect(h.model.ticketByNumber('A001')).toEqual(a);
    h.callAt('A001', 'w1', min(2));
    expect(h.model.ticketByNumber('A001')?.status).toBe('called');
    expect(h.model.ticketByNumber('B001')?.serviceId).toBe('trader');
    expect(h.model.ticketByNumber('A002')).toBeUndefined();
    expect(h.model.ticketByNumber('')).toBeUndefined();
  });
});

describe('averageServiceMinutes', () => {
  const ended = (serviceId: string, calledAt: number, endedAt: number, end: Visit['end'], startedAt?: number): Ticket =>
    makeTicket({
      serviceId,
      seq: Math.round(calledAt / 1000) % 1000,
      status: end === 'no_show' ? 'no_show' : end === 'day_closed' ? 'cancelled' : end === 'transferred' ? 'waiting' : 'done',
      visits: [makeVisit({ id: `v${calledAt}`, serviceId, calledAt, lastCalledAt: calledAt, endedAt, end, ...(startedAt !== undefined ? { startedAt } : {}) })],
    });

  it.each<{ name: string; tickets: Ticket[]; avg: [number, number, number] }>([
    { name: 'nothing served yet: the defaults', tickets: [], avg: [10, 6, 5] },
    { name: 'one visit, from start to finish', tickets: [ended('company', min(0), min(14), 'completed', min(2))], avg: [12, 6, 5] },
    { name: 'one visit never started: from the call', tickets: [ended('company', min(0), min(8), 'accepted')], avg: [8, 6, 5] },
    {
      name: 'the mean of several visits',
      tickets: [ended('trader', min(0), min(4), 'consulted'), ended('trader', min(10), min(20), 'rejected', min(12))],
      avg: [10, 6, 5],
    },
    { name: 'a no-show is not a service', tickets: [ended('company', min(0), min(3), 'no_show')], avg: [10, 6, 5] },
    { name: 'a visit closed with the day is not a service', tickets: [ended('household', min(0), min(30), 'day_closed')], avg: [10, 6, 5] },
    { name: 'a transferred visit counts for the service it was at', tickets: [ended('household', min(0), min(2), 'transferred')], avg: [10, 6, 2] },
    { name: 'an open visit does not count yet', tickets: [makeTicket({ status: 'serving', visits: [makeVisit({ startedAt: min(2) })] })], avg: [10, 6, 5] },
  ])('$name', ({ tickets, avg }) => {
    const h = makeHall(tickets);
    expect(SERVICES.map((s) => h.model.averageServiceMinutes(s))).toEqual(avg);
  });

  it('the mean of two: 7 and 8 minutes → 7.5', () => {
    const h = makeHall([ended('company', min(0), min(7), 'completed'), ended('company', min(10), min(20), 'completed', min(12))]);
    expect(h.model.averageServiceMinutes('company')).toBe(7.5);
  });

  it('follows the visits as tickets change, and a rating does not count a visit twice', () => {
    const h = makeHall();
    h.issue('company', min(0));
    h.callAt('A001', 'w1', min(1));
    h.act('A001', { type: 'start' }, min(2));
    expect(h.model.averageServiceMinutes('company')).toBe(10);
    const done = h.act('A001', { type: 'finish', outcome: 'completed' }, min(6));
    expect(h.model.averageServiceMinutes('company')).toBe(4);
    h.put({ ...done, visits: [{ ...done.visits[0], rating: { score: 5, at: min(7), source: 'phone' } }] });
    expect(h.model.averageServiceMinutes('company')).toBe(4);
    h.issue('company', min(3));
    h.callAt('A002', 'w2', min(7));
    h.act('A002', { type: 'finish', outcome: 'consulted' }, min(15));
    expect(h.model.averageServiceMinutes('company')).toBe(6);
  });

  it('an unknown service averages 0', () => {
    expect(makeHall().model.averageServiceMinutes('nope')).toBe(0);
  });
});

describe('openWindowsServing', () => {
  const pause: Pause = { reason: 'break', since: T0 };
  it.each<{ name: string; open: Array<[string, Pause?]>; counts: [number, number, number] }>([
    { name: 'nobody signed in', open: [], counts: [0, 0, 0] },
    { name: 'w1 signed in', open: [['w1']], counts: [1, 1, 0] },
    { name: 'w1 and w2', open: [['w1'], ['w2']], counts: [2, 1, 0] },
    { name: 'w1, w2, w5 (company ×3)', open: [['w1'], ['w2'], ['w5']], counts: [3, 1, 0] },
    { name: 'w2 paused does not serve', open: [['w1'], ['w2', pause]], counts: [1, 1, 0] },
    { name: 'every window, w4 paused', open: [['w1'], ['w2'], ['w3'], ['w4', pause], ['w5']], counts: [3, 1, 1] },
    { name: 'every window', open: WINDOWS.map((w) => [w] as [string]), counts: [3, 2, 2] },
  ])('$name → $counts', ({ open, counts }) => {
    const h = makeHall();
    for (const [w, p] of open) h.signIn(w, p);
    expect(SERVICES.map((s) => h.model.openWindowsServing(s))).toEqual(counts);
  });

  it('a window state without a clerk (signed out) is not open', () => {
    const h = makeHall();
    h.model.apply({ c: 'windows', id: 'w2', v: { windowId: 'w2' } });
    expect(h.model.openWindowsServing('company')).toBe(0);
  });
});

describe('estimateFor = ahead × average ÷ windows serving it now, rounded, at least a minute; none without a window', () => {
  it.each<{ name: string; serviceId: string; ahead: number; open: string[]; served?: number[]; minutes: number }>([
    { name: 'nobody ahead', serviceId: 'company', ahead: 0, open: ['w1'], minutes: 0 },
    { name: 'no window open: no estimate (the screens say so)', serviceId: 'company', ahead: 5, open: [], minutes: 0 },
    { name: 'one ahead, a short average: at least a minute, never "about 0"', serviceId: 'trader', ahead: 1, open: ['w1', 'w4'], served: [0.2], minutes: 1 },
    { name: 'one window', serviceId: 'company', ahead: 5, open: ['w2'], minutes: 50 },
    { name: 'two windows', serviceId: 'company', ahead: 5, open: ['w1', 'w2'], minutes: 25 },
    { name: 'three windows, 10/3 rounds down', serviceId: 'company', ahead: 1, open: ['w1', 'w2', 'w5'], minutes: 3 },
    { name: 'three windows, 20/3 rounds up', serviceId: 'company', ahead: 2, open: ['w1', 'w2', 'w5'], minutes: 7 },
    { name: 'windows of other services do not help', serviceId: 'company', ahead: 4, open: ['w3', 'w4', 'w2'], minutes: 40 },
    { name: 'only windows of other services: no estimate', serviceId: 'company', ahead: 4, open: ['w3', 'w4'], minutes: 0 },
    { name: "trader's own default", serviceId: 'trader', ahead: 5, open: ['w1', 'w4'], minutes: 15 },
    { name: "today's average (7.5) over the default, .5 rounds up", serviceId: 'company', ahead: 3, open: ['w2'], served: [7, 8], minutes: 23 },
    { name: "today's average over two windows", serviceId: 'company', ahead: 4, open: ['w2', 'w5'], served: [7, 8], minutes: 15 },
  ])('$name → $minutes', ({ serviceId, ahead, open, served = [], minutes }) => {
    const h = makeHall(
      served.map((m, i) =>
        makeTicket({ serviceId, seq: 100 + i, status: 'done', visits: [makeVisit({ id: `v${i}`, serviceId, calledAt: min(0), lastCalledAt: min(0), endedAt: min(m), end: 'completed' })] }),
      ),
    );
    for (const w of open) h.signIn(w);
    expect(h.model.estimateFor(serviceId, ahead)).toBe(minutes);
  });
});

describe('recentCalls', () => {
  const view = (h: ReturnType<typeof makeHall>) => h.model.recentCalls.map((c) => `${c.number}@${c.windowId}×${c.callCount}`);

  it('newest first; a recall moves its call to the top; ends and transfers add nothing; a new visit adds a call', () => {
    const h = makeHall();
    h.issue('company', min(0));
    h.issue('trader', min(1));
    h.issue('company', min(2));
    h.callAt('A001', 'w1', min(10));
    h.callAt('B001', 'w4', min(11));
    h.callAt('A002', 'w2', min(12));
    expect(view(h)).toEqual(['A002@w2×1', 'B001@w4×1', 'A001@w1×1']);

    h.act('A001', { type: 'recall' }, min(13));
    expect(view(h)).toEqual(['A001@w1×2', 'A002@w2×1', 'B001@w4×1']);
    expect(h.model.recentCalls[0]).toMatchObject({ visitId: h.model.ticketByNumber('A001')!.visits[0].id, at: min(13), serviceId: 'company' });

    h.act('B001', { type: 'start' }, min(14));
    h.act('B001', { type: 'finish', outcome: 'completed' }, min(15));
    h.act('A001', { type: 'transfer', to: { windowId: 'w5' } }, min(16));
    expect(view(h)).toEqual(['A001@w1×2', 'A002@w2×1', 'B001@w4×1']);

    h.callAt('A001', 'w5', min(17));
    expect(view(h)).toEqual(['A001@w5×1', 'A001@w1×2', 'A002@w2×1', 'B001@w4×1']);

    h.act('A002', { type: 'recall' }, min(19));
    h.act('A002', { type: 'recall' }, min(20));
    expect(view(h)).toEqual(['A002@w2×3', 'A001@w5×1', 'A001@w1×2', 'B001@w4×1']);
  });

  it('keeps the 12 latest; a recall of a call that fell off brings it back on top', () => {
    const h = makeHall();
    for (let i = 0; i < 15; i++) h.issue('company', min(i));
    h.callAt('A001', 'w1', min(20));
    for (let i = 2; i <= 15; i++) {
      const n = `A${String(i).padStart(3, '0')}`;
      h.callAt(n, 'w2', min(20 + i));
      h.act(n, { type: 'finish', outcome: 'consulted' }, min(20 + i) + 30_000);
    }
    const latest = (from: number) => Array.from({ length: 12 }, (_, i) => `A${String(from - i).padStart(3, '0')}`);
    expect(h.model.recentCalls.map((c) => c.number)).toEqual(latest(15));
    h.act('A001', { type: 'recall' }, min(40));
    expect(h.model.recentCalls).toHaveLength(12);
    expect(view(h)[0]).toBe('A001@w1×2');
    expect(h.model.recentCalls.slice(1).map((c) => c.number)).toEqual(latest(15).slice(0, 11));
  });
});

describe('rebuild', () => {
  /** Everything the indexes answer, in a comparable form. */
  function snapshot(model: HallModel) {
    const tickets = Object.values(model.data.tickets);
    return {
      services: SERVICES.map((s) => ({
        s,
        waiting: model.waitingCount(s),
        waitingIds: model.waitingForService(s).map((t) => t.id).sort(),
        issued: model.issuedCount(s),
        avg: model.averageServiceMinutes(s),
        open: model.openWindowsServing(s),
        estimate: model.estimateFor(s, 3),
      })),
      windows: WINDOWS.map((w) => ({ w, next: model.nextFor(w, NOW)?.id, queue: model.queueFor(w, NOW).map((t) => t.id) })),
      byNumber: tickets.map((t) => [t.number, model.ticketByNumber(t.number)?.id]),
      ahead: tickets.map((t) => [t.number, model.ahead(t, NOW)]),
      recentCalls: model.recentCalls,
    };
  }

  function busyDay() {
    const h = makeHall();
    h.signIn('w1');
    h.signIn('w2');
    h.signIn('w4', { reason: 'meeting', since: min(30) });
    const services = ['company', 'trader', 'company', 'household', 'company', 'trader', 'household', 'company', 'company', 'household'];
    services.forEach((s, i) => h.issue(s, min(i), i % 4 === 3));
    h.callAt('A001', 'w1', min(20));
    h.act('A001', { type: 'start' }, min(21));
    h.act('A001', { type: 'finish', outcome: 'accepted' }, min(29));
    h.callAt('A002', 'w2', min(22));
    h.act('A002', { type: 'recall' }, min(23));
    h.act('A002', { type: 'no-show' }, min(25));
    h.callAt('B001', 'w4', min(24));
    h.act('B001', { type: 'transfer', to: { serviceId: 'company' } }, min(27));
    h.callAt('C001', 'w3', min(26));
    h.act('C001', { type: 'transfer', to: { windowId: 'w1' } }, min(28));
    h.act('A002', { type: 'requeue', businessDate: DATE }, min(30));
    h.callAt('C001', 'w1', min(31));
    h.act('C001', { type: 'finish', outcome: 'completed' }, min(36));
    h.act('A003', { type: 'cancel' }, min(32));
    h.callAt('A004', 'w5', min(33));
    h.act('A004', { type: 'transfer', to: { windowId: 'w2' } }, min(34));
    h.callAt('B002', 'w1', min(37));
    h.act('B002', { type: 'start' }, min(38));
    return h;
  }

  it('gives the same indexes as the incremental applies', () => {
    const h = busyDay();
    const incremental = snapshot(h.model);
    // Sanity: the day did exercise every index.
    expect(incremental.services.find((s) => s.s === 'company')).toMatchObject({ issued: 5 });
    expect(incremental.windows.find((w) => w.w === 'w2')?.next).toBe(h.model.ticketByNumber('A004')!.id);
    expect(incremental.recentCalls.length).toBeGreaterThan(5);

    h.model.rebuild();
    expect(snapshot(h.model)).toEqual(incremental);
  });

  it('a fresh model over a copy of the data (a restart) agrees too', () => {
    const h = busyDay();
    const fresh = new HallModel(config, structuredClone(h.model.data));
    expect(snapshot(fresh)).toEqual(snapshot(h.model));
  });

  it('after the day collections are emptied, rebuild forgets the day', () => {
    const h = busyDay();
    h.model.data.tickets = {};
    h.model.data.counters = {};
    h.model.rebuild();
    for (const s of SERVICES) {
      expect(h.model.waitingCount(s)).toBe(0);
      expect(h.model.issuedCount(s)).toBe(0);
      expect(h.model.averageServiceMinutes(s)).toBe(config.services.find((c) => c.id === s)!.defaultServiceMinutes);
    }
    expect(h.model.recentCalls).toEqual([]);
    expect(h.model.ticketByNumber('A001')).toBeUndefined();
    for (const w of WINDOWS) expect(h.model.nextFor(w, NOW)).toBeUndefined();
  });
});
