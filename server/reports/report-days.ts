import type { DayFigures } from '../../shared/reports/day-figures.ts';
import { type DayFacts, toFacts } from '../../shared/reports/facts.ts';
import { datesBetween } from '../../shared/time.ts';
import type { LateRating } from '../../shared/types.ts';
import type { HallEngine } from '../hall/engine.ts';

export function liveFacts(engine: HallEngine): DayFacts {
  const d = engine.data;
  return toFacts({ businessDate: d.meta.businessDate!, tickets: Object.values(d.tickets), attendance: Object.values(d.attendance), caseCompletions: Object.values(d.caseCompletions) });
}

type Form = 'facts' | 'figures';
/** Closed days being read at once. */
const READ_AHEAD = 8;
type DayOf<F extends Form> = F extends 'facts' ? DayFacts : DayFacts | DayFigures;

/**
 * The business dates of a period as report input, latest first, one at a time so a year
 * is never in memory at once: today from the live data, closed days as the store keeps
 * them: their visits ('facts', for one day's detail) or their figures ('figures', which
 * add up across any period without reading a visit).
 */
export async function* reportDays<F extends Form>(engine: HallEngine, from: string, to: string, form: F): AsyncGenerator<DayOf<F>> {
  const live = engine.data.meta.businessDate;
  const closed = new Set(await engine.store.closedDays());
  const late = new Map<string, LateRating[]>();
  for (const r of Object.values(engine.data.lateRatings)) late.set(r.businessDate, [...(late.get(r.businessDate) ?? []), r]);
  const read = (date: string) => (form === 'facts' ? engine.store.closedDayFacts(date) : engine.store.closedDayFigures(date));
  // Closed days are read a few ahead of the one being added: a year is 365 reads.
  const dates = datesBetween(from, to).reverse();
  const ahead = new Map<string, Promise<DayFacts | DayFigures | null>>();
  const readAhead = (i: number) => {
    for (const date of dates.slice(i, i + READ_AHEAD)) {
      if (date === live || !closed.has(date) || ahead.has(date)) continue;
      const reading = read(date);
      // Awaited in its turn; if the report stops before then, its failure is nobody's to see.
      reading.catch(() => undefined);
      ahead.set(date, reading);
    }
  };
  for (let i = 0; i < dates.length; i++) {
    const date = dates[i];
    if (date === live) yield liveFacts(engine);
    else if (closed.has(date)) {
      readAhead(i);
      const f = await ahead.get(date)!;
      ahead.delete(date);
      // The store's figures of a closed day stay as archived; ratings given since join them here.
      if (f) yield (late.has(date) ? { ...f, lateRatings: late.get(date) } : f) as DayOf<F>;
    }
  }
}
