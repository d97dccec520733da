import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Durations, round1 } from './stats.ts';

/** Durations in ms: mostly minutes, some hours, now and then more than a day. */
const ms = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 3_600_000 }) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: 12 * 3_600_000 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 3 * 86_400_000 }) });

function expected(values: number[]) {
  const s = values.map((v) => Math.ceil(v / 1000)).sort((a, b) => a - b);
  const n = s.length;
  return { count: n, average: round1(values.reduce((a, b) => a + b, 0) / n / 1000), median: round1((s[(n - 1) >> 1] + s[n >> 1]) / 2), p90: s[Math.ceil(0.9 * n) - 1], max: s[n - 1] };
}

describe('Durations', () => {
  it('gives the figures of the rounded-up seconds, whether added one by one or merged from other sets', () => {
    fc.assert(
      fc.property(fc.array(fc.array(ms, { maxLength: 60 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 90_000 }), (parts, target) => {
        const all = parts.flat();
        fc.pre(all.length > 0);
        const total = new Durations();
        parts.forEach((part, i) => {
          const d = new Durations();
          for (const v of part) d.add(v);
          // Half the parts arrive as kept pairs, as closed days' figures do.
          if (i % 2 === 0) total.mergeSet(d);
          else for (const v of part) total.add(v);
        });
        expect(total.distribution()).toEqual(expected(all));
        expect(total.atMost(target)).toBe(all.filter((v) => Math.ceil(v / 1000) <= target).length);
        const pairs = total.flatPairs();
        for (let i = 2; i < pairs.length; i += 2) expect(pairs[i]).toBeGreaterThan(pairs[i - 2]);
      }),
      { numRuns: 400 },
    );
  });
});
