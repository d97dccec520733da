import { useEffect, useRef, useState } from 'preact/hooks';
import { io, type Socket } from 'socket.io-client';
import { noteServerTime } from './server-clock.ts';
import { type ClientToServerEvents, type ServerToClientEvents, type SocketAuth, socketPath } from '../events.ts';

export type HallSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectionState = 'connecting' | 'online' | 'offline' | 'refused';

/**
 * One Socket.IO connection for a screen. It reconnects by itself forever (a screen may be
 * left alone for weeks); every (re)connection brings a full snapshot from the server, so
 * handlers only need to replace state. `refused` means the credential was not accepted.
 */
export function useSocket(auth: SocketAuth | undefined, bind: (socket: HallSocket) => void): ConnectionState {
  const [state, setState] = useState<ConnectionState>('connecting');
  const bindRef = useRef(bind);
  bindRef.current = bind;
  const authKey = JSON.stringify(auth ?? null);

  useEffect(() => {
    if (!auth) {
      setState('refused');
      return;
    }
    const socket: HallSocket = io({
      path: socketPath,
      auth,
      transports: ['websocket', 'polling'],
      reconnectionDelay: 1000,
      reconnectionDelayMax: 5000,
    });
    socket.on('hall:snapshot', (hall) => noteServerTime(hall.serverNow));
    socket.on('window:snapshot', (snapshot) => noteServerTime(snapshot.serverNow));
    bindRef.current(socket);
    socket.on('connect', () => setState('online'));
    // The server lets a client go only when its credential ended (a staff logout or expiry).
    socket.on('disconnect', (reason) => setState(reason === 'io server disconnect' ? 'refused' : 'offline'));
    let retry: ReturnType<typeof setTimeout> | undefined;
    // A refusal by the server (it carries a code) is not retried by Socket.IO itself.
    const retryIn = (ms: number) => {
      clearTimeout(retry);
      retry = setTimeout(() => socket.connect(), ms);
    };
    socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
      const code = err.data?.code;
      if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' || code === 'TICKET_NOT_FOUND') {
        setState('refused');
        // A wrong key will not become right by retrying fast; try again slowly in case it was fixed.
        retryIn(30_000);
      } else {
        setState('offline');
        // Too many screens at once after a restart, or a passing fault: come back spread out.
        if (code) retryIn(5_000 + Math.random() * 10_000);
      }
    });
    return () => {
      clearTimeout(retry);
      socket.removeAllListeners();
      socket.disconnect();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [authKey]);

  return state;
}
