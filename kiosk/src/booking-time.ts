import { formatTime } from '../../shared/ui/format.ts';
import type { Lang } from '../../shared/ui/i18n.ts';
import { addDays, businessDate, localTime } from '../../shared/time.ts';
import type { MessageKey } from './messages.ts';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Days and times of bookings, said in the hall's time zone whatever the phone's. */

/** "11月27日 周五" / "Fri 27 Nov". */
export function dayText(lang: Lang, date: string): string {
  // Noon UTC of the calendar date: the same day in every zone a hall is in.
  const noon = Date.parse(`${date}T12:00:00Z`);
  const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
  const day = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: lang === 'zh' ? 'long' : 'short', day: 'numeric' }).format(noon);
  const weekday = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short' }).format(noon);
  return lang === 'zh' ? `${day} ${weekday}` : `${weekday} ${day}`;
}

/** 今天 / 明天 before the day, when it is one of those. */
export function relativeDay(t: T, date: string, today: string): string | undefined {
  if (date === today) return t('bookToday');
  if (date === addDays(today, 1)) return t('bookTomorrow');
  return undefined;
}

/** "09:00–09:30". */
export function slotText(start: number, end: number, timeZone: string): string {
  return `${formatTime(start, timeZone)}–${formatTime(end, timeZone)}`;
}

/** "今天 11月26日 周四" and "10:30–11:00": a booking's day and time, to show apart (the time never breaks). */
export function bookingWhenParts(t: T, lang: Lang, start: number, end: number, timeZone: string, today: string): [string, string] {
  const date = businessDate(start, timeZone);
  const rel = relativeDay(t, date, today);
  return [[rel, dayText(lang, date)].filter(Boolean).join(' '), slotText(start, end, timeZone)];
}

/** "今天 11月26日 周四 10:30–11:00": a booking's time in full. */
export function bookingWhen(t: T, lang: Lang, start: number, end: number, timeZone: string, today: string): string {
  return bookingWhenParts(t, lang, start, end, timeZone, today).join(' ');
}

export function isMorning(at: number, timeZone: string): boolean {
  return localTime(at, timeZone).minutes < 12 * 60;
}
