import { performance } from 'node:perf_hooks';

/** Latency percentiles in milliseconds. */
export interface Latency {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

export function latency(samples: number[]): Latency {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? 0;
  const r = (x: number) => Math.round(x * 100) / 100;
  return { n: s.length, p50: r(at(0.5)), p99: r(at(0.99)), max: r(s[s.length - 1] ?? 0) };
}

/** Fire `fn` at a fixed rate (open loop, so a slow answer does not slow the offered load). */
export async function atRate(perSecond: number, total: number, fn: () => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  const interval = 1000 / perSecond;
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const t0 = performance.now();
    pending.push(fn().then(() => void samples.push(performance.now() - t0)));
  }
  await Promise.all(pending);
  return samples;
}

export function line(name: string, subject: Latency, baseline: Latency, target: string): string {
  const ratio = baseline.p99 > 0 ? (subject.p99 / baseline.p99).toFixed(2) : 'n/a';
  return `${name.padEnd(34)} p50 ${subject.p50.toFixed(2).padStart(7)} ms  p99 ${subject.p99.toFixed(2).padStart(7)} ms  (baseline p99 ${baseline.p99.toFixed(2)} ms, ratio ${ratio})  target ${target}`;
}
