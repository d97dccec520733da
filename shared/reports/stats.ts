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

/**
 * A growable list of durations in a typed array: a year of waits is millions of values.
 * Float32 keeps them to a hundredth of a second below a day, finer than the figures show.
 */
export class Samples {
  private buf = new Float32Array(64);
  n = 0;
  push(x: number): void {
    if (this.n === this.buf.length) {
      const next = new Float32Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.n++] = x;
  }
  values(): Float32Array {
    return this.buf.subarray(0, this.n);
  }
}

/** The k-th smallest (0-based) of a[0..n), by quickselect: O(n), reorders `a`. */
function select(a: Float32Array | Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const pivot = a[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

/** Reorders a typed array passed in (it selects in place); other lists are copied first. */
export function distribution(values: ArrayLike<number>): Distribution {
  const n = values.length;
  if (n === 0) return { count: 0, average: 0, median: 0, p90: 0, max: 0 };
  const a = values instanceof Float32Array || values instanceof Float64Array ? values : Float64Array.from(values);
  let sum = 0;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    sum += a[i];
    if (a[i] > max) max = a[i];
  }
  const p90 = select(a, Math.ceil(0.9 * n) - 1);
  const mid = n >> 1;
  const upper = select(a, mid);
  let median = upper;
  if (n % 2 === 0) {
    // After selecting `mid`, everything before it is no larger: the lower middle is their maximum.
    let lower = -Infinity;
    for (let i = 0; i < mid; i++) if (a[i] > lower) lower = a[i];
    median = (lower + upper) / 2;
  }
  return { count: n, average: round1(sum / n), median: round1(median), p90: round1(p90), max: round1(max) };
}

/** A share in 0..1, four decimals; 0 when there is nothing to divide. */
export function ratio(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0;
}

export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
