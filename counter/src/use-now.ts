import { useEffect, useState } from 'preact/hooks';
import { serverTime } from '../../shared/ui/server-clock.ts';

/** The current time, refreshed every `everyMs`; for live timers and "waiting for n minutes". */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => serverTime());
  useEffect(() => {
    const timer = setInterval(() => setNow(serverTime()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
