import { useEffect, useState } from 'preact/hooks';
import { serverTime } from '../../shared/ui/server-clock.ts';

/** The current time, refreshed every `everyMs`, aligned to the full second so a clock ticks evenly. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => serverTime());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      setNow(serverTime());
      timer = setTimeout(tick, everyMs - (Date.now() % everyMs) + 5);
    };
    timer = setTimeout(tick, everyMs - (Date.now() % everyMs) + 5);
    return () => clearTimeout(timer);
  }, [everyMs]);
  return now;
}
