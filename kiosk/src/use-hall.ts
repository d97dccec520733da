import { useState } from 'preact/hooks';
import type { HallView } from '../../shared/views.ts';
import { followHall } from '../../shared/ui/hall-state.ts';
import { type ConnectionState, useSocket } from '../../shared/ui/use-socket.ts';

/** The hall as a kiosk sees it, live: a snapshot on every (re)connection, then deltas. */
export function useHall(key: string | undefined): { hall?: HallView; connection: ConnectionState } {
  const [hall, setHall] = useState<HallView>();
  const connection = useSocket(key ? { key } : undefined, (socket) => {
    socket.on('hall:snapshot', (snapshot) => setHall(snapshot));
    followHall(socket, setHall);
  });
  return { hall, connection };
}
