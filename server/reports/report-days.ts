import type { DayFigures } from '../../shared/reports/day-figures.ts';
import { type DayFacts, toFacts } from '../../shared/reports/facts.ts';
import { datesBetween } from '../../shared/time.ts';
import type { LateRating } from '../../shared/types.ts';
import type { HallEngine } from '../hall/engine.ts';
import { BATCH_DAYS, periodDays } from '../store/batches.ts';

export function liveFacts(engine: HallEngine): DayFacts {
  const d = engine.data;
  return toFacts({ businessDate: d.meta.businessDate!, tickets: Object.values(d.tickets), attendance: Object.values(d.attendance), caseCompletions: Object.values(d.caseCompletions) });
}

type Form = 'facts' | 'figures';
type DayOf<F extends Form> = F extends 'facts' ? DayFacts : DayFacts | DayFigures;

/**
 * The business dates of a period as report input, latest first, a batch at a time so a
 * year is never in memory at once: today from the live data, closed days as the store
 * keeps them: their visits ('facts', for one day's detail) or their figures ('figures',
 * which add up across any period without reading a visit).
 */
export async function* reportDays<F extends Form>(engine: HallEngine, from: string, to: string, form: F): AsyncGenerator<DayOf<F>> {
  const live = engine.data.meta.businessDate;
  const closed = new Set(await engine.store.closedDays());
  const late = new Map<string, LateRating[]>();
  for (const r of Object.values(engine.data.lateRatings)) late.set(r.businessDate, [...(late.get(r.businessDate) ?? []), r]);
  const dates = datesBetween(from, to).reverse();
  const read =
    form === 'facts'
      ? async (batch: readonly string[]) => new Map((await Promise.all(batch.map(async (d) => [d, await engine.store.closedDayFacts(d)] as const))).filter((e): e is readonly [string, DayFacts] => e[1] !== null))
      : (batch: readonly string[]) => engine.store.closedDayFigures(batch);
  for await (const [date, day] of periodDays<DayFacts | DayFigures>(dates, live, closed, read, () => liveFacts(engine), form === 'facts' ? 1 : BATCH_DAYS)) {
    // The store's figures of a closed day stay as archived; ratings given since join them here.
    yield (date !== live && late.has(date) ? { ...day, lateRatings: late.get(date) } : day) as DayOf<F>;
  }
}
