import { describe, expect, it } from 'vitest';
import type { HallConfig } from '../config-schema.ts';
import type { ErrorCode } from '../errors.ts';
import type { Outcome, Ticket } from '../types.ts';
import { Draft } from './draft.ts';
import {
  calledTicket,
  changeList,
  config,
  device,
  endedTicket,
  expectRefused,
  fixedIds,
  makeConfig,
  makeDraft,
  makeTicket,
  min,
  NOW,
  type Records,
  signedIn,
  staff,
} from './fixture.ts';
import { callNext, callNumber, finish, issue, noShow, transfer } from './tickets.ts';

const at = (iso: string) => Date.parse(`${iso}+08:00`);

describe('issue', () => {
  it('the first ticket of a service: counter and ticket written whole, the ticket announced', () => {
    const d = makeDraft();
    const t = issue(d, device(), { serviceId: 'company' });
    expect(t).toMatchObject({ id: '20261126-t1', token: 'tok-20261126-t1', number: 'A001', businessDate: '2026-11-26', status: 'waiting', priority: false, kioskId: 'kiosk-1', issuedAt: NOW });
    expect(t).not.toHaveProperty('requestId');
    expect(d.changes).toEqual([
      { c: 'counters', id: 'A', v: 1 },
      { c: 'tickets', id: t.id, v: t },
    ]);
    expect(d.events).toEqual([{ type: 'ticket', after: t }]);
  });

  it('numbers follow the counter of the prefix; a priority ticket says so', () => {
    const d = makeDraft({ counters: { A: 41, B: 3 } });
    const t = issue(d, device('kiosk-2'), { serviceId: 'company', priority: true, requestId: 'r-1' });
    expect(t).toMatchObject({ number: 'A042', seq: 42, priority: true, kioskId: 'kiosk-2', requestId: 'r-1' });
    expect(d.changes[0]).toEqual({ c: 'counters', id: 'A', v: 42 });
    expect(issue(d, device(), { serviceId: 'trader' }).number).toBe('B004');
  });

  it.each<{ name: string; now: number; cfg?: HallConfig; code: ErrorCode | undefined }>([
    { name: 'Thursday 08:59 → HALL_CLOSED', now: at('2026-11-26T08:59:00'), code: 'HALL_CLOSED' },
    { name: 'Thursday 09:00', now: at('2026-11-26T09:00:00'), code: undefined },
    { name: 'Thursday 16:59', now: at('2026-11-26T16:59:59'), code: undefined },
    { name: 'Thursday 17:00 → HALL_CLOSED', now: at('2026-11-26T17:00:00'), code: 'HALL_CLOSED' },
    { name: 'Saturday 10:00 → HALL_CLOSED', now: at('2026-11-28T10:00:00'), code: 'HALL_CLOSED' },
    { name: 'a holiday 10:00 → HALL_CLOSED', now: at('2026-11-26T10:00:00'), cfg: makeConfig({ hall: { ...config.hall, holidays: ['2026-11-26'] } }), code: 'HALL_CLOSED' },
    {
      name: 'opening early: 08:45',
      now: at('2026-11-26T08:45:00'),
      cfg: makeConfig({ hall: { ...config.hall, ticketing: { openEarlyMinutes: 15, stopBeforeCloseMinutes: 30 } } }),
      code: undefined,
    },
    {
      name: 'stopping before close: 16:30 → HALL_CLOSED',
      now: at('2026-11-26T16:30:00'),
      cfg: makeConfig({ hall: { ...config.hall, ticketing: { openEarlyMinutes: 15, stopBeforeCloseMinutes: 30 } } }),
      code: 'HALL_CLOSED',
    },
  ])('$name', ({ now, cfg, code }) => {
    const d = makeDraft({}, { now, config: cfg });
    if (code) expectRefused(d, () => issue(d, device('kiosk-1', cfg), { serviceId: 'company' }), code);
    else expect(issue(d, device('kiosk-1', cfg), { serviceId: 'company' }).number).toBe('A001');
  });

  const household = (seq: number, o: Partial<Ticket> = {}) => makeTicket({ serviceId: 'household', seq, ...o });
  it.each<{ name: string; tickets: Ticket[]; serviceId?: string; code: ErrorCode | undefined }>([
    { name: '2 of 3 issued: the third is given', tickets: [household(1), household(2)], code: undefined },
    { name: '3 of 3 issued → DAILY_CAP_REACHED', tickets: [household(1), household(2), household(3)], code: 'DAILY_CAP_REACHED' },
    {
      name: 'cancelled and moved-away tickets still count → DAILY_CAP_REACHED',
      tickets: [household(1, { status: 'cancelled', cancelledAt: min(1), cancelReason: 'citizen' }), household(2, { serviceId: 'trader', issuedServiceId: 'household' }), household(3)],
      code: 'DAILY_CAP_REACHED',
    },
    { name: 'tickets moved to the service do not count', tickets: [household(1), household(2), makeTicket({ serviceId: 'household', issuedServiceId: 'company', prefix: 'A' })], code: undefined },
    { name: 'a service without a cap', tickets: Array.from({ length: 5 }, (_, i) => makeTicket({ seq: i + 1 })), serviceId: 'company', code: undefined },
    { name: 'an unknown service → UNKNOWN_SERVICE', tickets: [], serviceId: 'passport', code: 'UNKNOWN_SERVICE' },
    { name: 'an inherited property name → UNKNOWN_SERVICE', tickets: [], serviceId: 'constructor', code: 'UNKNOWN_SERVICE' },
  ])('$name', ({ tickets, serviceId = 'household', code }) => {
    const d = makeDraft({ tickets, counters: { C: 3, A: 5 } });
    if (code) expectRefused(d, () => issue(d, device(), { serviceId }), code);
    else expect(issue(d, device(), { serviceId }).status).toBe('waiting');
  });

  it('an unknown service is told before the hall is closed', () => {
    const d = makeDraft({}, { now: at('2026-11-28T10:00:00') });
    expectRefused(d, () => issue(d, device(), { serviceId: 'passport' }), 'UNKNOWN_SERVICE');
  });

  describe('a retried request', () => {
    const first = () => {
      const d = makeDraft({ tickets: [makeTicket({ serviceId: 'household', seq: 1 }), makeTicket({ serviceId: 'household', seq: 2 })], counters: { C: 2 } });
      const t = issue(d, device(), { serviceId: 'household', requestId: 'req-1' });
      return { model: d.model, t };
    };

    it.each<{ name: string; now: number }>([
      { name: 'at once', now: NOW + 1000 },
      { name: 'after the hall closed', now: at('2026-11-26T17:30:00') },
    ])('$name gets the same ticket back, with no change (even with the cap now reached)', ({ now }) => {
      const { model, t } = first();
      const d = new Draft(model, now, fixedIds());
      expect(issue(d, device(), { serviceId: 'household', requestId: 'req-1' })).toBe(t);
      expect(d.changes).toEqual([]);
      expect(d.events).toEqual([]);
    });

    it('even when the retry names another service', () => {
      const { model, t } = first();
      const d = new Draft(model, NOW, fixedIds());
      expect(issue(d, device(), { serviceId: 'nope', requestId: 'req-1' })).toBe(t);
      expect(d.changes).toEqual([]);
    });

    it('the same requestId from another kiosk is another request', () => {
      const d = makeDraft();
      const a = issue(d, device('kiosk-1'), { serviceId: 'company', requestId: 'req-1' });
      const b = issue(d, device('kiosk-2'), { serviceId: 'company', requestId: 'req-1' });
      expect([a.number, b.number]).toEqual(['A001', 'A002']);
    });

    it('without a requestId every tap is a new ticket', () => {
      const d = makeDraft();
      expect([issue(d, device(), { serviceId: 'company' }).number, issue(d, device(), { serviceId: 'company' }).number]).toEqual(['A001', 'A002']);
    });
  });
});

