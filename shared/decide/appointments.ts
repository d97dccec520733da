import { type AppointmentSettings, isNoShow, isOpenBooking, slotsOf } from '../appointments.ts';
import type { DeviceConfig } from '../config-schema.ts';
import { fail } from '../errors.ts';
import { own } from '../records.ts';
import { businessDate, daysBetween, localTime } from '../time.ts';
import type { Appointment, Ticket } from '../types.ts';
import type { Draft } from './draft.ts';
import { issue } from './tickets.ts';

/**
 * Bookings (预约, SPEC §11): a slot booked on the phone, checked in at the kiosk into the
 * same queue as walk-ins, cancelled while there is time; personal data kept only as long
 * as the booking needs it.
 */

const DAY_MS = 86_400_000;
/** Personal data is kept while a booking is open and this long after. */
export const PERSONAL_DATA_DAYS = 30;
/** A booking's record (without personal data) is kept this long after its slot, for the no-show rule. */
const RECORD_DAYS = 400;
/** A booking whose service no longer takes bookings keeps these allowances. */
const FALLBACK = { earlyMinutes: 30, lateMinutes: 15, cancelHoursBefore: 2 };

function settingsOf(d: Draft, serviceId: string): Pick<AppointmentSettings, 'earlyMinutes' | 'lateMinutes' | 'cancelHoursBefore'> {
  return d.model.service(serviceId)?.appointments ?? FALLBACK;
}

export interface BookingInput {
  serviceId: string;
  start: number;
  name: string;
  phone: string;
  idNumber?: string;
  /** A keyed hash of the phone: duplicates and no-shows are counted on it, not on the number. */
  phoneKey: string;
  /** Candidate codes (random, from the server): the first not used by the day's open bookings is taken. */
  codes: readonly string[];
}

/** The no-shows that block a phone number now, if enough of them fall in the window. */
function blocked(d: Draft, phoneKey: string): boolean {
  const rules = d.model.config.appointmentRules;
  const recent = Object.values(d.model.data.appointments)
    .filter((a) => a.phoneKey === phoneKey && a.start >= d.now - rules.noShowDays * DAY_MS && isNoShow(a, settingsOf(d, a.serviceId).lateMinutes, d.now))
    .sort((a, b) => b.start - a.start);
  return recent.length >= rules.noShowLimit && d.now - recent[0].start < rules.blockDays * DAY_MS;
}

export function book(d: Draft, input: BookingInput): Appointment {
  const m = d.model;
  const service = m.service(input.serviceId) ?? fail('UNKNOWN_SERVICE', undefined, 'serviceId');
  const settings = service.appointments ?? fail('SLOT_UNAVAILABLE', `「${service.name}」不接受预约`, 'serviceId');
  const hall = m.config.hall;
  const date = businessDate(input.start, hall.timezone);
  if (daysBetween(businessDate(d.now, hall.timezone), date) > settings.daysAhead) fail('TOO_FAR_AHEAD', `最多可预约 ${settings.daysAhead} 天内`, 'start');
  const slot = slotsOf(hall, settings, date).find((s) => s.start === input.start);
  if (!slot || slot.start <= d.now) fail('SLOT_UNAVAILABLE', undefined, 'start');
  if (blocked(d, input.phoneKey)) fail('BOOKING_BLOCKED');
  const all = Object.values(m.data.appointments);
  if (all.some((a) => isOpenBooking(a) && a.phoneKey === input.phoneKey && a.serviceId === service.id && a.date === date)) fail('DUPLICATE_BOOKING');
  if (all.filter((a) => isOpenBooking(a) && a.serviceId === service.id && a.start === slot.start).length >= settings.perSlot) fail('SLOT_FULL');
  const used = new Set(all.filter((a) => a.date === date && isOpenBooking(a)).map((a) => a.code));
  const code = input.codes.find((c) => !used.has(c)) ?? fail('INTERNAL');
  const id = d.ids.id('ap');
  const appointment: Appointment = {
    id,
    code,
    token: d.ids.ticketToken(id),
    serviceId: service.id,
    date,
    start: slot.start,
    end: slot.end,
    status: 'booked',
    person: { name: input.name, phone: input.phone, ...(input.idNumber ? { idNumber: input.idNumber } : {}) },
    phoneKey: input.phoneKey,
    createdAt: d.now,
  };
  d.put('appointments', id, appointment);
  return appointment;
}

export function cancelBooking(d: Draft, id: string): Appointment {
  const a = own(d.model.data.appointments, id) ?? fail('APPOINTMENT_NOT_FOUND');
  if (a.status !== 'booked' || isNoShow(a, settingsOf(d, a.serviceId).lateMinutes, d.now)) fail('INVALID_STATE', '这个预约已签到、已取消或已过期');
  if (d.now > a.start - settingsOf(d, a.serviceId).cancelHoursBefore * 3_600_000) fail('CANCEL_TOO_LATE');
  const next: Appointment = { ...a, status: 'cancelled', cancelledAt: d.now };
  d.put('appointments', id, next);
  return next;
}

/**
 * Check-in at the kiosk with the booking's code: from `earlyMinutes` before the slot a
 * ticket that comes before priority once the slot begins; after `lateMinutes` an ordinary
 * walk-in ticket. A booked place is kept whatever the service's daily cap.
 */
export function checkIn(d: Draft, kiosk: DeviceConfig, code: string): { ticket: Ticket; appointment: Appointment } {
  const today = d.model.data.meta.businessDate;
  const todays = Object.values(d.model.data.appointments).filter((a) => a.date === today && a.code === code && a.status !== 'cancelled');
  const a = todays.find((x) => x.status === 'booked') ?? (todays.length > 0 ? fail('ALREADY_CHECKED_IN') : fail('APPOINTMENT_NOT_FOUND', '没有找到这个预约码的今日预约', 'code'));
  const s = settingsOf(d, a.serviceId);
  const opens = a.start - s.earlyMinutes * 60_000;
  if (d.now < opens) {
    const { minutes } = localTime(opens, d.model.config.hall.timezone);
    const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    fail('TOO_EARLY', `还没到签到时间，请于 ${hhmm} 以后签到`, 'code');
  }
  const late = d.now > a.start + s.lateMinutes * 60_000;
  const ticket = issue(d, kiosk, { serviceId: a.serviceId, ...(late ? { appointmentLate: true } : { appointment: { id: a.id, start: a.start } }) });
  const next: Appointment = { ...a, status: 'checked-in', checkedInAt: d.now, ...(late ? { late: true } : {}), ticketId: ticket.id, ticketNumber: ticket.number };
  d.put('appointments', a.id, next);
  return { ticket, appointment: next };
}

/** A booked citizen's ticket called for the first time: the wait after the slot's start is known. */
export function noteAppointmentCall(d: Draft, t: Ticket): void {
  if (!t.appointment) return;
  const a = own(d.model.data.appointments, t.appointment.id);
  if (a && a.calledAt === undefined) d.put('appointments', a.id, { ...a, calledAt: d.now });
}

/** At day close: personal data goes 30 days after a booking is over; the record itself much later. */
export function retireBookings(d: Draft): void {
  for (const a of Object.values(d.model.data.appointments)) {
    const over = a.status !== 'booked' || isNoShow(a, settingsOf(d, a.serviceId).lateMinutes, d.now);
    if (over && a.end < d.now - RECORD_DAYS * DAY_MS) d.put('appointments', a.id, null);
    else if (over && a.person && a.end < d.now - PERSONAL_DATA_DAYS * DAY_MS) {
      const { person: _gone, ...kept } = a;
      d.put('appointments', a.id, kept);
    }
  }
}
