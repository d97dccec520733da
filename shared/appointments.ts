import type { HallConfig, ServiceConfig } from './config-schema.ts';
import { isWorkingDay, openingPeriods, zonedTime } from './time.ts';
import type { Appointment } from './types.ts';

/** Bookings (预约, SPEC §11): their slots, their checks and their state, pure. */

export type AppointmentSettings = NonNullable<ServiceConfig['appointments']>;

export interface Slot {
  start: number;
  end: number;
}

/** A service's slots on a date: back to back inside each opening period of a working day. */
export function slotsOf(hall: HallConfig['hall'], settings: AppointmentSettings, date: string): Slot[] {
  if (!isWorkingDay(hall, date)) return [];
  const slots: Slot[] = [];
  for (const [from, to] of openingPeriods(hall, date)) {
    for (let m = from; m + settings.slotMinutes <= to; m += settings.slotMinutes) {
      slots.push({ start: zonedTime(date, m, hall.timezone), end: zonedTime(date, m + settings.slotMinutes, hall.timezone) });
    }
  }
  return slots;
}

/** A booking that still holds its place: booked or checked in. */
export function isOpenBooking(a: Pick<Appointment, 'status'>): boolean {
  return a.status === 'booked' || a.status === 'checked-in';
}

/** Booked and never checked in by the end of its lateness allowance: a no-show. */
export function isNoShow(a: Pick<Appointment, 'status' | 'start'>, lateMinutes: number, now: number): boolean {
  return a.status === 'booked' && now > a.start + lateMinutes * 60_000;
}

/** 中国大陆手机号: 11 digits, 1 then 3–9. */
export function isMobile(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The GB 11643 check character of the first 17 digits of a 居民身份证 number. */
export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/** 居民身份证号码 (GB 11643): 18 characters, a real birth date, and its check digit. */
export function isIdNumber(id: string): boolean {
  const m = /^(\d{6})(\d{4})(\d{2})(\d{2})\d{3}([\dX])$/.exec(id);
  if (!m) return false;
  const [year, month, day] = [Number(m[2]), Number(m[3]), Number(m[4])];
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day) return false;
  return idCheckCharacter(id) === id[17];
}

/** 138****5678: the numbers a screen may show of a phone. */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****';
}

/** 张* / 欧阳** : the family name only. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 3))}`;
}