describe('callNumber', () => {
  const free = signedIn('w1', 'c1');
  const waiting = makeTicket({ seq: 1 });
  const noShowToday = endedTicket({ seq: 2 }, { id: 'v-0', end: 'no_show', startedAt: undefined, endedAt: min(5) });

  it.each<{ name: string; given: Records; number?: string; code: ErrorCode }>([
    { name: 'not signed in → NOT_SIGNED_IN', given: { tickets: [waiting] }, code: 'NOT_SIGNED_IN' },
    { name: 'signed in at another window → WRONG_WINDOW', given: { windows: [signedIn('w2', 'c1')], tickets: [waiting] }, code: 'WRONG_WINDOW' },
    { name: 'paused → WINDOW_PAUSED', given: { windows: [signedIn('w1', 'c1', { pause: { reason: 'break', since: min(1) } })], tickets: [waiting] }, code: 'WINDOW_PAUSED' },
    {
      name: 'a ticket at the window → WINDOW_BUSY',
      given: { windows: [signedIn('w1', 'c1', { currentTicketId: calledTicket({ seq: 3 }).id })], tickets: [waiting, calledTicket({ seq: 3 })] },
      code: 'WINDOW_BUSY',
    },
    { name: 'no such number today → TICKET_NOT_FOUND', given: { windows: [free], tickets: [waiting] }, number: 'A999', code: 'TICKET_NOT_FOUND' },
    { name: 'called at another window → INVALID_STATE', given: { windows: [free], tickets: [calledTicket({ seq: 1 }, { windowId: 'w2', staffId: 'c2' })] }, code: 'INVALID_STATE' },
    { name: 'done → INVALID_STATE', given: { windows: [free], tickets: [endedTicket({ seq: 1 })] }, code: 'INVALID_STATE' },
    { name: 'cancelled → INVALID_STATE', given: { windows: [free], tickets: [makeTicket({ seq: 1, status: 'cancelled', cancelledAt: min(2), cancelReason: 'citizen' })] }, code: 'INVALID_STATE' },
    { name: 'a service the window does not serve → NOT_FOR_THIS_WINDOW', given: { windows: [free], tickets: [makeTicket({ serviceId: 'household', seq: 1 })] }, number: 'C001', code: 'NOT_FOR_THIS_WINDOW' },
    { name: 'transferred to another window → NOT_FOR_THIS_WINDOW', given: { windows: [free], tickets: [makeTicket({ seq: 1, targetWindowId: 'w2' })] }, code: 'NOT_FOR_THIS_WINDOW' },
    {
      name: 'a no-show of a service the window does not serve → NOT_FOR_THIS_WINDOW, not requeued',
      given: { windows: [free], tickets: [endedTicket({ serviceId: 'household', seq: 1 }, { end: 'no_show', windowId: 'w3', serviceId: 'household' })] },
      number: 'C001',
      code: 'NOT_FOR_THIS_WINDOW',
    },
  ])('$name', ({ given, number = 'A001', code }) => {
    const d = makeDraft(given);
    expectRefused(d, () => callNumber(d, 'w1', staff('c1'), number), code);
  });

  it('a waiting ticket is called out of turn: ticket, window, call announced', () => {
    const d = makeDraft({ windows: [free], tickets: [makeTicket({ seq: 9, enqueuedAt: min(0) }), waiting] });
    const t = callNumber(d, 'w1', staff('c1'), 'A001');
    expect(t).toMatchObject({ status: 'called', visits: [{ id: 'v-1', windowId: 'w1', staffId: 'c1', departmentId: 'scjg', calledAt: NOW }] });
    expect(changeList(d)).toEqual([`~tickets ${waiting.id}`, '~windows w1']);
    // Each update carries only what changed.
    expect(d.changes[0]).toEqual({ c: 'tickets', id: waiting.id, v: t, patch: { set: { status: 'called', 'visits.0': t.visits[0], firstCalledAt: NOW } } });
    expect(d.changes[1]).toEqual({ c: 'windows', id: 'w1', v: { ...free, currentTicketId: waiting.id }, patch: { set: { currentTicketId: waiting.id } } });
    expect(d.events).toEqual([
      { type: 'ticket', before: waiting, after: t },
      { type: 'call', call: { visitId: 'v-1', ticketId: waiting.id, number: 'A001', windowId: 'w1', serviceId: 'company', callCount: 1, at: NOW } },
      { type: 'window', windowId: 'w1' },
    ]);
  });

  it('a no-show of today is requeued and called at once: a second visit', () => {
    const d = makeDraft({ windows: [free], tickets: [noShowToday] });
    const t = callNumber(d, 'w1', staff('c1'), 'A002');
    expect(t.status).toBe('called');
    expect(t.enqueuedAt).toBe(NOW);
    expect(t.visits.map((v) => [v.id, v.end])).toEqual([
      ['v-0', 'no_show'],
      ['v-1', undefined],
    ]);
    expect(changeList(d)).toEqual([`~tickets ${noShowToday.id}`, `~tickets ${noShowToday.id}`, '~windows w1']);
    expect(d.events.map((e) => e.type)).toEqual(['ticket', 'ticket', 'call', 'window']);
  });
});

