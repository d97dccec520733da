import { useEffect, useState } from 'preact/hooks';
import { onServerTimeChange, serverTime } from './server-clock.ts';

/**
 * The server's current time (server-clock.ts), refreshed every `everyMs` on the full
 * period so a clock ticks evenly, and at once when the server's time becomes known.
 * One hook for every screen's clocks and "waiting n minutes".
 */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => serverTime());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      setNow(serverTime());
      timer = setTimeout(tick, everyMs - (serverTime() % everyMs) + 5);
    };
    timer = setTimeout(tick, everyMs - (serverTime() % everyMs) + 5);
    const off = onServerTimeChange(() => setNow(serverTime()));
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [everyMs]);
  return now;
}
