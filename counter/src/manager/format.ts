import type { Translate } from '../use-t.ts';

/** How report figures read on screen: shares as %, durations in minutes. */

function trim(x: number, digits = 1): string {
  return x.toFixed(digits).replace(/\.0+$/, '');
}

/** 0.9634 → "96.3%". */
export function percent(share: number): string {
  return `${trim(share * 100)}%`;
}

/** 750 s → "12.5": minutes with one decimal. */
export function minutesValue(seconds: number): string {
  return trim(seconds / 60);
}

/** 750 s → "12.5 分钟". */
export function minutesOf(seconds: number, t: Translate): string {
  return t('unit.minutes', { n: trim(seconds / 60) });
}

/** Whole minutes as "6 小时 20 分" once past an hour. */
export function duration(minutes: number, t: Translate): string {
  const m = Math.round(minutes);
  if (m < 60) return t('unit.minutes', { n: m });
  return t('unit.hoursMinutes', { h: Math.floor(m / 60), m: m % 60 });
}

export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : n.toLocaleString('zh-CN');
}

/** The hall's zone: the views the server sends do not carry it, and every hall so far is in China. */
export const HALL_ZONE = 'Asia/Shanghai';

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** "2026-12-04" → "周五": a due date reads better with its weekday (the calendar date is zone-free). */
export function weekdayOf(date: string, t: Translate): string {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return Number.isNaN(day) ? '' : t(`settings.weekday.${WEEKDAYS[day]}`);
}
