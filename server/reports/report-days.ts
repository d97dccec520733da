import { type DayFacts, toFacts } from '../../shared/reports/facts.ts';
import { datesBetween } from '../../shared/time.ts';
import type { HallEngine } from '../hall/engine.ts';
import type { Store } from '../store/store.ts';
import { decodeFacts, encodeFacts } from './facts-codec.ts';

export function liveFacts(engine: HallEngine): DayFacts {
  const d = engine.data;
  return toFacts({ businessDate: d.meta.businessDate!, tickets: Object.values(d.tickets), attendance: Object.values(d.attendance), caseCompletions: Object.values(d.caseCompletions) });
}

/** A closed date's facts: the cached file, else built from the archive and cached. */
export async function closedDayFacts(store: Store, date: string): Promise<DayFacts | undefined> {
  const cached = await store.readDayFacts(date);
  if (cached) {
    try {
      return decodeFacts(cached);
    } catch {
      // A damaged cache is rebuilt from the archive below.
    }
  }
  const archive = await store.readDay(date);
  if (!archive) return undefined;
  const facts = toFacts(archive);
  await store.writeDayFacts(date, encodeFacts(facts)).catch(() => undefined);
  return facts;
}

/**
 * The business dates of a period as report input, latest first, one at a time so a year
 * is never in memory at once: closed days from their facts, today from the live data.
 */
export async function* reportDays(engine: HallEngine, from: string, to: string): AsyncGenerator<DayFacts> {
  const live = engine.data.meta.businessDate;
  const archived = new Set(await engine.store.listDays());
  for (const date of datesBetween(from, to).reverse()) {
    if (date === live) yield liveFacts(engine);
    else if (archived.has(date)) {
      const f = await closedDayFacts(engine.store, date);
      if (f) yield f;
    }
  }
}
