import type { HallView, ServiceView } from '../../shared/views.ts';

/** A service's booking settings as the hall view carries them (SPEC §11); check-in times default as the spec does. */
interface AppointmentSettings {
  slotMinutes: number;
  daysAhead: number;
  earlyMinutes?: number;
  lateMinutes?: number;
}

export interface BookableService {
  id: string;
  name: string;
  departmentName: string;
  slotMinutes: number;
  daysAhead: number;
  earlyMinutes: number;
  lateMinutes: number;
}

export const DEFAULT_EARLY_MINUTES = 30;
export const DEFAULT_LATE_MINUTES = 15;

function settingsOf(s: ServiceView): AppointmentSettings | undefined {
  return (s as ServiceView & { appointments?: AppointmentSettings }).appointments;
}

/** The services that take bookings, in the configured order, with their department's name. */
export function bookableServices(hall: HallView): BookableService[] {
  const out: BookableService[] = [];
  for (const s of hall.services) {
    const a = settingsOf(s);
    if (!a) continue;
    out.push({
      id: s.id,
      name: s.name,
      departmentName: hall.departments.find((d) => d.id === s.departmentId)?.name ?? '',
      slotMinutes: a.slotMinutes,
      daysAhead: a.daysAhead,
      earlyMinutes: a.earlyMinutes ?? DEFAULT_EARLY_MINUTES,
      lateMinutes: a.lateMinutes ?? DEFAULT_LATE_MINUTES,
    });
  }
  return out;
}

/** Whether the kiosk should offer 预约签到 at all. */
export function takesBookings(hall: HallView): boolean {
  return hall.services.some((s) => settingsOf(s) !== undefined);
}
