import type { StaffDayStats, WindowSnapshot } from '../../shared/events.ts';
import type { HallModel } from '../../shared/hall-model.ts';
import { isServed } from '../../shared/ticket-machine.ts';
import { currentTicketView, windowView } from '../../shared/views.ts';
import type { HallEngine } from './engine.ts';

/** The full state of one window, for its clerk's terminal and its window screen. */
export function windowSnapshot(engine: HallEngine, windowId: string): WindowSnapshot {
  const model = engine.model;
  const cfg = model.windowConfig(windowId)!;
  const state = model.data.windows[windowId];
  const current = state?.currentTicketId ? model.data.tickets[state.currentTicketId] : undefined;
  const currentView = current ? currentTicketView(current) : undefined;
  const ratingRequest = engine.openRatingRequest(windowId);
  const transferredHere = [...model.callCandidates(windowId)].filter((t) => t.targetWindowId === windowId).length;
  return {
    window: windowView(model, windowId),
    ...(currentView ? { current: currentView } : {}),
    queue: cfg.serviceIds.map((serviceId) => {
      const waiting = model.waitingForService(serviceId);
      const oldest = waiting.reduce<number | undefined>((min, t) => (min === undefined || t.enqueuedAt < min ? t.enqueuedAt : min), undefined);
      return { serviceId, waiting: waiting.length, ...(oldest !== undefined ? { oldestEnqueuedAt: oldest } : {}) };
    }),
    transferredHere,
    ...(ratingRequest ? { ratingRequest } : {}),
    ...(state?.staffId ? { staffToday: staffDayStats(model, state.staffId) } : {}),
  };
}

export function staffDayStats(model: HallModel, staffId: string): StaffDayStats {
  const stats: StaffDayStats = { calls: 0, byEnd: {}, served: 0 };
  let serviceMs = 0;
  for (const t of Object.values(model.data.tickets)) {
    for (const v of t.visits) {
      if (v.staffId !== staffId) continue;
      stats.calls++;
      if (!v.end) continue;
      stats.byEnd[v.end] = (stats.byEnd[v.end] ?? 0) + 1;
      if (isServed(v.end)) {
        stats.served++;
        serviceMs += v.endedAt! - (v.startedAt ?? v.calledAt);
      }
    }
  }
  if (stats.served > 0) stats.averageServiceSeconds = Math.round(serviceMs / stats.served / 1000);
  return stats;
}
