import { useState } from 'preact/hooks';
import type { WindowSnapshot } from '../../shared/events.ts';
import { type ConnectionState, useSocket } from '../../shared/ui/use-socket.ts';
import type { HallView, QueueCount, WindowView } from '../../shared/views.ts';

export interface HallFeed {
  connection: ConnectionState;
  hall?: HallView;
  /** The full state of the window this clerk is signed in at, as last sent or fetched. */
  snapshot?: WindowSnapshot;
  setSnapshot: (update: (s: WindowSnapshot | undefined) => WindowSnapshot | undefined) => void;
  /** Counts hall snapshots: one on every (re)connection and after the day closes. */
  hallEpoch: number;
}

function withCounts(hall: HallView, counts: QueueCount[]): HallView {
  const byId = new Map(counts.map((c) => [c.serviceId, c]));
  return { ...hall, services: hall.services.map((s) => (byId.has(s.id) ? { ...s, ...byId.get(s.id) } : s)) };
}

function withWindow(hall: HallView, w: WindowView): HallView {
  return { ...hall, windows: hall.windows.map((x) => (x.id === w.id ? w : x)) };
}

/** The staff socket: the hall (names, windows, counts) and, when signed in, the clerk's own window. */
export function useHallFeed(token: string): HallFeed {
  const [hall, setHall] = useState<HallView>();
  const [snapshot, setSnapshot] = useState<WindowSnapshot>();
  const [hallEpoch, setHallEpoch] = useState(0);
  const connection = useSocket({ token }, (socket) => {
    socket.on('hall:snapshot', (h) => {
      setHall(h);
      setHallEpoch((n) => n + 1);
    });
    socket.on('queue:counts', (counts) => setHall((h) => h && withCounts(h, counts)));
    socket.on('window:state', (w) => setHall((h) => h && withWindow(h, w)));
    // A staff socket is sent the clerk's projection of their window, never the screen's.
    socket.on('window:snapshot', (s) => setSnapshot(s as WindowSnapshot));
  });
  return { connection, hall, snapshot, setSnapshot, hallEpoch };
}
