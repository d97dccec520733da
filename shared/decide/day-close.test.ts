import { describe, expect, it } from 'vitest';
import type { Case, Review, StaffSession, Ticket, TicketStatus, WindowState } from '../types.ts';
import { closeDay } from './day-close.ts';
import { calledTicket, changeList, endedTicket, makeDraft, makeTicket, makeVisit, min, NOW, signedIn, T0 } from './fixture.ts';

const CLOSE = Date.parse('2026-11-27T00:00:05+08:00');

describe('closeDay: tickets', () => {
  it.each<{ name: string; ticket: Ticket; closed: boolean; visitEnd?: 'day_closed' }>([
    { name: 'waiting', ticket: makeTicket(), closed: true },
    { name: 'waiting after a transfer: its ended visit untouched', ticket: makeTicket({ visits: [makeVisit({ end: 'transferred', endedAt: min(5) })], targetWindowId: 'w2' }), closed: true },
    { name: 'called', ticket: calledTicket(), closed: true, visitEnd: 'day_closed' },
    { name: 'serving', ticket: calledTicket({ status: 'serving' }, { startedAt: min(2) }), closed: true, visitEnd: 'day_closed' },
    { name: 'done', ticket: endedTicket(), closed: false },
    { name: 'no-show', ticket: endedTicket({}, { end: 'no_show', startedAt: undefined }), closed: false },
    { name: 'cancelled by the citizen', ticket: makeTicket({ status: 'cancelled', cancelledAt: min(3), cancelReason: 'citizen' }), closed: false },
  ])('$name → closed: $closed', ({ ticket, closed, visitEnd }) => {
    const d = makeDraft({ tickets: [ticket] }, { now: CLOSE });
    closeDay(d);
    const after = d.model.data.tickets[ticket.id];
    if (!closed) {
      expect(after).toBe(ticket);
      expect(d.changes).toEqual([]);
      expect(d.events).toEqual([]);
      return;
    }
    expect(after).toMatchObject({ status: 'cancelled', cancelReason: 'day-closed', cancelledAt: CLOSE });
    if (visitEnd) expect(after.visits.at(-1)).toEqual({ ...ticket.visits.at(-1), end: visitEnd, endedAt: CLOSE });
    else expect(after.visits).toEqual(ticket.visits);
    expect(d.changes).toHaveLength(1);
    const c = d.changes[0];
    expect(c).toMatchObject({ c: 'tickets', id: ticket.id, v: after });
    // Only what the close changed: status, when and why, and the open visit's end.
    const set = { status: 'cancelled', cancelledAt: CLOSE, cancelReason: 'day-closed', ...(visitEnd ? { [`visits.${ticket.visits.length - 1}.endedAt`]: CLOSE, [`visits.${ticket.visits.length - 1}.end`]: visitEnd } : {}) };
    expect('patch' in c && c.patch).toEqual({ set });
    expect(d.events).toEqual([{ type: 'ticket', before: ticket, after }]);
  });

  it('a whole day: only the open tickets change, each once', () => {
    const statuses: TicketStatus[] = ['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled', 'waiting'];
    const tickets = statuses.map((status, i) => {
      const seq = i + 1;
      if (status === 'waiting') return makeTicket({ seq });
      if (status === 'called') return calledTicket({ seq }, { id: `v-${seq}` });
      if (status === 'serving') return calledTicket({ seq, status }, { id: `v-${seq}`, startedAt: min(2) });
      if (status === 'cancelled') return makeTicket({ seq, status, cancelledAt: min(1), cancelReason: 'citizen' });
      return endedTicket({ seq }, { id: `v-${seq}`, ...(status === 'no_show' ? { end: 'no_show' } : {}) });
    });
    const d = makeDraft({ tickets }, { now: CLOSE });
    closeDay(d);
    expect(changeList(d)).toEqual(['~tickets 20261126-a001', '~tickets 20261126-a002', '~tickets 20261126-a003', '~tickets 20261126-a007']);
    expect(Object.values(d.model.data.tickets).map((t) => t.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'done', 'no_show', 'cancelled', 'cancelled']);
    expect(d.model.data.tickets['20261126-a006'].cancelReason).toBe('citizen');
  });
});

