/**
 * The server's time as this screen best knows it. A PC's clock drifts or is set wrong;
 * timers ("waiting 12 minutes") and wall clocks must agree with the times the server
 * stamps on tickets, so every snapshot carries the server's time and screens count from it.
 */
let offsetMs = 0;

export function noteServerTime(serverNow: number | undefined): void {
  if (typeof serverNow === 'number' && Number.isFinite(serverNow)) offsetMs = serverNow - Date.now();
}

export function serverTime(): number {
  return Date.now() + offsetMs;
}
