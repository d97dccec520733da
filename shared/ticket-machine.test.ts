import { describe, expect, it } from 'vitest';
import {
  ALLOWED_FROM,
  applyTicketCommand,
  currentVisit,
  isServed,
  issueTicket,
  lastRatableVisit,
  type TicketCommand,
  type Transition,
} from './ticket-machine.ts';
import { OUTCOMES, type Outcome, type Ticket, type TicketStatus, type Visit, type VisitEnd } from './types.ts';

// Thursday 2026-11-26 in Shanghai.
const T0 = Date.parse('2026-11-26T09:00:00+08:00');
const NOW = T0 + 10 * 60_000;
const DATE = '2026-11-26';
const ID = '20261126-abcdefghjk';

function makeVisit(overrides: Partial<Visit> = {}): Visit {
  return {
    id: `${ID}-1`,
    windowId: 'w1',
    staffId: 'c1',
    serviceId: 'company',
    departmentId: 'scjg',
    calledAt: T0 + 60_000,
    callCount: 1,
    lastCalledAt: T0 + 60_000,
    ...overrides,
  };
}

function makeTicket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: ID,
    token: 'secret-token',
    number: 'A007',
    prefix: 'A',
    seq: 7,
    businessDate: DATE,
    serviceId: 'company',
    issuedServiceId: 'company',
    priority: false,
    status: 'waiting',
    issuedAt: T0,
    enqueuedAt: T0,
    kioskId: 'kiosk-1',
    visits: [],
    ...overrides,
  };
}

