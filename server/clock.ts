/** Time as a dependency, so tests can run a whole business day in milliseconds. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(private t: number) {}
  now(): number {
    return this.t;
  }
  set(t: number | string | Date): void {
    this.t = typeof t === 'number' ? t : new Date(t).getTime();
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/**
 * The system clock shifted to start at `start` and then run at real speed. For tests that
 * need a server in its own process at a chosen moment (e.g. just before midnight):
 * `HALL_CLOCK_START` in the environment.
 */
export function offsetClock(start: number | string): Clock {
  const startMs = typeof start === 'number' ? start : Date.parse(start);
  if (!Number.isFinite(startMs)) throw new Error(`HALL_CLOCK_START: "${String(start)}" is not a time such as "2026-11-26T23:59:50+08:00"`);
  const t0 = Date.now();
  return { now: () => startMs + (Date.now() - t0) };
}
