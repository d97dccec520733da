import type { CallView, HallChanges, HallView, QueueCount, WindowView } from '../views.ts';
import type { HallSocket } from './use-socket.ts';

/**
 * A screen's picture of the hall: the last `hall:snapshot` with the deltas since applied,
 * the same way on every screen. A screen set up for one zone gets a filtered snapshot, so
 * a delta about a window or service it does not show is ignored (and the hall returned
 * unchanged, so nothing renders again).
 */

/** The server keeps this many recent calls (shared/hall-model.ts); a screen keeps as many. */
export const RECENT_CALLS = 12;

export function applyCounts(hall: HallView, counts: readonly QueueCount[]): HallView {
  const byService = new Map(counts.map((c) => [c.serviceId, c]));
  if (!hall.services.some((s) => byService.has(s.id))) return hall;
  return {
    ...hall,
    services: hall.services.map((s) => {
      const count = byService.get(s.id);
      if (!count) return s;
      // A count without `closedReason` means the service reopened: the old reason goes.
      const { closedReason: _old, ...rest } = s;
      return { ...rest, ...count };
    }),
  };
}

export function applyWindow(hall: HallView, window: WindowView): HallView {
  if (!hall.windows.some((w) => w.id === window.id)) return hall;
  return { ...hall, windows: hall.windows.map((w) => (w.id === window.id ? window : w)) };
}

/** Whether the call is to a window this screen shows. */
export function showsCall(hall: HallView, call: CallView): boolean {
  return hall.windows.some((w) => w.id === call.windowId);
}

/** The newest call first; a recall replaces the earlier call of the same visit. */
export function applyCall(hall: HallView, call: CallView): HallView {
  if (!showsCall(hall, call)) return hall;
  return { ...hall, recentCalls: [call, ...hall.recentCalls.filter((c) => c.visitId !== call.visitId)].slice(0, RECENT_CALLS) };
}

/** A `hall:changes` message's window states and waiting counts (its calls are for `onCall`). */
export function applyChanges(hall: HallView, changes: HallChanges): HallView {
  let h = changes.counts.length > 0 ? applyCounts(hall, changes.counts) : hall;
  for (const w of changes.windows) h = applyWindow(h, w);
  return h;
}

/**
 * Keeps a screen's hall current between snapshots: the waiting counts and window states
 * the socket brings go through `setHall`. Calls go to `onCall`, in order, for the screens
 * that show and announce them (display/src/components/HallScreen.tsx).
 */
export function followHall(socket: HallSocket, setHall: (update: (hall: HallView | undefined) => HallView | undefined) => void, onCall?: (call: CallView) => void): void {
  socket.on('hall:changes', (changes) => {
    if (changes.counts.length > 0 || changes.windows.length > 0) setHall((h) => h && applyChanges(h, changes));
    if (onCall) for (const call of changes.calls) onCall(call);
  });
}
