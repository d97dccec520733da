import type { DeviceConfig, StaffConfig } from '../config-schema.ts';
import { fail } from '../errors.ts';
import { nextSequence } from '../numbering.ts';
import { own } from '../records.ts';
import { applyTicketCommand, currentVisit, isServed, issueTicket, type TicketCommand, type TransferTarget } from '../ticket-machine.ts';
import { isTicketingOpen } from '../time.ts';
import type { Outcome, Ticket, WindowState } from '../types.ts';
import type { Draft } from './draft.ts';
import { noteAppointmentCall } from './appointments.ts';
import { ratingRequest } from './ratings.ts';
import { actingWindow, readyToCall, serves } from './windows.ts';

/**
 * Tickets through their day: issued at a kiosk, called to a window, served, ended. The
 * ticket's own states are `ticket-machine.ts`; this adds what a command needs around it —
 * the hall's hours and caps, the window it is at, the case a 受理 opens.
 */

/** A retried request (same kiosk, same requestId) gets its ticket back: never a second number for one tap. */
export function issue(
  d: Draft,
  device: DeviceConfig,
  input: { serviceId: string; priority?: boolean; requestId?: string; appointment?: Ticket['appointment']; appointmentLate?: boolean },
): Ticket {
  const m = d.model;
  const earlier = input.requestId ? m.ticketByRequest(device.id, input.requestId) : undefined;
  if (earlier) return earlier;
  const service = m.service(input.serviceId) ?? fail('UNKNOWN_SERVICE', undefined, 'serviceId');
  if (!isTicketingOpen(m.config.hall, d.now)) fail('HALL_CLOSED');
  // A booked place is kept whatever the day's cap.
  const booked = input.appointment !== undefined || input.appointmentLate === true;
  if (!booked && service.dailyCap !== undefined && m.issuedCount(service.id) >= service.dailyCap) fail('DAILY_CAP_REACHED');
  const date = m.data.meta.businessDate!;
  const seq = nextSequence(m.data.counters, service.prefix);
  const id = d.ids.ticketId(date);
  const ticket = issueTicket({
    id,
    token: d.ids.ticketToken(id),
    prefix: service.prefix,
    seq,
    businessDate: date,
    serviceId: service.id,
    priority: input.priority === true,
    kioskId: device.id,
    ...(input.requestId ? { requestId: input.requestId } : {}),
    now: d.now,
  });
  if (input.appointment) ticket.appointment = input.appointment;
  if (input.appointmentLate) ticket.appointmentLate = true;
  d.put('counters', service.prefix, seq);
  d.putTicket(undefined, ticket);
  return ticket;
}

/** Move a ticket through its state machine, announcing calls. */
export function transition(d: Draft, t: Ticket, cmd: TicketCommand): Ticket {
  const r = applyTicketCommand(t, cmd, d.now);
  if (!r.ok) fail(r.code);
  d.putTicket(t, r.ticket);
  for (const e of r.events) {
    if (e.type === 'called' || e.type === 'recalled') d.emit({ type: 'call', call: d.model.recentCalls.find((c) => c.visitId === e.visit.id)! });
  }
  return r.ticket;
}

export function cancel(d: Draft, ticketId: string): Ticket {
  const t = own(d.model.data.tickets, ticketId) ?? fail('TICKET_NOT_FOUND');
  return transition(d, t, { type: 'cancel' });
}

function callTo(d: Draft, w: WindowState, t: Ticket, staff: StaffConfig): Ticket {
  if (t.firstCalledAt === undefined) noteAppointmentCall(d, t);
  const called = transition(d, t, { type: 'call', visitId: d.ids.id('v'), windowId: w.windowId, staffId: staff.id, departmentId: d.model.departmentOf(t.serviceId) });
  d.put('windows', w.windowId, { ...w, currentTicketId: t.id });
  d.emit({ type: 'window', windowId: w.windowId });
  return called;
}

export function callNext(d: Draft, windowId: string, staff: StaffConfig): Ticket | null {
  const w = readyToCall(d, windowId, staff);
  const next = d.model.nextFor(windowId, d.now);
  return next ? callTo(d, w, next, staff) : null;
}

/** Call a specific number; a no-show of today is put back in the queue and called at once. */
export function callNumber(d: Draft, windowId: string, staff: StaffConfig, number: string): Ticket {
  const w = readyToCall(d, windowId, staff);
  let t = d.model.ticketByNumber(number) ?? fail('TICKET_NOT_FOUND', `今天没有 ${number} 号`, 'number');
  // Every refusal before the first change: a refused command must leave nothing behind.
  if (t.status !== 'waiting' && t.status !== 'no_show') fail('INVALID_STATE', `${number} 号当前不在等候中`);
  if (!serves(d.model, windowId, t)) fail('NOT_FOR_THIS_WINDOW');
  if (t.status === 'no_show') t = transition(d, t, { type: 'requeue', businessDate: d.model.data.meta.businessDate! });
  return callTo(d, w, t, staff);
}

