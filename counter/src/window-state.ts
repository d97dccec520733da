import type { WindowSnapshot } from '../../shared/events.ts';
import { ALLOWED_FROM, type TicketCommand } from '../../shared/ticket-machine.ts';
import { type Outcome, OUTCOMES } from '../../shared/types.ts';
import { type CurrentTicketView, currentTicketView, type StaffTicketView, type WindowView } from '../../shared/views.ts';
import { type WindowCommand, windowRefusal } from '../../shared/window-rules.ts';

/** What the window is doing, which decides the actions a clerk is offered. */
export type DeskMode = 'idle' | 'called' | 'serving' | 'paused';

export type Action = 'callNext' | 'callNumber' | 'pause' | 'resume' | 'signOut' | 'recall' | 'start' | 'noShow' | 'transfer' | `finish:${Outcome}`;

/** The outcomes a visit is finished with, in the order of their keys 1–4. */
export const FINISH_OUTCOMES: readonly Outcome[] = OUTCOMES;

/** The one key for each action; finish outcomes are 1–4 in the order above. */
export const SHORTCUTS: Record<Action, string> = {
  callNext: 'N',
  callNumber: 'G',
  pause: 'P',
  resume: 'P',
  signOut: 'Q',
  recall: 'R',
  start: 'S',
  noShow: 'X',
  transfer: 'T',
  'finish:completed': '1',
  'finish:accepted': '2',
  'finish:consulted': '3',
  'finish:rejected': '4',
};

export function deskMode(s: WindowSnapshot): DeskMode {
  if (s.current) return s.current.status;
  return s.window.status === 'paused' ? 'paused' : 'idle';
}

/**
 * What each action asks of the server: a command on the window's current ticket (the
 * ticket machine says from which statuses), or one of the window's own (the window rules).
 * In the order the buttons are shown.
 */
const ASKS: Record<Action, { ticket: TicketCommand['type'] } | { window: WindowCommand }> = {
  callNext: { window: 'call' },
  callNumber: { window: 'call' },
  pause: { window: 'pause' },
  resume: { window: 'resume' },
  start: { ticket: 'start' },
  recall: { ticket: 'recall' },
  noShow: { ticket: 'no-show' },
  'finish:completed': { ticket: 'finish' },
  'finish:accepted': { ticket: 'finish' },
  'finish:consulted': { ticket: 'finish' },
  'finish:rejected': { ticket: 'finish' },
  transfer: { ticket: 'transfer' },
  signOut: { window: 'sign-out' },
};

/**
 * Only the actions the server would accept now are offered: what shared/ticket-machine.ts
 * allows from the current ticket's status, and what shared/window-rules.ts allows the window.
 */
export function legalActions(mode: DeskMode): Action[] {
  const current = mode === 'called' || mode === 'serving' ? mode : undefined;
  const here = { paused: mode === 'paused', busy: current !== undefined };
  return (Object.keys(ASKS) as Action[]).filter((action) => {
    const asks = ASKS[action];
    return 'ticket' in asks ? current !== undefined && ALLOWED_FROM[asks.ticket].includes(current) : windowRefusal(asks.window, here) === undefined;
  });
}

/** The window's current ticket as the server's answer to an action leaves it. */
export function currentFrom(t: StaffTicketView, windowId: string): CurrentTicketView | undefined {
  return t.visits[t.visits.length - 1]?.windowId === windowId ? currentTicketView(t) : undefined;
}

/**
 * Applies an action's answer at once, so the screen never offers the old buttons in the
 * moment before the next snapshot; the snapshot that follows stays the truth.
 */
export function withTicket(s: WindowSnapshot, t: StaffTicketView | null): WindowSnapshot {
  if (!t) return s;
  const fresh = currentFrom(t, s.window.id);
  // The socket's snapshot may have come first and told more (the booking): keep what the answer does not say.
  const current = fresh && s.current?.id === fresh.id ? { ...s.current, ...fresh } : fresh;
  const { current: _old, ...rest } = s;
  const { currentNumber: _n, currentStatus: _s, ...window } = s.window;
  return current
    ? { ...rest, current, window: { ...window, currentNumber: current.number, currentStatus: current.status } }
    : s.current?.id === t.id
      ? { ...rest, window }
      : s;
}

export function withWindow(s: WindowSnapshot, w: WindowView): WindowSnapshot {
  return w.id === s.window.id ? { ...s, window: w } : s;
}
