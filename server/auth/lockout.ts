/**
 * Locks an account after repeated wrong passwords. The 工号 is on every window screen, so
 * it is no secret: the password is the only guard, and guessing it is kept slow for
 * everyone, whichever addresses the guesses come from. Kept in memory: a restart forgets
 * the count, which an attacker cannot cause.
 */
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;
/** Accounts tracked at once; unknown 工号 are tracked too, so a lock tells nothing about which exist. */
const MAX_TRACKED = 10_000;

interface Failures {
  count: number;
  firstAt: number;
  lockedUntil?: number;
}

export class LoginLockout {
  private readonly failures = new Map<string, Failures>();

  constructor(private readonly now: () => number) {}

  isLocked(staffNo: string): boolean {
    const f = this.failures.get(staffNo);
    return f?.lockedUntil !== undefined && f.lockedUntil > this.now();
  }

  recordFailure(staffNo: string): void {
    const now = this.now();
    let f = this.failures.get(staffNo);
    if (!f || now - f.firstAt > FAILURE_WINDOW_MS || (f.lockedUntil !== undefined && f.lockedUntil <= now)) {
      f = { count: 0, firstAt: now };
      this.failures.delete(staffNo);
      if (this.failures.size >= MAX_TRACKED) this.failures.delete(this.failures.keys().next().value!);
      this.failures.set(staffNo, f);
    }
    f.count++;
    if (f.count >= MAX_FAILURES) f.lockedUntil = now + LOCK_MS;
  }

  recordSuccess(staffNo: string): void {
    this.failures.delete(staffNo);
  }
}