describe('callNext', () => {
  it('nobody waiting: null, nothing changes', () => {
    const d = makeDraft({ windows: [signedIn('w1', 'c1')], tickets: [makeTicket({ serviceId: 'household' })] });
    expect(callNext(d, 'w1', staff('c1'))).toBeNull();
    expect(d.changes).toEqual([]);
    expect(d.events).toEqual([]);
  });

  it('calls the ticket transferred to the window before the others', () => {
    const d = makeDraft({ windows: [signedIn('w1', 'c1')], tickets: [makeTicket({ seq: 1, priority: true }), makeTicket({ serviceId: 'household', seq: 1, targetWindowId: 'w1', enqueuedAt: min(30) })] });
    expect(callNext(d, 'w1', staff('c1'))?.number).toBe('C001');
  });
});

describe('transfer', () => {
  const current = calledTicket({ seq: 1 }, { startedAt: min(2) });
  const busy = signedIn('w1', 'c1', { currentTicketId: current.id });
  const given = (extra: Records = {}): Records => ({ tickets: [current], windows: [busy], ...extra });

  it.each<{ name: string; records: Records; by?: string; to: { serviceId: string } | { windowId: string }; code: ErrorCode }>([
    { name: 'to a window the config does not have → UNKNOWN_WINDOW', records: given(), to: { windowId: 'w9' }, code: 'UNKNOWN_WINDOW' },
    { name: 'to an unknown service → UNKNOWN_SERVICE', records: given(), to: { serviceId: 'passport' }, code: 'UNKNOWN_SERVICE' },
    { name: 'to a window nobody is signed in at → WINDOW_CLOSED', records: given(), to: { windowId: 'w2' }, code: 'WINDOW_CLOSED' },
    { name: 'to a window record without a clerk → WINDOW_CLOSED', records: given({ windows: [busy, { windowId: 'w2' }] }), to: { windowId: 'w2' }, code: 'WINDOW_CLOSED' },
    { name: 'to its own window → TRANSFER_TO_SELF (not WINDOW_CLOSED)', records: given(), to: { windowId: 'w1' }, code: 'TRANSFER_TO_SELF' },
    { name: 'to its own service → TRANSFER_TO_SELF', records: given(), to: { serviceId: 'company' }, code: 'TRANSFER_TO_SELF' },
    { name: 'nobody at the window → NO_CURRENT_TICKET', records: { tickets: [current], windows: [signedIn('w1', 'c1')] }, to: { serviceId: 'trader' }, code: 'NO_CURRENT_TICKET' },
    { name: 'by a clerk signed in at another window → WRONG_WINDOW', records: given({ windows: [busy, signedIn('w2', 'c2')] }), by: 'c2', to: { serviceId: 'trader' }, code: 'WRONG_WINDOW' },
  ])('$name', ({ records, by = 'c1', to, code }) => {
    const d = makeDraft(records);
    expectRefused(d, () => transfer(d, 'w1', staff(by), to), code);
  });

  it.each<{ name: string; to: { serviceId: string } | { windowId: string }; ticket: Partial<Ticket> }>([
    { name: 'to a staffed window, even paused', to: { windowId: 'w2' }, ticket: { targetWindowId: 'w2' } },
    { name: 'to another service', to: { serviceId: 'household' }, ticket: { serviceId: 'household' } },
  ])('$name: waiting again, the window freed, the pad asks for a rating', ({ to, ticket }) => {
    const d = makeDraft(given({ windows: [busy, signedIn('w2', 'c2', { pause: { reason: 'break', since: min(10) } })] }));
    const t = transfer(d, 'w1', staff('c1'), to);
    expect(t).toMatchObject({ status: 'waiting', enqueuedAt: NOW, ...ticket });
    expect(t.visits[0]).toMatchObject({ end: 'transferred', endedAt: NOW });
    expect(changeList(d)).toEqual([`~tickets ${current.id}`, '~windows w1']);
    expect(d.changes[0]).toMatchObject({ patch: { set: { status: 'waiting', enqueuedAt: NOW, 'visits.0.endedAt': NOW, 'visits.0.end': 'transferred', ...ticket } } });
    expect(Object.keys((d.changes[0] as { patch: { set: object } }).patch.set).sort()).toEqual(['enqueuedAt', 'status', 'visits.0.end', 'visits.0.endedAt', ...Object.keys(ticket)].sort());
    expect(d.changes[1]).toEqual({ c: 'windows', id: 'w1', v: signedIn('w1', 'c1'), patch: { unset: ['currentTicketId'] } });
    expect(d.events.map((e) => e.type)).toEqual(['ticket', 'window', 'rating-request']);
    expect(d.events[2]).toEqual({
      type: 'rating-request',
      request: { windowId: 'w1', visitId: 'v-1', number: 'A001', outcome: 'transferred', staff: { name: '员工1', staffNo: '1001' }, at: NOW },
    });
  });
});

