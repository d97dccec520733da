import { isServed } from '../ticket-machine.ts';
import { localTime, zonedTime } from '../time.ts';
import type { Ticket } from '../types.ts';

/** Per hour of one business date: tickets issued, visits served, and how many were waiting as the hour ended. */
export interface HourRow {
  hour: number;
  issued: number;
  served: number;
  /** Waiting at the hour's end, or now for the hour under way; null for hours still to come. */
  waiting: number | null;
}

export function computeHourly(tickets: readonly Ticket[], date: string, timeZone: string, now = Number.POSITIVE_INFINITY): HourRow[] {
  const hourEnds = Array.from({ length: 24 }, (_, h) => zonedTime(date, (h + 1) * 60, timeZone));
  const hourStarts = [zonedTime(date, 0, timeZone), ...hourEnds.slice(0, 23)];
  const rows: HourRow[] = hourEnds.map((_, hour) => ({ hour, issued: 0, served: 0, waiting: hourStarts[hour] <= now ? 0 : null }));
  const hourOf = (at: number) => Math.min(23, Math.floor(localTime(at, timeZone).minutes / 60));
  for (const t of tickets) {
    rows[hourOf(t.issuedAt)].issued++;
    for (const v of t.visits) if (isServed(v.end) && v.endedAt !== undefined) rows[hourOf(v.endedAt)].served++;
    // Waiting from issue until first called or cancelled.
    const left = t.firstCalledAt ?? t.cancelledAt ?? Number.POSITIVE_INFINITY;
    for (let h = 0; h < 24; h++) {
      const row = rows[h];
      if (row.waiting === null) continue;
      const at = Math.min(hourEnds[h], now);
      if (t.issuedAt < at && left >= at) row.waiting++;
    }
  }
  return rows;
}
