import { useState } from 'preact/hooks';
import type { HallView } from '../../shared/views.ts';
import { type ConnectionState, useSocket } from '../../shared/ui/use-socket.ts';
import { applyCounts, applyWindow } from './hall-state.ts';

/** The hall as a kiosk sees it, live: a snapshot on every (re)connection, then deltas. */
export function useHall(key: string | undefined): { hall?: HallView; connection: ConnectionState } {
  const [hall, setHall] = useState<HallView>();
  const connection = useSocket(key ? { key } : undefined, (socket) => {
    socket.on('hall:snapshot', (snapshot) => setHall(snapshot));
    socket.on('queue:counts', (counts) => setHall((h) => (h ? applyCounts(h, counts) : h)));
    socket.on('window:state', (w) => setHall((h) => (h ? applyWindow(h, w) : h)));
  });
  return { hall, connection };
}