/** Put a no-show of today back at the end of its queue. */
export function requeue(d: Draft, windowId: string, staff: StaffConfig, number: string): Ticket {
  actingWindow(d, windowId, staff);
  const t = d.model.ticketByNumber(number) ?? fail('TICKET_NOT_FOUND', `今天没有 ${number} 号`, 'number');
  if (!serves(d.model, windowId, t)) fail('NOT_FOR_THIS_WINDOW');
  return transition(d, t, { type: 'requeue', businessDate: d.model.data.meta.businessDate! });
}

function currentAt(d: Draft, windowId: string, staff: StaffConfig): { w: WindowState; t: Ticket } {
  const w = actingWindow(d, windowId, staff);
  const t = w.currentTicketId ? own(d.model.data.tickets, w.currentTicketId) : undefined;
  if (!t) fail('NO_CURRENT_TICKET');
  return { w, t };
}

export function recall(d: Draft, windowId: string, staff: StaffConfig): Ticket {
  const { t } = currentAt(d, windowId, staff);
  const next = transition(d, t, { type: 'recall' });
  d.emit({ type: 'window', windowId });
  return next;
}

export function start(d: Draft, windowId: string, staff: StaffConfig): Ticket {
  const { t } = currentAt(d, windowId, staff);
  const next = transition(d, t, { type: 'start' });
  d.emit({ type: 'window', windowId });
  return next;
}

/** End the current visit: the ticket leaves the window, and the pad asks for a rating when it was served. */
function endCurrent(d: Draft, windowId: string, staff: StaffConfig, cmd: TicketCommand): Ticket {
  const { w, t } = currentAt(d, windowId, staff);
  const ending = currentVisit(t)!;
  const next = transition(d, t, cmd);
  const { currentTicketId: _done, ...rest } = w;
  d.put('windows', windowId, rest);
  d.emit({ type: 'window', windowId });
  const ended = next.visits.find((v) => v.id === ending.id)!;
  if (isServed(ended.end)) d.emit({ type: 'rating-request', request: ratingRequest(d.model, next, ended) });
  return next;
}

/** Finish the current visit; a 受理 opens a case for the department to complete (办结). */
export function finish(d: Draft, windowId: string, staff: StaffConfig, outcome: Outcome, note?: string): Ticket {
  const next = endCurrent(d, windowId, staff, { type: 'finish', outcome, ...(note ? { note } : {}) });
  if (outcome === 'accepted') {
    const visit = next.visits[next.visits.length - 1];
    d.put('cases', next.id, {
      ticketId: next.id,
      visitId: visit.id,
      number: next.number,
      serviceId: visit.serviceId,
      departmentId: visit.departmentId,
      windowId,
      businessDate: next.businessDate,
      acceptedAt: d.now,
      acceptedBy: staff.id,
      ...(note ? { note } : {}),
    });
  }
  return next;
}

/** 过号 only once the citizen has had time to walk over since the first call (`hall.noShowAfterSeconds`). */
export function noShow(d: Draft, windowId: string, staff: StaffConfig): Ticket {
  const { t } = currentAt(d, windowId, staff);
  const calledAt = currentVisit(t)?.calledAt;
  if (t.status === 'called' && calledAt !== undefined && d.now - calledAt < d.model.config.hall.noShowAfterSeconds * 1000) fail('TOO_SOON_FOR_NO_SHOW');
  return endCurrent(d, windowId, staff, { type: 'no-show' });
}

/** Hand the ticket on; the note tells the receiving window why (it ends the visit here). */
export function transfer(d: Draft, windowId: string, staff: StaffConfig, to: TransferTarget, note?: string): Ticket {
  const m = d.model;
  currentAt(d, windowId, staff); // who acts, before where to: a clerk signed out is told so
  if ('serviceId' in to && !m.service(to.serviceId)) fail('UNKNOWN_SERVICE', undefined, 'serviceId');
  if ('windowId' in to && !m.windowConfig(to.windowId)) fail('UNKNOWN_WINDOW', undefined, 'windowId');
  // A ticket sent to a window nobody staffs would wait for nobody, and show in no queue.
  if ('windowId' in to && to.windowId !== windowId && !own(m.data.windows, to.windowId)?.staffId) fail('WINDOW_CLOSED', undefined, 'windowId');
  return endCurrent(d, windowId, staff, { type: 'transfer', to, ...(note ? { note } : {}) });
}
