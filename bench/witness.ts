import { monotonicMs } from './clock.ts';

/**
 * A process that does nothing but wake every millisecond, on the load CPUs at the server's
 * priority (bench/lib.ts startWitness). Its late wake-ups, on CLOCK_MONOTONIC, are compared
 * with the server's event-loop delays: a delay the witness was late through as well, with
 * the server's main thread neither on a CPU nor waiting for one, is the whole machine not
 * running (the host), not the server.
 */
const LATE_MS = 10;

const late: Array<[from: number, to: number]> = [];
let last = monotonicMs();
const timer = setInterval(() => {
  const now = monotonicMs();
  if (now - last > LATE_MS) late.push([last, now]);
  last = now;
}, 1);

process.on('message', (m: { type: string }) => {
  if (m.type !== 'stop') return;
  clearInterval(timer);
  process.send!({ late }, () => process.exit(0));
});
process.send!({ ready: true });