describe('finish and noShow', () => {
  const current = calledTicket({ seq: 1 }, { startedAt: min(2) });
  const records: Records = { tickets: [current], windows: [signedIn('w1', 'c1', { currentTicketId: current.id })] };

  it.each<{ note: string | undefined }>([{ note: '材料齐全，5个工作日内办结' }, { note: undefined }])('accepted (note $note) opens a case for the department', ({ note }) => {
    const d = makeDraft(records);
    const t = finish(d, 'w1', staff('c1'), 'accepted', note);
    expect(t.status).toBe('done');
    expect(changeList(d)).toEqual([`~tickets ${current.id}`, '~windows w1', `+cases ${current.id}`]);
    expect(d.changes[2].v).toEqual({
      ticketId: current.id,
      visitId: 'v-1',
      number: 'A001',
      serviceId: 'company',
      departmentId: 'scjg',
      windowId: 'w1',
      businessDate: '2026-11-26',
      acceptedAt: NOW,
      acceptedBy: 'c1',
      ...(note ? { note } : {}),
    });
    expect(d.events.map((e) => e.type)).toEqual(['ticket', 'window', 'rating-request']);
  });

  it.each<Outcome>(['completed', 'consulted', 'rejected'])('%s opens no case', (outcome) => {
    const d = makeDraft(records);
    finish(d, 'w1', staff('c1'), outcome);
    expect(changeList(d)).toEqual([`~tickets ${current.id}`, '~windows w1']);
    expect(d.events.at(-1)).toMatchObject({ type: 'rating-request', request: { outcome } });
  });

  it('a no-show frees the window and asks for no rating', () => {
    const d = makeDraft({ tickets: [calledTicket()], windows: [signedIn('w1', 'c1', { currentTicketId: calledTicket().id })] });
    expect(noShow(d, 'w1', staff('c1')).status).toBe('no_show');
    expect(d.events.map((e) => e.type)).toEqual(['ticket', 'window']);
  });

  it.each([
    { sinceCall: 29_999, refused: true },
    { sinceCall: 30_000, refused: false },
  ])('a no-show $sinceCall ms after the first call: refused $refused (the citizen needs time to walk over)', ({ sinceCall, refused }) => {
    const t = calledTicket({}, { calledAt: NOW - sinceCall, callCount: 2 });
    const d = makeDraft({ tickets: [t], windows: [signedIn('w1', 'c1', { currentTicketId: t.id })] });
    if (refused) expectRefused(d, () => noShow(d, 'w1', staff('c1')), 'TOO_SOON_FOR_NO_SHOW');
    else expect(noShow(d, 'w1', staff('c1')).status).toBe('no_show');
  });

  it('finish at a window with nothing current → NO_CURRENT_TICKET', () => {
    const d = makeDraft({ windows: [signedIn('w1', 'c1')] });
    expectRefused(d, () => finish(d, 'w1', staff('c1'), 'accepted'), 'NO_CURRENT_TICKET');
  });
});
