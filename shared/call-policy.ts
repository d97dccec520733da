import type { Ticket } from './types.ts';

/**
 * Who is called next at a window (SPEC §4): first tickets transferred to that window,
 * then priority tickets, then the rest; within each class the earliest `enqueuedAt`,
 * across all the window's services.
 */

export interface CallableWindow {
  id: string;
  serviceIds: readonly string[];
}

/** 0 = transferred to this window, 1 = priority, 2 = normal. */
export function callClass(ticket: Ticket, windowId: string): number {
  if (ticket.targetWindowId === windowId) return 0;
  return ticket.priority ? 1 : 2;
}

export function isCallableAt(ticket: Ticket, window: CallableWindow): boolean {
  if (ticket.status !== 'waiting') return false;
  if (ticket.targetWindowId !== undefined) return ticket.targetWindowId === window.id;
  return window.serviceIds.includes(ticket.serviceId);
}

/** Negative when `a` is called before `b` at `windowId`. The sequence breaks ties for a stable order. */
export function compareForCall(a: Ticket, b: Ticket, windowId: string): number {
  return callClass(a, windowId) - callClass(b, windowId) || a.enqueuedAt - b.enqueuedAt || a.issuedAt - b.issuedAt || a.seq - b.seq || (a.id < b.id ? -1 : 1);
}

export function pickNext(candidates: Iterable<Ticket>, window: CallableWindow): Ticket | undefined {
  let best: Ticket | undefined;
  for (const t of candidates) {
    if (!isCallableAt(t, window)) continue;
    if (!best || compareForCall(t, best, window.id) < 0) best = t;
  }
  return best;
}

/**
 * Tickets ahead of `ticket` in its own queue: those of the same service (or the same target
 * window) that any window serving it would call first.
 */
export function countAhead(ticket: Ticket, waiting: Iterable<Ticket>): number {
  if (ticket.status !== 'waiting') return 0;
  // Within one queue every window orders alike; a targeted queue is all class 0.
  const queueWindow = ticket.targetWindowId ?? '';
  let n = 0;
  for (const t of waiting) {
    if (t.id === ticket.id || t.status !== 'waiting') continue;
    const sameQueue = ticket.targetWindowId ? t.targetWindowId === ticket.targetWindowId : !t.targetWindowId && t.serviceId === ticket.serviceId;
    if (sameQueue && compareForCall(t, ticket, queueWindow) < 0) n++;
  }
  return n;
}