/** A realistic ticket in each state: the visits match the status. */
function ticketIn(status: TicketStatus, overrides: Partial<Ticket> = {}): Ticket {
  const called = { firstCalledAt: T0 + 60_000 };
  switch (status) {
    case 'waiting':
      return makeTicket(overrides);
    case 'called':
      return makeTicket({ ...called, status, visits: [makeVisit()], ...overrides });
    case 'serving':
      return makeTicket({ ...called, status, visits: [makeVisit({ startedAt: T0 + 2 * 60_000 })], ...overrides });
    case 'done':
      return makeTicket({ ...called, status, visits: [makeVisit({ startedAt: T0 + 2 * 60_000, endedAt: T0 + 5 * 60_000, end: 'completed' })], ...overrides });
    case 'no_show':
      return makeTicket({ ...called, status, visits: [makeVisit({ endedAt: T0 + 3 * 60_000, end: 'no_show' })], ...overrides });
    case 'cancelled':
      return makeTicket({ status, cancelledAt: T0 + 60_000, cancelReason: 'citizen', ...overrides });
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Applies a command to a frozen copy and checks the input came back untouched. */
function run(ticket: Ticket, cmd: TicketCommand, now = NOW): Transition {
  const before = structuredClone(ticket);
  const frozen = deepFreeze(structuredClone(ticket));
  const result = applyTicketCommand(frozen, cmd, now);
  expect(frozen).toEqual(before);
  return result;
}

function ok(result: Transition): Extract<Transition, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok, got ${result.code}`);
  return result;
}

const call: TicketCommand = { type: 'call', visitId: 'v-000000000001', windowId: 'w1', staffId: 'c1', departmentId: 'scjg' };

/** One representative command of each type, all acceptable from an allowed state. */
const SAMPLE: Record<TicketCommand['type'], TicketCommand> = {
  call,
  recall: { type: 'recall' },
  start: { type: 'start' },
  finish: { type: 'finish', outcome: 'completed' },
  'no-show': { type: 'no-show' },
  requeue: { type: 'requeue', businessDate: DATE },
  transfer: { type: 'transfer', to: { serviceId: 'trader' } },
  cancel: { type: 'cancel' },
  'day-close': { type: 'day-close' },
};

const STATUSES: TicketStatus[] = ['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled'];

/** The "from" column of SPEC §4's table, written out independently of the code. */
const SPEC_FROM: Record<TicketCommand['type'], TicketStatus[]> = {
  call: ['waiting'],
  recall: ['called'],
  start: ['called'],
  finish: ['called', 'serving'],
  'no-show': ['called'],
  requeue: ['no_show'],
  transfer: ['called', 'serving'],
  cancel: ['waiting'],
  'day-close': ['waiting', 'called', 'serving'],
};

/** The "to" column of SPEC §4's table. */
const SPEC_TO: Record<TicketCommand['type'], TicketStatus> = {
  call: 'called',
  recall: 'called',
  start: 'serving',
  finish: 'done',
  'no-show': 'no_show',
  requeue: 'waiting',
  transfer: 'waiting',
  cancel: 'cancelled',
  'day-close': 'cancelled',
};

const allowedPairs = Object.entries(SPEC_FROM).flatMap(([type, froms]) => froms.map((from) => ({ type: type as TicketCommand['type'], from })));
const forbiddenPairs = (Object.keys(SPEC_FROM) as Array<TicketCommand['type']>).flatMap((type) =>
  STATUSES.filter((s) => !SPEC_FROM[type].includes(s)).map((from) => ({ type, from })),
);

describe('ALLOWED_FROM', () => {
  it('matches the from column of SPEC §4', () => {
    expect(Object.fromEntries(Object.entries(ALLOWED_FROM).map(([k, v]) => [k, [...v].sort()]))).toEqual(
      Object.fromEntries(Object.entries(SPEC_FROM).map(([k, v]) => [k, [...v].sort()])),
    );
  });

  it.each(allowedPairs)('$type from $from goes to the state in SPEC §4', ({ type, from }) => {
    const r = ok(run(ticketIn(from), SAMPLE[type]));
    expect(r.ticket.status).toBe(SPEC_TO[type]);
  });

  it('has 13 allowed and 41 forbidden (command × state) pairs', () => {
    expect(allowedPairs.length + forbiddenPairs.length).toBe(9 * 6);
    expect(allowedPairs).toHaveLength(13);
    expect(forbiddenPairs).toHaveLength(41);
  });

  it.each(forbiddenPairs)('$type from $from is refused with INVALID_STATE, input untouched', ({ type, from }) => {
    const ticket = ticketIn(from);
    const snapshot = structuredClone(ticket);
    expect(run(ticket, SAMPLE[type])).toEqual({ ok: false, code: 'INVALID_STATE' });
    expect(ticket).toEqual(snapshot);
  });

  // The state check comes before any argument check: a wrong state never reports a misleading code.
  it.each([
    { name: 'requeue of a waiting ticket for another date', from: 'waiting' as const, cmd: { type: 'requeue', businessDate: '2026-11-25' } as TicketCommand },
    { name: 'transfer of a waiting ticket to its own service', from: 'waiting' as const, cmd: { type: 'transfer', to: { serviceId: 'company' } } as TicketCommand },
    { name: 'transfer of a done ticket to its own window', from: 'done' as const, cmd: { type: 'transfer', to: { windowId: 'w1' } } as TicketCommand },
  ])('$name → INVALID_STATE', ({ from, cmd }) => {
    expect(run(ticketIn(from), cmd)).toEqual({ ok: false, code: 'INVALID_STATE' });
  });
});

describe('issue', () => {
  it.each([
    { prefix: 'A', seq: 1, number: 'A001' },
    { prefix: 'A', seq: 42, number: 'A042' },
    { prefix: 'AB', seq: 999, number: 'AB999' },
    { prefix: 'A', seq: 1000, number: 'A1000' },
    { prefix: 'C', seq: 12345, number: 'C12345' },
  ])('$prefix + $seq → $number, waiting, enqueued at issue time', ({ prefix, seq, number }) => {
    const t = issueTicket({ id: ID, token: 'tok', prefix, seq, businessDate: DATE, serviceId: 'company', priority: true, kioskId: 'kiosk-2', now: NOW });
    expect(t).toEqual({
      id: ID,
      token: 'tok',
      number,
      prefix,
      seq,
      businessDate: DATE,
      serviceId: 'company',
      issuedServiceId: 'company',
      priority: true,
      status: 'waiting',
      issuedAt: NOW,
      enqueuedAt: NOW,
      kioskId: 'kiosk-2',
      visits: [],
    });
    expect(t.firstCalledAt).toBeUndefined();
    expect(t.targetWindowId).toBeUndefined();
    expect(currentVisit(t)).toBeUndefined();
  });
});

describe('call', () => {
  it('starts the first visit: window, staff, service, department, calledAt', () => {
    const r = ok(run(ticketIn('waiting'), { type: 'call', visitId: 'v-000000000001', windowId: 'w5', staffId: 'c5', departmentId: 'scjg' }));
    const visit: Visit = { id: 'v-000000000001', windowId: 'w5', staffId: 'c5', serviceId: 'company', departmentId: 'scjg', calledAt: NOW, lastCalledAt: NOW, callCount: 1 };
    expect(r.ticket.status).toBe('called');
    expect(r.ticket.visits).toEqual([visit]);
    expect(r.ticket.firstCalledAt).toBe(NOW);
    expect(r.events).toEqual([{ type: 'called', visit }]);
    expect(currentVisit(r.ticket)).toEqual(visit);
  });

  it('a later call starts a new visit with the id it was given and keeps firstCalledAt', () => {
    const earlier = makeVisit({ endedAt: T0 + 5 * 60_000, end: 'transferred' });
    const t = makeTicket({ serviceId: 'trader', firstCalledAt: earlier.calledAt, visits: [earlier], enqueuedAt: T0 + 5 * 60_000 });
    const r = ok(run(t, { type: 'call', visitId: 'v-000000000002', windowId: 'w2', staffId: 'c2', departmentId: 'scjg' }));
    expect(r.ticket.visits).toHaveLength(2);
    expect(r.ticket.visits[0]).toEqual(earlier);
    expect(r.ticket.visits[1]).toMatchObject({ id: 'v-000000000002', windowId: 'w2', staffId: 'c2', serviceId: 'trader', calledAt: NOW, callCount: 1 });
    expect(r.ticket.firstCalledAt).toBe(earlier.calledAt);
    expect(r.events).toEqual([{ type: 'called', visit: r.ticket.visits[1] }]);
  });

  it('the visit takes the service the ticket has at call time, not the one it was issued for', () => {
    const t = makeTicket({ serviceId: 'trader', issuedServiceId: 'company' });
    expect(ok(run(t, call)).ticket.visits[0].serviceId).toBe('trader');
  });
});

describe('recall', () => {
  it.each([1, 2, 5])('from callCount %i: +1, lastCalledAt = now, same visit, no new visit', (n) => {
    const t = ticketIn('called', { visits: [makeVisit({ callCount: n })] });
    const r = ok(run(t, { type: 'recall' }));
    expect(r.ticket.status).toBe('called');
    expect(r.ticket.visits).toHaveLength(1);
    const v = r.ticket.visits[0];
    expect(v).toEqual({ ...t.visits[0], callCount: n + 1, lastCalledAt: NOW });
    expect(v.calledAt).toBe(t.visits[0].calledAt);
    expect(r.events).toEqual([{ type: 'recalled', visit: v }]);
    expect(r.ticket.firstCalledAt).toBe(t.firstCalledAt);
  });

  it('twice in a row counts 3 calls on one visit', () => {
    const a = ok(run(ticketIn('called'), { type: 'recall' }, NOW));
    const b = ok(run(a.ticket, { type: 'recall' }, NOW + 1000));
    expect(b.ticket.visits).toHaveLength(1);
    expect(b.ticket.visits[0]).toMatchObject({ id: `${ID}-1`, callCount: 3, lastCalledAt: NOW + 1000 });
  });
});

describe('start', () => {
  it('called → serving, startedAt = now, event started', () => {
    const r = ok(run(ticketIn('called'), { type: 'start' }));
    expect(r.ticket.status).toBe('serving');
    expect(r.ticket.visits).toEqual([{ ...makeVisit(), startedAt: NOW }]);
    expect(r.events).toEqual([{ type: 'started', visit: r.ticket.visits[0] }]);
    expect(currentVisit(r.ticket)?.startedAt).toBe(NOW);
  });
});

describe('finish', () => {
  const cases = OUTCOMES.flatMap((outcome) => (['called', 'serving'] as const).map((from) => ({ outcome, from })));

  it.each(cases)('$outcome from $from → done, visit ends $outcome', ({ outcome, from }) => {
    const t = ticketIn(from);
    const r = ok(run(t, { type: 'finish', outcome }));
    expect(r.ticket.status).toBe('done');
    expect(r.ticket.visits).toHaveLength(1);
    const v = r.ticket.visits[0];
    expect(v).toEqual({ ...t.visits[0], end: outcome, endedAt: NOW });
    expect(v).not.toHaveProperty('note');
    expect(r.events).toEqual([{ type: 'visit-ended', visit: v }]);
    expect(currentVisit(r.ticket)).toBeUndefined();
    expect(isServed(v.end)).toBe(true);
    expect(lastRatableVisit(r.ticket)).toEqual(v);
  });

  it('keeps startedAt from serving', () => {
    const r = ok(run(ticketIn('serving'), { type: 'finish', outcome: 'accepted' }));
    expect(r.ticket.visits[0].startedAt).toBe(T0 + 2 * 60_000);
  });

  it.each<{ note: string | undefined; has: boolean }>([
    { note: '材料齐全', has: true },
    { note: '', has: false },
    { note: undefined, has: false },
  ])('note $note is kept on the visit: $has', ({ note, has }) => {
    const cmd: TicketCommand = { type: 'finish', outcome: 'rejected', ...(note !== undefined ? { note } : {}) };
    const v = ok(run(ticketIn('called'), cmd)).ticket.visits[0];
    if (has) expect(v.note).toBe(note);
    else expect(v).not.toHaveProperty('note');
  });
});

describe('no-show', () => {
  it('called → no_show, ends the visit as no_show, nothing to rate', () => {
    const r = ok(run(ticketIn('called'), { type: 'no-show' }));
    expect(r.ticket.status).toBe('no_show');
    expect(r.ticket.visits).toEqual([{ ...makeVisit(), end: 'no_show', endedAt: NOW }]);
    expect(r.events).toEqual([{ type: 'visit-ended', visit: r.ticket.visits[0] }]);
    expect(currentVisit(r.ticket)).toBeUndefined();
    expect(lastRatableVisit(r.ticket)).toBeUndefined();
  });
});

describe('requeue', () => {
  it('same business date: back to waiting at the back of its queue, visits kept', () => {
    const t = ticketIn('no_show');
    const r = ok(run(t, { type: 'requeue', businessDate: DATE }));
    expect(r.ticket).toEqual({ ...t, status: 'waiting', enqueuedAt: NOW });
    expect(r.ticket.issuedAt).toBe(T0);
    expect(r.events).toEqual([{ type: 'requeued' }]);
    expect(currentVisit(r.ticket)).toBeUndefined();
  });

  it.each(['2026-11-27', '2026-11-25', '2025-11-26'])('another date (%s) → NOT_SAME_DAY', (businessDate) => {
    expect(run(ticketIn('no_show'), { type: 'requeue', businessDate })).toEqual({ ok: false, code: 'NOT_SAME_DAY' });
  });

  it('a requeued ticket called again starts visit 2', () => {
    const requeued = ok(run(ticketIn('no_show'), { type: 'requeue', businessDate: DATE })).ticket;
    const r = ok(run(requeued, { ...call, visitId: 'v-000000000002' }, NOW + 60_000));
    expect(r.ticket.visits.map((v) => v.id)).toEqual([`${ID}-1`, 'v-000000000002']);
    expect(r.ticket.firstCalledAt).toBe(T0 + 60_000);
  });
});

describe('transfer', () => {
  type Row = {
    name: string;
    from: 'called' | 'serving';
    ticket: Partial<Ticket>;
    visit?: Partial<Visit>;
    cmd: Extract<TicketCommand, { type: 'transfer' }>;
    serviceId: string;
    targetWindowId: string | undefined;
  };
  const rows: Row[] = [
    { name: 'to another service from called', from: 'called', ticket: {}, cmd: { type: 'transfer', to: { serviceId: 'trader' } }, serviceId: 'trader', targetWindowId: undefined },
    { name: 'to another service from serving', from: 'serving', ticket: {}, cmd: { type: 'transfer', to: { serviceId: 'trader' } }, serviceId: 'trader', targetWindowId: undefined },
    {
      name: 'to a service clears an earlier target window',
      from: 'called',
      ticket: { targetWindowId: 'w2' },
      visit: { windowId: 'w2' },
      cmd: { type: 'transfer', to: { serviceId: 'trader' } },
      serviceId: 'trader',
      targetWindowId: undefined,
    },
    {
      name: 'back to its own service from a target window releases it to the service queue',
      from: 'serving',
      ticket: { targetWindowId: 'w2' },
      visit: { windowId: 'w2', startedAt: T0 + 2 * 60_000 },
      cmd: { type: 'transfer', to: { serviceId: 'company' } },
      serviceId: 'company',
      targetWindowId: undefined,
    },
    { name: 'to another window from called', from: 'called', ticket: {}, cmd: { type: 'transfer', to: { windowId: 'w2' } }, serviceId: 'company', targetWindowId: 'w2' },
    { name: 'to another window from serving', from: 'serving', ticket: {}, cmd: { type: 'transfer', to: { windowId: 'w3' } }, serviceId: 'company', targetWindowId: 'w3' },
    {
      name: 'from a target window to yet another window',
      from: 'called',
      ticket: { targetWindowId: 'w2' },
      visit: { windowId: 'w2' },
      cmd: { type: 'transfer', to: { windowId: 'w3' } },
      serviceId: 'company',
      targetWindowId: 'w3',
    },
  ];

  it.each(rows)('$name: ends the visit as transferred, waits again with its number', ({ from, ticket, visit, cmd, serviceId, targetWindowId }) => {
    const base = ticketIn(from);
    const t: Ticket = { ...base, ...ticket, visits: visit ? [{ ...base.visits[0], ...visit }] : base.visits };
    const r = ok(run(t, cmd));
    expect(r.ticket.status).toBe('waiting');
    expect(r.ticket.number).toBe(t.number);
    expect(r.ticket.seq).toBe(t.seq);
    expect(r.ticket.prefix).toBe(t.prefix);
    expect(r.ticket.issuedServiceId).toBe('company');
    expect(r.ticket.issuedAt).toBe(T0);
    expect(r.ticket.enqueuedAt).toBe(NOW);
    expect(r.ticket.serviceId).toBe(serviceId);
    expect(r.ticket.targetWindowId).toBe(targetWindowId);
    expect(r.ticket.visits).toEqual([{ ...t.visits[0], end: 'transferred', endedAt: NOW }]);
    expect(r.events).toEqual([
      { type: 'visit-ended', visit: r.ticket.visits[0] },
      { type: 'transferred', to: cmd.to },
    ]);
    expect(currentVisit(r.ticket)).toBeUndefined();
    // The citizen may rate the visit that transferred them.
    expect(lastRatableVisit(r.ticket)).toEqual(r.ticket.visits[0]);
  });

  it.each<{ name: string; from: 'called' | 'serving'; ticket: Partial<Ticket>; visit?: Partial<Visit>; to: { serviceId: string } | { windowId: string } }>([
    { name: 'to its own service', from: 'called', ticket: {}, to: { serviceId: 'company' } },
    { name: 'to its own service while serving', from: 'serving', ticket: {}, to: { serviceId: 'company' } },
    { name: 'to the window it is at', from: 'called', ticket: {}, to: { windowId: 'w1' } },
    { name: 'to the window it is at while serving', from: 'serving', ticket: {}, to: { windowId: 'w1' } },
    { name: 'to the target window it is at', from: 'called', ticket: { targetWindowId: 'w2' }, visit: { windowId: 'w2' }, to: { windowId: 'w2' } },
  ])('$name → TRANSFER_TO_SELF', ({ from, ticket, visit, to }) => {
    const base = ticketIn(from);
    const t: Ticket = { ...base, ...ticket, visits: visit ? [{ ...base.visits[0], ...visit }] : base.visits };
    expect(run(t, { type: 'transfer', to })).toEqual({ ok: false, code: 'TRANSFER_TO_SELF' });
  });

  it('the transferred ticket, called at its target window, starts visit 2', () => {
    const moved = ok(run(ticketIn('serving'), { type: 'transfer', to: { windowId: 'w2' } })).ticket;
    const r = ok(run(moved, { type: 'call', visitId: 'v-000000000002', windowId: 'w2', staffId: 'c2', departmentId: 'scjg' }, NOW + 60_000));
    expect(r.ticket.visits.map((v) => [v.id, v.windowId, v.end])).toEqual([
      [`${ID}-1`, 'w1', 'transferred'],
      ['v-000000000002', 'w2', undefined],
    ]);
    expect(r.ticket.firstCalledAt).toBe(T0 + 60_000);
  });
});

describe('cancel', () => {
  it('waiting → cancelled by the citizen, no visit', () => {
    const r = ok(run(ticketIn('waiting'), { type: 'cancel' }));
    expect(r.ticket).toEqual({ ...makeTicket(), status: 'cancelled', cancelledAt: NOW, cancelReason: 'citizen' });
    expect(r.events).toEqual([{ type: 'cancelled', reason: 'citizen' }]);
  });
});

describe('day close', () => {
  it('waiting → cancelled day-closed, no visit to end', () => {
    const r = ok(run(ticketIn('waiting'), { type: 'day-close' }));
    expect(r.ticket).toEqual({ ...makeTicket(), status: 'cancelled', cancelledAt: NOW, cancelReason: 'day-closed' });
    expect(r.events).toEqual([{ type: 'cancelled', reason: 'day-closed' }]);
  });

  it.each(['called', 'serving'] as const)('%s → cancelled day-closed, the open visit ends day_closed', (from) => {
    const t = ticketIn(from);
    const r = ok(run(t, { type: 'day-close' }));
    expect(r.ticket.status).toBe('cancelled');
    expect(r.ticket.cancelReason).toBe('day-closed');
    expect(r.ticket.cancelledAt).toBe(NOW);
    expect(r.ticket.visits).toEqual([{ ...t.visits[0], end: 'day_closed', endedAt: NOW }]);
    expect(r.events).toEqual([
      { type: 'visit-ended', visit: r.ticket.visits[0] },
      { type: 'cancelled', reason: 'day-closed' },
    ]);
    expect(currentVisit(r.ticket)).toBeUndefined();
    expect(lastRatableVisit(r.ticket)).toBeUndefined();
  });

  it('a waiting ticket transferred earlier keeps its ended visits untouched', () => {
    const earlier = makeVisit({ endedAt: T0 + 5 * 60_000, end: 'transferred' });
    const t = makeTicket({ visits: [earlier], firstCalledAt: earlier.calledAt });
    const r = ok(run(t, { type: 'day-close' }));
    expect(r.ticket.visits).toEqual([earlier]);
    expect(r.events).toEqual([{ type: 'cancelled', reason: 'day-closed' }]);
  });
});

describe('isServed', () => {
  it.each<{ end: VisitEnd | undefined; served: boolean }>([
    ...OUTCOMES.map((end: Outcome) => ({ end, served: true })),
    { end: 'transferred', served: true },
    { end: 'no_show', served: false },
    { end: 'day_closed', served: false },
    { end: undefined, served: false },
  ])('$end → $served', ({ end, served }) => {
    expect(isServed(end)).toBe(served);
  });
});

describe('lastRatableVisit and currentVisit', () => {
  const v1 = makeVisit({ id: `${ID}-1`, windowId: 'w1' });
  const v2 = makeVisit({ id: `${ID}-2`, windowId: 'w2', calledAt: T0 + 6 * 60_000, lastCalledAt: T0 + 6 * 60_000 });
  const ended = (v: Visit, end: VisitEnd): Visit => ({ ...v, end, endedAt: v.calledAt + 60_000 });

  it.each<{ name: string; visits: Visit[]; ratable: string | undefined; current: string | undefined }>([
    { name: 'no visit', visits: [], ratable: undefined, current: undefined },
    { name: 'called, not ended', visits: [v1], ratable: undefined, current: v1.id },
    { name: 'completed', visits: [ended(v1, 'completed')], ratable: v1.id, current: undefined },
    { name: 'consulted', visits: [ended(v1, 'consulted')], ratable: v1.id, current: undefined },
    { name: 'no-show', visits: [ended(v1, 'no_show')], ratable: undefined, current: undefined },
    { name: 'day-closed', visits: [ended(v1, 'day_closed')], ratable: undefined, current: undefined },
    { name: 'transferred, now called elsewhere', visits: [ended(v1, 'transferred'), v2], ratable: v1.id, current: v2.id },
    { name: 'transferred, then a no-show: the last ended visit is not served', visits: [ended(v1, 'transferred'), ended(v2, 'no_show')], ratable: undefined, current: undefined },
    { name: 'no-show, requeued, then completed', visits: [ended(v1, 'no_show'), ended(v2, 'completed')], ratable: v2.id, current: undefined },
    { name: 'transferred, then rejected', visits: [ended(v1, 'transferred'), ended(v2, 'rejected')], ratable: v2.id, current: undefined },
  ])('$name', ({ visits, ratable, current }) => {
    const t = makeTicket({ visits });
    expect(lastRatableVisit(t)?.id).toBe(ratable);
    expect(currentVisit(t)?.id).toBe(current);
  });
});

describe('a whole visit history', () => {
  it('issue → call → recall → no-show → requeue → call → start → transfer to window → call → finish accepted', () => {
    let t = issueTicket({ id: ID, token: 'tok', prefix: 'A', seq: 3, businessDate: DATE, serviceId: 'company', priority: false, kioskId: 'kiosk-1', now: T0 });
    const events: string[] = [];
    const step = (cmd: TicketCommand, at: number) => {
      const r = ok(run(t, cmd, at));
      events.push(...r.events.map((e) => e.type));
      t = r.ticket;
    };
    const min = (m: number) => T0 + m * 60_000;
    step(call, min(1));
    step({ type: 'recall' }, min(2));
    step({ type: 'no-show' }, min(3));
    step({ type: 'requeue', businessDate: DATE }, min(4));
    step({ type: 'call', visitId: 'v-000000000002', windowId: 'w5', staffId: 'c5', departmentId: 'scjg' }, min(5));
    step({ type: 'start' }, min(6));
    step({ type: 'transfer', to: { windowId: 'w2' } }, min(7));
    expect(t).toMatchObject({ status: 'waiting', targetWindowId: 'w2', enqueuedAt: min(7), number: 'A003' });
    step({ type: 'call', visitId: 'v-000000000003', windowId: 'w2', staffId: 'c2', departmentId: 'scjg' }, min(8));
    step({ type: 'finish', outcome: 'accepted', note: '受理' }, min(9));

    expect(events).toEqual(['called', 'recalled', 'visit-ended', 'requeued', 'called', 'started', 'visit-ended', 'transferred', 'called', 'visit-ended']);
    expect(t.status).toBe('done');
    expect(t.firstCalledAt).toBe(min(1));
    expect(t.issuedAt).toBe(T0);
    expect(t.visits.map((v) => ({ id: v.id, w: v.windowId, n: v.callCount, end: v.end, endedAt: v.endedAt }))).toEqual([
      { id: 'v-000000000001', w: 'w1', n: 2, end: 'no_show', endedAt: min(3) },
      { id: 'v-000000000002', w: 'w5', n: 1, end: 'transferred', endedAt: min(7) },
      { id: 'v-000000000003', w: 'w2', n: 1, end: 'accepted', endedAt: min(9) },
    ]);
    expect(t.visits[2].note).toBe('受理');
    expect(lastRatableVisit(t)?.id).toBe('v-000000000003');
    // Finished: every further command is refused.
    for (const cmd of Object.values(SAMPLE)) expect(run(t, cmd)).toEqual({ ok: false, code: 'INVALID_STATE' });
  });
});
