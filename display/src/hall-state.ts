import type { CallView, HallView, QueueCount, WindowView } from '../../shared/views.ts';

/** The server keeps this many recent calls; the screen keeps as many. */
const RECENT_CALLS = 12;

/**
 * Deltas applied to the hall snapshot. A display set up for one zone gets a filtered
 * snapshot, so anything about a window or service it does not show is ignored.
 */
export function applyCounts(hall: HallView, counts: QueueCount[]): HallView {
  const byService = new Map(counts.map((c) => [c.serviceId, c]));
  if (!hall.services.some((s) => byService.has(s.id))) return hall;
  return {
    ...hall,
    services: hall.services.map((s) => {
      const count = byService.get(s.id);
      if (!count) return s;
      // A count without `closedReason` means the service reopened: drop the old reason.
      const { closedReason: _old, ...rest } = s;
      return { ...rest, ...count };
    }),
  };
}

export function applyWindow(hall: HallView, window: WindowView): HallView {
  if (!hall.windows.some((w) => w.id === window.id)) return hall;
  return { ...hall, windows: hall.windows.map((w) => (w.id === window.id ? window : w)) };
}

export function showsCall(hall: HallView, call: CallView): boolean {
  return hall.windows.some((w) => w.id === call.windowId);
}

/** The newest call first; a recall replaces the earlier call of the same visit. */
export function applyCall(hall: HallView, call: CallView): HallView {
  if (!showsCall(hall, call)) return hall;
  return { ...hall, recentCalls: [call, ...hall.recentCalls.filter((c) => c.visitId !== call.visitId)].slice(0, RECENT_CALLS) };
}
