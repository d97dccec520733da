import type { StaffDayStats, WindowSnapshot } from '../../shared/events.ts';
import type { HallModel } from '../../shared/hall-model.ts';
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
  const transferredHere = model.transferredTo(windowId);
  return {
    serverNow: engine.now(),
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
  const day = model.staffDay(staffId);
  return {
    calls: day.calls,
    byEnd: { ...day.byEnd },
    served: day.served,
    ...(day.served > 0 ? { averageServiceSeconds: Math.round(day.serviceMs / day.served / 1000) } : {}),
  };
}
