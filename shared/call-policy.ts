import type { Ticket } from './types.ts';

/**
 * Who is called next at a window (SPEC §4, §11): first tickets transferred to that window,
 * then checked-in bookings whose slot has begun (earliest slot first), then priority
 * tickets, then the rest; within each class the earliest `enqueuedAt`, across all the
 * window's services. A booking checked in before its slot waits with the rest until it begins.
 */

export interface CallableWindow {
  id: string;
  serviceIds: readonly string[];
}

/** 0 = transferred to this window, 1 = a booking whose slot has begun, 2 = priority, 3 = normal. */
export function callClass(ticket: Ticket, windowId: string, now: number): number {
  if (ticket.targetWindowId === windowId) return 0;
  if (ticket.appointment && now >= ticket.appointment.start) return 1;
  return ticket.priority ? 2 : 3;
}

export function isCallableAt(ticket: Ticket, window: CallableWindow): boolean {
  if (ticket.status !== 'waiting') return false;
  if (ticket.targetWindowId !== undefined) return ticket.targetWindowId === window.id;
  return window.serviceIds.includes(ticket.serviceId);
}

/** Negative when `a` is called before `b` at `windowId`. The sequence breaks ties for a stable order. */
export function compareForCall(a: Ticket, b: Ticket, windowId: string, now: number): number {
  const ca = callClass(a, windowId, now);
  const byClass = ca - callClass(b, windowId, now);
  if (byClass !== 0) return byClass;
  const bySlot = ca === 1 ? a.appointment!.start - b.appointment!.start : 0;
  return bySlot || a.enqueuedAt - b.enqueuedAt || a.issuedAt - b.issuedAt || a.seq - b.seq || (a.id < b.id ? -1 : 1);
}

export function pickNext(candidates: Iterable<Ticket>, window: CallableWindow, now: number): Ticket | undefined {
  let best: Ticket | undefined;
  for (const t of candidates) {
    if (!isCallableAt(t, window)) continue;
    if (!best || compareForCall(t, best, window.id, now) < 0) best = t;
  }
  return best;
}

/**
 * Tickets ahead of `ticket` in its own queue: those of the same service (or the same target
 * window) that any window serving it would call first.
 */
export function countAhead(ticket: Ticket, waiting: Iterable<Ticket>, now: number): number {
  if (ticket.status !== 'waiting') return 0;
  // Within one queue every window orders alike; a targeted queue is all class 0.
  const queueWindow = ticket.targetWindowId ?? '';
  let n = 0;
  for (const t of waiting) {
    if (t.id === ticket.id || t.status !== 'waiting') continue;
    const sameQueue = ticket.targetWindowId ? t.targetWindowId === ticket.targetWindowId : !t.targetWindowId && t.serviceId === ticket.serviceId;
    if (sameQueue && compareForCall(t, ticket, queueWindow, now) < 0) n++;
  }
  return n;
}
