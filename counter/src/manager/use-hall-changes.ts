import { useEffect, useRef, useState } from 'preact/hooks';
import { type ConnectionState, useSocket } from '../../../shared/ui/use-socket.ts';

/** At most one refetch a second, however busy the hall; and one every 30 s regardless. */
const THROTTLE_MS = 1000;
const REFRESH_MS = 30_000;

/**
 * The manager's socket, used as a doorbell: every event that changes what the dashboard
 * shows bumps `version` (throttled), and the dashboard refetches its figures.
 */
export function useHallChanges(token: string): { connection: ConnectionState; version: number } {
  const [version, setVersion] = useState(0);
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  const bump = () => {
    if (timer.current) return;
    const wait = Math.max(0, last.current + THROTTLE_MS - Date.now());
    timer.current = setTimeout(() => {
      timer.current = undefined;
      last.current = Date.now();
      setVersion((v) => v + 1);
    }, wait);
  };

  const connection = useSocket({ token }, (socket) => {
    socket.on('hall:snapshot', bump);
    socket.on('hall:changes', bump);
    socket.on('printer:fault', bump);
    socket.on('outbox:changed', bump);
    socket.on('day:closed', bump);
  });

  useEffect(() => {
    const every = setInterval(bump, REFRESH_MS);
    return () => {
      clearInterval(every);
      clearTimeout(timer.current);
      timer.current = undefined;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return { connection, version };
}
