import type { WindowSnapshot } from '../../shared/events.ts';
import type { Outcome } from '../../shared/types.ts';
import { type CurrentTicketView, currentTicketView, type StaffTicketView, type WindowView } from '../../shared/views.ts';

/** What the window is doing, which decides the actions a clerk is offered. */
export type DeskMode = 'idle' | 'called' | 'serving' | 'paused';

export type Action = 'callNext' | 'callNumber' | 'pause' | 'resume' | 'signOut' | 'recall' | 'start' | 'noShow' | 'transfer' | `finish:${Outcome}`;

export const FINISH_OUTCOMES: readonly Outcome[] = ['completed', 'accepted', 'consulted', 'rejected'];

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

const finishes = FINISH_OUTCOMES.map((o) => `finish:${o}` as const);

/** Only the actions the server would accept now are offered (SPEC §4 transitions). */
export function legalActions(mode: DeskMode): Action[] {
  switch (mode) {
    case 'idle':
      return ['callNext', 'callNumber', 'pause', 'signOut'];
    case 'paused':
      return ['resume', 'signOut'];
    case 'called':
      return ['start', 'recall', 'noShow', ...finishes, 'transfer'];
    case 'serving':
      return [...finishes, 'transfer'];
  }
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
  const current = currentFrom(t, s.window.id);
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
