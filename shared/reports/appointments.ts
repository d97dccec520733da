import { isNoShow } from '../appointments.ts';
import type { HallConfig } from '../config-schema.ts';
import type { Appointment } from '../types.ts';
import { type Distribution, distribution } from './stats.ts';
import type { Period } from './summary.ts';

/**
 * Bookings (预约) of a period, per service (SPEC §11): booked, checked in (on time or late),
 * no-shows, cancelled, and the wait from the slot's start to the first call of those
 * checked in on time (seconds; 0 when called before the slot began).
 */
export interface BookingFigures {
  serviceId: string;
  name: string;
  booked: number;
  checkedIn: number;
  late: number;
  noShow: number;
  cancelled: number;
  waitAfterSlotSeconds: Distribution;
}

export function bookingFigures(config: HallConfig, appointments: Iterable<Appointment>, period: Period, now: number, names: (serviceId: string) => string): { services: BookingFigures[]; total: BookingFigures } {
  const rows = new Map<string, { f: Omit<BookingFigures, 'waitAfterSlotSeconds'>; waits: number[] }>();
  const row = (serviceId: string, name: string) => {
    let r = rows.get(serviceId);
    if (!r) rows.set(serviceId, (r = { f: { serviceId, name, booked: 0, checkedIn: 0, late: 0, noShow: 0, cancelled: 0 }, waits: [] }));
    return r;
  };
  const total = row('', '合计');
  for (const s of config.services) if (s.appointments) row(s.id, s.name);
  for (const a of appointments) {
    if (a.date < period.from || a.date > period.to) continue;
    const lateMinutes = config.services.find((s) => s.id === a.serviceId)?.appointments?.lateMinutes ?? 15;
    for (const r of [row(a.serviceId, names(a.serviceId)), total]) {
      r.f.booked++;
      if (a.status === 'cancelled') r.f.cancelled++;
      else if (a.status === 'checked-in') {
        r.f.checkedIn++;
        if (a.late) r.f.late++;
        else if (a.calledAt !== undefined) r.waits.push(Math.max(0, (a.calledAt - a.start) / 1000));
      } else if (isNoShow(a, lateMinutes, now)) r.f.noShow++;
    }
  }
  const figures = (r: { f: Omit<BookingFigures, 'waitAfterSlotSeconds'>; waits: number[] }): BookingFigures => ({ ...r.f, waitAfterSlotSeconds: distribution(r.waits) });
  return { services: [...rows.values()].filter((r) => r !== total).map(figures), total: figures(total) };
}
