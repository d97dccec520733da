import { useMemo, useState } from 'preact/hooks';
import type { WindowSnapshot } from '../../shared/events.ts';
import { followHall } from '../../shared/ui/hall-state.ts';
import { hallInLanguage } from '../../shared/ui/local-name.ts';
import { type ConnectionState, useSocket } from '../../shared/ui/use-socket.ts';
import type { HallView } from '../../shared/views.ts';
import { useLangChoice } from './use-t.ts';

export interface HallFeed {
  connection: ConnectionState;
  hall?: HallView;
  /** The full state of the window this clerk is signed in at, as last sent or fetched. */
  snapshot?: WindowSnapshot;
  setSnapshot: (update: (s: WindowSnapshot | undefined) => WindowSnapshot | undefined) => void;
  /** Counts hall snapshots: one on every (re)connection and after the day closes. */
  hallEpoch: number;
}

/** The staff socket: the hall (names in the app's language, windows, counts) and, when signed in, the clerk's own window. */
export function useHallFeed(token: string): HallFeed {
  const [hall, setHall] = useState<HallView>();
  const [snapshot, setSnapshot] = useState<WindowSnapshot>();
  const [hallEpoch, setHallEpoch] = useState(0);
  const connection = useSocket({ token }, (socket) => {
    socket.on('hall:snapshot', (h) => {
      setHall(h);
      setHallEpoch((n) => n + 1);
    });
    followHall(socket, setHall);
    // A staff socket is sent the clerk's projection of their window, never the screen's.
    socket.on('window:snapshot', (s) => setSnapshot(s as WindowSnapshot));
  });
  const { lang } = useLangChoice();
  const shown = useMemo(() => hall && hallInLanguage(hall, lang), [hall, lang]);
  return { connection, hall: shown, snapshot, setSnapshot, hallEpoch };
}
