import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { setSchedulingClass } from './sched-class.ts';

/** Whether the bench keeps the server's CPUs from halting (see keepCpusAwake). */
export const keepsCpusAwake = (): boolean => process.env.BENCH_LET_CPUS_HALT !== '1' && process.platform === 'linux';

const threads = (): number[] => readdirSync('/proc/self/task').map(Number);

/**
 * Keeps each of `cpus` (the server's: the event loop's) from halting until the returned
 * function is called: a thread of this process per CPU that spins in the lowest scheduling
 * class there is (SCHED_IDLE), so any thread that wakes there takes the CPU at once, and
 * the CPU itself never goes idle.
 *
 * Why: this machine is a virtual one, and its host resumes a halted virtual CPU late. perf
 * on the event loop's CPU during a 6,000-ticket day found it recording nothing at all, not
 * even its idle samples, for 58 ms while the main thread's 1 ms timer was due and the other
 * CPU ran on; the server measured a 60.6 ms event-loop delay, 60.3 of it neither on a CPU
 * nor waiting for one. With the event loop's CPU kept awake, a whole day had no delay over
 * 20 ms. Hardware resumes an idle core in microseconds; a hall server in a virtual machine
 * wants its guest to poll before halting (cpuidle-haltpoll, or idle=poll), which this stands
 * in for. Only the server's CPUs: the load generators stand for devices elsewhere.
 *
 * A thread of this process that makes no system call: switching between it and the event
 * loop changes no address space, and it ends with the process, so a bench killed partway
 * leaves nothing spinning. BENCH_LET_CPUS_HALT=1 measures without them.
 */
export async function keepCpusAwake(cpus: number[]): Promise<() => Promise<void>> {
  if (!keepsCpusAwake()) return async () => undefined;
  const spinners: Worker[] = [];
  for (const cpu of cpus) {
    const before = new Set(threads());
    const spinner = new Worker('for (;;) {}', { eval: true });
    spinners.push(spinner);
    await once(spinner, 'online');
    // A worker is one thread of its own; V8's and libuv's threads were all started before.
    try {
      for (const tid of threads().filter((t) => !before.has(t))) {
        execFileSync('taskset', ['-p', '-c', String(cpu), String(tid)], { stdio: 'ignore' });
        if (!setSchedulingClass(tid, 'idle')) throw new Error('chrt');
      }
    } catch {
      // Left at the server's priority it would take turns with the event loop: stop it.
      await spinners.pop()!.terminate();
      console.warn('bench: could not keep the server\'s CPUs from halting (no chrt or taskset here?)');
    }
  }
  return async () => {
    await Promise.all(spinners.map((s) => s.terminate()));
  };
}
