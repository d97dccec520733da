/** Closed days read per query (a database) or at once (files): a month of a year's report. */
export const BATCH_DAYS = 31;

/**
 * Each of `dates` with what `read` found for it, in their order, a batch at a time: the
 * next batch is read while this one is used, so a long period costs a few round trips and
 * never holds more than two batches in memory. Dates `read` left out are skipped.
 */
export async function* inBatches<T>(dates: readonly string[], read: (batch: readonly string[]) => Promise<Map<string, T>>, size = BATCH_DAYS): AsyncGenerator<[string, T]> {
  const start = (i: number) => {
    if (i >= dates.length) return undefined;
    const reading = read(dates.slice(i, i + size));
    // Awaited in its turn; if the reader stops before then, its failure is nobody's to see.
    reading.catch(() => undefined);
    return reading;
  };
  let next = start(0);
  for (let i = 0; next; i += size) {
    const found = await next;
    next = start(i + size);
    for (const date of dates.slice(i, i + size)) {
      const value = found.get(date);
      if (value !== undefined) yield [date, value];
    }
  }
}

/**
 * A period's days latest first (`dates` descending): its closed days through inBatches and
 * the live day in its place among them — after any closed day dated later (history
 * imported from elsewhere), before the earlier ones.
 */
export async function* periodDays<T>(
  dates: readonly string[],
  live: string | null | undefined,
  closed: ReadonlySet<string>,
  read: (batch: readonly string[]) => Promise<Map<string, T>>,
  liveDay: () => T | Promise<T>,
  size = BATCH_DAYS,
): AsyncGenerator<[string, T]> {
  const kept = dates.filter((d) => d !== live && closed.has(d));
  yield* inBatches(kept.filter((d) => (live ? d > live : false)), read, size);
  if (live && dates.includes(live)) yield [live, await liveDay()];
  yield* inBatches(kept.filter((d) => !live || d < live), read, size);
}
