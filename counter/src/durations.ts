import type { Translate } from './use-t.ts';

/** A running timer as "m:ss", or "h:mm:ss" past the hour. */
export function timerText(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A length of time in words: "6 分 30 秒". */
export function durationText(seconds: number, t: Translate): string {
  const total = Math.max(0, Math.round(seconds));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return m > 0 ? t('duration.minSec', { m, s }) : t('duration.sec', { s });
}

/** A wait in whole minutes, in hours and minutes past the hour: "1 小时 5 分". */
export function minutesText(minutes: number, t: Translate): string {
  return minutes >= 60 ? t('unit.hoursMinutes', { h: Math.floor(minutes / 60), m: minutes % 60 }) : t('unit.minutes', { n: minutes });
}