describe('closeDay: windows and sessions', () => {
  const tickets = [calledTicket({ seq: 1 }), makeTicket({ seq: 2 })];
  const windows: WindowState[] = [
    signedIn('w1', 'c1', { currentTicketId: tickets[0].id }),
    signedIn('w2', 'c2', { pause: { reason: 'break', since: min(30) } }),
    signedIn('w3', 'c3'),
    // Signed in at a window the config has since dropped: still signed out.
    signedIn('w9', 'c5'),
    // A window record with nobody signed in.
    { windowId: 'w4' },
  ];
  const session = (tokenHash: string, expiresAt: number): StaffSession => ({ tokenHash, staffId: 'c1', createdAt: T0, expiresAt });
  const sessions = [session('expired', CLOSE - 1), session('expires-now', CLOSE), session('live', CLOSE + 1)];

  it('every window is removed, no sign-out written; the clerks signed in are returned', () => {
    const d = makeDraft({ tickets, windows }, { now: CLOSE });
    const out = closeDay(d);
    expect(out).toEqual(new Set(['c1', 'c2', 'c3', 'c5']));
    expect(d.model.data.windows).toEqual({});
    const windowChanges = d.changes.filter((c) => c.c === 'windows');
    expect(windowChanges).toEqual(['w1', 'w2', 'w3', 'w9', 'w4'].map((id) => ({ c: 'windows', id, v: null })));
    // A missing sign-out stays missing for attendance.
    expect(d.changes.filter((c) => c.c === 'attendance')).toEqual([]);
    expect(d.events.filter((e) => e.type !== 'ticket')).toEqual([]);
  });

  it('tickets first, then windows, then sessions', () => {
    const d = makeDraft({ tickets, windows: windows.slice(0, 2), sessions }, { now: CLOSE });
    closeDay(d);
    expect(changeList(d)).toEqual(['~tickets 20261126-a001', '~tickets 20261126-a002', '-windows w1', '-windows w2', '-sessions expired', '-sessions expires-now']);
  });

  it.each<{ name: string; sessions: StaffSession[]; left: string[] }>([
    { name: 'expired before, at or after the close', sessions, left: ['live'] },
    { name: 'none expired', sessions: [session('live', CLOSE + 1)], left: ['live'] },
    { name: 'no sessions', sessions: [], left: [] },
  ])('only expired sessions go: $name', ({ sessions: given, left }) => {
    const d = makeDraft({ sessions: given }, { now: CLOSE });
    closeDay(d);
    expect(Object.keys(d.model.data.sessions)).toEqual(left);
    expect(d.changes.every((c) => c.c === 'sessions' && c.v === null)).toBe(true);
  });

  it('cross-day records stay: pending cases, reviews, printer faults, counters', () => {
    const pending: Case = { ticketId: 'x', visitId: 'v', number: 'A001', serviceId: 'company', departmentId: 'scjg', windowId: 'w1', businessDate: '2026-11-26', acceptedAt: min(3), acceptedBy: 'c1' };
    const review: Review = {
      id: 'rv-1',
      ticketId: 'x',
      visitId: 'v',
      number: 'A001',
      businessDate: '2026-11-26',
      departmentId: 'scjg',
      serviceId: 'company',
      windowId: 'w1',
      staffId: 'c1',
      score: 1,
      reason: 'r',
      createdAt: min(4),
      dueDate: '2026-12-03',
      status: 'open',
    };
    const d = makeDraft({ cases: [pending], reviews: [review], printerFaults: [{ id: 'pf-0', deviceId: 'kiosk-1', message: 'm', at: min(1) }], counters: { A: 7 } }, { now: CLOSE });
    expect(closeDay(d)).toEqual(new Set());
    expect(d.changes).toEqual([]);
    expect(d.events).toEqual([]);
  });

  it('an empty hall: nothing to do, nobody signed out', () => {
    const d = makeDraft({}, { now: NOW });
    expect(closeDay(d)).toEqual(new Set());
    expect(d.changes).toEqual([]);
  });
});
