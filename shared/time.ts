import type { HallConfig, Weekday } from './config-schema.ts';

/** Calendar arithmetic in the hall's time zone. Pure: `now` is always an argument. */

export interface LocalTime {
  /** Business date, "YYYY-MM-DD" in the hall's zone. */
  date: string;
  weekday: Weekday;
  /** Minutes since local midnight. */
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The last answer per time zone: every command asks for today's date, and formatting a
 * date in a time zone is slow. Zone offsets are whole minutes, so an answer holds for its minute.
 */
const lastLocal = new Map<string, { minute: number; local: LocalTime }>();

export function localTime(now: number, timeZone: string): LocalTime {
  const minute = Math.floor(now / 60_000);
  const last = lastLocal.get(timeZone);
  if (last?.minute === minute) return last.local;
  const local = Object.freeze(formatLocalTime(now, timeZone));
  lastLocal.set(timeZone, { minute, local });
  return local;
}

function formatLocalTime(now: number, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(now)) parts[p.type] = p.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: parts.weekday.toLowerCase().slice(0, 3) as Weekday,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

export function businessDate(now: number, timeZone: string): string {
  return localTime(now, timeZone).date;
}

export function toMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

type Hall = HallConfig['hall'];

export function weekdayOf(date: string): Weekday {
  const d = new Date(`${date}T12:00:00Z`).getUTCDay();
  return (['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const)[d];
}

/** Opening periods of a business date, in minutes; empty when closed (weekday off or holiday). */
/** The hours an extra working day keeps: those of the first weekday, Monday to Friday, that has any. */
function workdayHours(hall: Hall): Array<[string, string]> {
  for (const d of ['mon', 'tue', 'wed', 'thu', 'fri'] as const) if (hall.hours[d].length > 0) return hall.hours[d];
  return [];
}

export function openingPeriods(hall: Hall, date: string): Array<[number, number]> {
  if (hall.holidays.includes(date)) return [];
  // An extra working day (调休, a weekend worked for a holiday) keeps the hours of a weekday.
  const hours = hall.workdays?.includes(date) && hall.hours[weekdayOf(date)].length === 0 ? workdayHours(hall) : hall.hours[weekdayOf(date)];
  return hours.map(([a, b]) => [toMinutes(a), toMinutes(b)] as [number, number]);
}

export function isWorkingDay(hall: Hall, date: string): boolean {
  return openingPeriods(hall, date).length > 0;
}

/** Kiosks issue from `openEarlyMinutes` before a period opens to `stopBeforeCloseMinutes` before it closes. */
export function isTicketingOpen(hall: Hall, now: number): boolean {
  const t = localTime(now, hall.timezone);
  const { openEarlyMinutes, stopBeforeCloseMinutes } = hall.ticketing;
  return openingPeriods(hall, t.date).some(([open, close]) => t.minutes >= open - openEarlyMinutes && t.minutes < close - stopBeforeCloseMinutes);
}

/**
 * When ticketing next opens after `now`: the start of the next period's ticketing, today
 * (unless `laterDay`) or on a later working day within four weeks; undefined if none.
 */
export function nextTicketingOpen(hall: Hall, now: number, laterDay = false): number | undefined {
  const t = localTime(now, hall.timezone);
  for (let day = laterDay ? 1 : 0; day < 28; day++) {
    const date = addDays(t.date, day);
    for (const [open] of openingPeriods(hall, date)) {
      const start = open - hall.ticketing.openEarlyMinutes;
      if (day > 0 || start > t.minutes) return zonedTime(date, start, hall.timezone);
    }
  }
  return undefined;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The business date `n` working days after `date` (holidays and closed weekdays skipped). */
export function addWorkingDays(hall: Hall, date: string, n: number): string {
  let d = date;
  let left = n;
  // A hall configured with no working day at all would loop forever; a year is plenty.
  for (let guard = 0; left > 0 && guard < 366; guard++) {
    d = addDays(d, 1);
    if (isWorkingDay(hall, d)) left--;
  }
  return d;
}

/** "20261126" — the compact form used in ticket ids. */
export function compactDate(date: string): string {
  return date.replaceAll('-', '');
}

export function dateFromCompact(compact: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(compact);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/** The instant at which the hall's clock shows `minutes` past midnight on `date`. */
export function zonedTime(date: string, minutes: number, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const naive = Date.UTC(y, m - 1, d, Math.floor(minutes / 60), minutes % 60);
  // Correct by the zone's offset at that moment, twice to settle across a DST change.
  let t = naive - offsetMs(naive, timeZone);
  t = naive - offsetMs(t, timeZone);
  return t;
}

function offsetMs(at: number, timeZone: string): number {
  const l = localTime(at, timeZone);
  const [y, m, d] = l.date.split('-').map(Number);
  const asUtc = Date.UTC(y, m - 1, d, Math.floor(l.minutes / 60), l.minutes % 60);
  return asUtc - Math.floor(at / 60_000) * 60_000;
}

/** Business dates the hall can have: real calendar dates of years 1970–2999. */
export function isBusinessDate(date: string): boolean {
  const m = /^(\d{4})-\d{2}-\d{2}$/.exec(date);
  if (!m || Number(m[1]) < 1970 || Number(m[1]) > 2999) return false;
  const t = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(date);
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Every date from `from` to `to` inclusive. Counted, not compared as strings: past
 * 9999-12-31 the next ISO date is "+010000-01-01", which sorts before it.
 */
export function datesBetween(from: string, to: string): string[] {
  const n = daysBetween(from, to);
  if (!Number.isFinite(n)) return [];
  const out: string[] = [];
  for (let i = 0; i <= n; i++) out.push(addDays(from, i));
  return out;
}

/** `at` as ISO 8601 in the hall's zone with its offset: "2026-11-26T10:06:00+08:00" (seconds kept, milliseconds dropped). */
export function isoInZone(at: number, timeZone: string): string {
  const { date, minutes } = localTime(at, timeZone);
  const seconds = Math.floor((((at / 1000) % 60) + 60) % 60);
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  const offset = Math.round((wall - (at - seconds * 1000 - (((at % 1000) + 1000) % 1000))) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date}T${two(Math.floor(minutes / 60))}:${two(minutes % 60)}:${two(seconds)}${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}
