import type { StaffDayStats, TransferView, WindowScreenSnapshot, WindowSnapshot } from '../../shared/events.ts';
import type { HallModel } from '../../shared/hall-model.ts';
import { own } from '../../shared/records.ts';
import { maskPhone } from '../../shared/appointments.ts';
import type { Ticket } from '../../shared/types.ts';
import { type CurrentTicketView, currentTicketView, windowView } from '../../shared/views.ts';
import type { HallEngine } from './engine.ts';

/**
 * Who looks at a window: its clerk (and managers) see the clerk's figures of the day; the
 * window's public screen sees the window, its current number and its rating request only.
 */
export type WindowAudience = 'staff' | 'screen';

/** The full state of one window, or nothing when the configuration no longer has it. */
export function windowSnapshot(engine: HallEngine, windowId: string, audience: 'staff'): WindowSnapshot | undefined;
export function windowSnapshot(engine: HallEngine, windowId: string, audience: WindowAudience): WindowSnapshot | WindowScreenSnapshot | undefined;
export function windowSnapshot(engine: HallEngine, windowId: string, audience: WindowAudience): WindowSnapshot | WindowScreenSnapshot | undefined {
  const model = engine.model;
  const cfg = model.windowConfig(windowId);
  const window = windowView(model, windowId);
  if (!cfg || !window) return undefined;
  const state = own(model.data.windows, windowId);
  const current = state?.currentTicketId ? own(model.data.tickets, state.currentTicketId) : undefined;
  const staffView = current ? currentTicketView(current) : undefined;
  // The screen shows the number and the visit it may ask a rating for, never the ticket's id or booking.
  const currentView = staffView && audience === 'screen' ? (({ id: _id, ...rest }) => rest)(staffView) : staffView && current ? withBooking(model, staffView, current) : staffView;
  const ratingRequest = engine.openRatingRequest(windowId);
  const transferredHere = model.transferredTo(windowId);
  return {
    serverNow: engine.now(),
    window,
    ...(currentView ? { current: currentView } : {}),
    queue: cfg.serviceIds.map((serviceId) => {
      const waiting = model.waitingForService(serviceId);
      const oldest = waiting.reduce<number | undefined>((min, t) => (min === undefined || t.enqueuedAt < min ? t.enqueuedAt : min), undefined);
      return { serviceId, waiting: waiting.length, ...(oldest !== undefined ? { oldestEnqueuedAt: oldest } : {}) };
    }),
    transferredHere,
    ...(audience === 'staff' && transferredHere > 0 ? { transfers: transfersTo(model, windowId) } : {}),
    ...(ratingRequest ? { ratingRequest } : {}),
    ...(audience === 'staff' && state?.staffId ? { staffToday: staffDayStats(model, state.staffId) } : {}),
    ...(audience === 'staff' ? { noShowAfterSeconds: model.config.hall.noShowAfterSeconds } : {}),
  };
}

/** The clerk sees the booking a ticket was checked in for: its slot and the phone, masked. */
function withBooking(model: HallModel, view: CurrentTicketView, t: Ticket): CurrentTicketView {
  if (t.appointmentLate) return { ...view, appointment: { late: true } };
  const booking = t.appointment ? own(model.data.appointments, t.appointment.id) : undefined;
  if (!booking) return view;
  return { ...view, appointment: { start: booking.start, end: booking.end, ...(booking.person ? { phone: maskPhone(booking.person.phone) } : {}) } };
}

function transfersTo(model: HallModel, windowId: string): TransferView[] {
  return model.transfersTo(windowId).map((t) => {
    const from = t.visits[t.visits.length - 1];
    const fromWindow = from ? model.windowEver(from.windowId) : undefined;
    return { number: t.number, ...(fromWindow ? { fromWindowNumber: fromWindow.number } : {}), ...(from?.note ? { note: from.note } : {}), enqueuedAt: t.enqueuedAt };
  });
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
