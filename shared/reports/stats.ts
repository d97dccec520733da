/** Distribution of a set of durations in seconds. An empty set gives zeros, never an error. */
export interface Distribution {
  count: number;
  average: number;
  /** The middle value; the mean of the two middle values for an even count. */
  median: number;
  /** Nearest rank: the smallest value with at least 90 % of values at or below it. */
  p90: number;
  max: number;
}

export function distribution(values: readonly number[]): Distribution {
  const n = values.length;
  if (n === 0) return { count: 0, average: 0, median: 0, p90: 0, max: 0 };
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  const mid = Math.floor(n / 2);
  const median = n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return {
    count: n,
    average: round1(sum / n),
    median: round1(median),
    p90: round1(sorted[Math.ceil(0.9 * n) - 1]),
    max: round1(sorted[n - 1]),
  };
}

/** A share in 0..1, four decimals; 0 when there is nothing to divide. */
export function ratio(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0;
}

export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
