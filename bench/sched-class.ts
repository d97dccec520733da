import { execFileSync } from 'node:child_process';

/**
 * Put thread `tid` (with `allTasks`, every thread of process `tid`) into a scheduling class
 * with `chrt`: `fifo` real-time at its lowest priority, `idle` below every normal thread,
 * `other` the normal class. False where it cannot (not root, no chrt, the thread gone).
 */
export function setSchedulingClass(tid: number, policy: 'fifo' | 'idle' | 'other', { allTasks = false } = {}): boolean {
  try {
    execFileSync('chrt', [...(allTasks ? ['--all-tasks'] : []), `--${policy}`, '-p', policy === 'fifo' ? '1' : '0', String(tid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
