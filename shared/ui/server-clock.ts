/**
 * The server's time as this screen best knows it. A PC's clock drifts or is set wrong;
 * timers ("waiting 12 minutes") and wall clocks must agree with the times the server
 * stamps on tickets, so every snapshot carries the server's time and screens count from it.
 */
let offsetMs = 0;
const listeners = new Set<() => void>();

export function noteServerTime(serverNow: number | undefined): void {
  if (typeof serverNow !== 'number' || !Number.isFinite(serverNow)) return;
  const next = serverNow - Date.now();
  const moved = Math.abs(next - offsetMs) > 1000;
  offsetMs = next;
  // Timers drawn before the first snapshot counted from this PC's clock: redraw them now.
  if (moved) for (const l of listeners) l();
}

export function serverTime(): number {
  return Date.now() + offsetMs;
}

/** Told when the server's time turns out to differ from what this screen assumed. */
export function onServerTimeChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
