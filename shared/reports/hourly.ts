import { localTime, zonedTime } from '../time.ts';
import { type DayFacts, servedCode } from './facts.ts';

/** Per hour of one business date: tickets issued, visits served, and how many were waiting as the hour ended. */
export interface HourRow {
  hour: number;
  issued: number;
  served: number;
  /** Waiting at the hour's end, or now for the hour under way; null for hours still to come. */
  waiting: number | null;
}

export function computeHourly(day: DayFacts | undefined, date: string, timeZone: string, now = Number.POSITIVE_INFINITY): HourRow[] {
  const hourEnds = Array.from({ length: 24 }, (_, h) => zonedTime(date, (h + 1) * 60, timeZone));
  const hourStarts = [zonedTime(date, 0, timeZone), ...hourEnds.slice(0, 23)];
  const rows: HourRow[] = hourEnds.map((_, hour) => ({ hour, issued: 0, served: 0, waiting: hourStarts[hour] <= now ? 0 : null }));
  const hourOf = (at: number) => Math.min(23, Math.floor(localTime(at, timeZone).minutes / 60));
  if (!day) return rows;
  const { t, v } = day;
  for (let i = 0; i < t.issuedAt.length; i++) {
    rows[hourOf(t.issuedAt[i])].issued++;
    // Waiting from issue until first called or cancelled.
    const called = t.firstCalledAt[i];
    const cancelled = t.cancelledAt[i];
    const left = called === called ? called : cancelled === cancelled ? cancelled : Number.POSITIVE_INFINITY;
    for (let h = 0; h < 24; h++) {
      const row = rows[h];
      if (row.waiting === null) continue;
      const at = Math.min(hourEnds[h], now);
      if (t.issuedAt[i] < at && left >= at) row.waiting++;
    }
  }
  for (let j = 0; j < v.ticket.length; j++) if (servedCode(v.end[j])) rows[hourOf(v.endedAt[j])].served++;
  return rows;
}
