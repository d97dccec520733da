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

/** Whole seconds below which a histogram bin may be an array slot; longer ones (a day or more) always go in a map. */
const DENSE_SECONDS = 86_400;

/**
 * A set of durations kept so that sets add up exactly: the count, the sum and maximum in
 * milliseconds, and a histogram of whole seconds, each duration rounded up. Medians and p90
 * and the maximum are taken to the second over the histogram, so a year of closed days merges day by day
 * into the same figures a scan of every visit gives. Rounding up keeps "within the target"
 * exact: a duration of d ms is within T whole seconds exactly when ⌈d / 1000⌉ ≤ T.
 */
export class Durations {
  n = 0;
  sumMs = 0;
  maxMs = Number.NEGATIVE_INFINITY;
  private bins = new Uint32Array(64);
  private top = -1;
  private readonly far = new Map<number, number>();

  static seconds(ms: number): number {
    return Math.ceil(ms / 1000);
  }

  add(ms: number): void {
    this.n++;
    this.sumMs += ms;
    if (ms > this.maxMs) this.maxMs = ms;
    this.bin(Durations.seconds(ms), 1);
  }

  /** Adds a set kept elsewhere: its count, sum and maximum, and (second, count) pairs from `pairs[from..to)`. */
  merge(n: number, sumMs: number, maxMs: number, pairs: Int32Array, from: number, to: number): void {
    if (n === 0) return;
    this.n += n;
    this.sumMs += sumMs;
    if (maxMs > this.maxMs) this.maxMs = maxMs;
    for (let i = from; i < to; i += 2) this.bin(pairs[i], pairs[i + 1]);
  }

  /**
   * Seconds below the array's length are array slots, the others map entries. The array
   * doubles (taking the map's entries it now covers) only once the map holds more than an
   * eighth of its length: a set with a few long waits stays small, as a year's report
   * keeps one per group of every day's (service, window, clerk).
   */
  private bin(second: number, count: number): void {
    if (second < this.bins.length) {
      this.bins[second] += count;
      if (second > this.top) this.top = second;
      return;
    }
    this.far.set(second, (this.far.get(second) ?? 0) + count);
    if (this.far.size > this.bins.length >> 3 && this.bins.length < DENSE_SECONDS) this.grow();
  }

  private grow(): void {
    const next = new Uint32Array(Math.min(DENSE_SECONDS, this.bins.length * 2));
    next.set(this.bins);
    this.bins = next;
    for (const [s, c] of this.far) {
      if (s >= next.length) continue;
      next[s] += c;
      this.far.delete(s);
      if (s > this.top) this.top = s;
    }
  }

  /** (second, count) for every second that holds a duration, ascending. */
  *pairs(): Generator<[number, number]> {
    for (let s = 0; s <= this.top; s++) if (this.bins[s] > 0) yield [s, this.bins[s]];
    for (const s of [...this.far.keys()].sort((a, b) => a - b)) yield [s, this.far.get(s)!];
  }

  /** The same pairs flat, second then count, as kept figures hold them (see merge). */
  flatPairs(): Int32Array {
    let size = this.far.size;
    for (let s = 0; s <= this.top; s++) if (this.bins[s] > 0) size++;
    const out = new Int32Array(size * 2);
    let o = 0;
    for (let s = 0; s <= this.top; s++) {
      if (this.bins[s] === 0) continue;
      out[o++] = s;
      out[o++] = this.bins[s];
    }
    for (const s of [...this.far.keys()].sort((a, b) => a - b)) {
      out[o++] = s;
      out[o++] = this.far.get(s)!;
    }
    return out;
  }

  /** Adds another set (see merge); its pairs, if already flattened, spare doing it again. */
  mergeSet(other: Durations, pairs = other.flatPairs()): void {
    this.merge(other.n, other.sumMs, other.maxMs, pairs, 0, pairs.length);
  }

  /** How many took at most `seconds`. */
  atMost(seconds: number): number {
    let n = 0;
    const top = Math.min(seconds, this.top);
    for (let s = 0; s <= top; s++) n += this.bins[s];
    for (const [s, c] of this.far) if (s <= seconds) n += c;
    return n;
  }

  distribution(): Distribution {
    const n = this.n;
    if (n === 0) return { count: 0, average: 0, median: 0, p90: 0, max: 0 };
    // The k-th smallest (0-based) for the ranks the figures need, in one walk.
    const ranks = [(n - 1) >> 1, n >> 1, Math.ceil(0.9 * n) - 1];
    const at: number[] = [];
    let seen = 0;
    for (const [s, c] of this.pairs()) {
      seen += c;
      while (at.length < ranks.length && ranks[at.length] < seen) at.push(s);
      if (at.length === ranks.length) break;
    }
    return { count: n, average: round1(this.sumMs / n / 1000), median: round1((at[0] + at[1]) / 2), p90: at[2], max: Durations.seconds(this.maxMs) };
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
