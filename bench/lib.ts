import { fork } from 'node:child_process';
import { setPriority } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

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

/** A figure with no baseline beside it, in the same columns as `line`. */
export function figure(name: string, subject: Latency, target: string): string {
  return `${name.padEnd(34)} p50 ${subject.p50.toFixed(2).padStart(7)} ms  p99 ${subject.p99.toFixed(2).padStart(7)} ms  (max ${subject.max.toFixed(2)} ms, n ${subject.n})  target ${target}`;
}

export interface Screens {
  /** Each (call id → receipt time) received since the last ask; every screen's receipts. */
  received(): Promise<Array<[string, number]>>;
  stop(): void;
}

/**
 * `n` screens in a child process (bench/screens.ts), so decoding their messages does not run
 * on the server's event loop. `heapMb` raises the child's heap for a long day of receipts;
 * `nice` lowers its priority, so it stands for screens elsewhere rather than on the server.
 */
export async function startScreens(url: string, n: number, auth: object, opts: { heapMb?: number; nice?: number } = {}): Promise<Screens> {
  const execArgv = ['--import', 'tsx', ...(opts.heapMb ? [`--max-old-space-size=${opts.heapMb}`] : [])];
  const child = fork(fileURLToPath(new URL('./screens.ts', import.meta.url)), [url, String(n), JSON.stringify(auth)], { execArgv });
  if (opts.nice && child.pid !== undefined) setPriority(child.pid, opts.nice);
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`screens exited ${code}`)));
  });
  return {
    async received(): Promise<Array<[string, number]>> {
      child.send({ type: 'report' });
      return new Promise((resolve) => child.once('message', (m: { received: Array<[string, number]> }) => resolve(m.received)));
    },
    stop() {
      child.send({ type: 'stop' });
    },
  };
}
