import { useEffect, useState } from 'preact/hooks';

/** The current time, refreshed every `everyMs`; for live timers and "waiting for n minutes". */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
