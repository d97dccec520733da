import { useEffect, useRef, useState } from 'preact/hooks';
import type { Lang } from '../../../shared/ui/i18n.ts';
import { hallInLanguage } from '../../../shared/ui/local-name.ts';
import { applyCall, followHall, showsCall } from '../../../shared/ui/hall-state.ts';
import { useSocket } from '../../../shared/ui/use-socket.ts';
import type { HallView } from '../../../shared/views.ts';
import type { T } from '../messages.ts';
import { useAnnouncer } from '../use-announcer.ts';
import { Clock } from './Clock.tsx';
import { ConnectionNotice } from './ConnectionNotice.tsx';
import { callsOnBoard } from '../../../shared/ui/calls-on-board.ts';
import { LatestCall } from './LatestCall.tsx';
import { RecentCalls } from './RecentCalls.tsx';
import { StatusScreen } from './StatusScreen.tsx';
import { WaitingBoard } from './WaitingBoard.tsx';
import { WindowBoard } from './WindowBoard.tsx';

/** How long a new call flashes. */
const FLASH_MS = 8_000;
const RECENT_SHOWN = 8;

/** The hall's wall screen (综合屏): calls shown and spoken, windows, waiting counts. */
export function HallScreen({ deviceKey, lang, t }: { deviceKey?: string; lang: Lang; t: T }) {
  const [hallView, setHall] = useState<HallView>();
  const hall = hallView && hallInLanguage(hallView, lang);
  const [flashId, setFlashId] = useState<string>();
  const [windowKey, setWindowKey] = useState(false);
  const shown = useRef<HallView>();
  const announcer = useAnnouncer();

  const connection = useSocket(deviceKey ? { key: deviceKey } : undefined, (socket) => {
    socket.on('hall:snapshot', (snapshot) => {
      // Calls made while the screen was away are in the snapshot, shown but not spoken.
      shown.current = snapshot;
      setHall(snapshot);
    });
    socket.on('window:snapshot', () => setWindowKey(true));
    followHall(socket, setHall, (call) => {
      if (!shown.current || !showsCall(shown.current, call)) return;
      setHall((h) => h && applyCall(h, call));
      setFlashId(call.id);
      announcer.announce(call);
    });
    // A disconnect the server asked for would not be retried by Socket.IO; a wall screen must come back anyway.
    socket.on('disconnect', (reason) => {
      if (reason === 'io server disconnect') socket.connect();
    });
  });

  useEffect(() => {
    if (!flashId) return;
    const timer = setTimeout(() => setFlashId(undefined), FLASH_MS);
    return () => clearTimeout(timer);
  }, [flashId]);

  if (!deviceKey) return <StatusScreen tone="error" title={t('noKey')} hint={t('refusedHint')} />;
  if (connection === 'refused') return <StatusScreen tone="error" title={t('refused')} hint={t('refusedHint')} heading={hall?.name} />;
  if (windowKey) return <StatusScreen tone="error" title={t('keyIsWindow')} hint={t('keyIsWindowHint')} />;
  if (!hall) return <StatusScreen title={t(connection === 'offline' ? 'offline' : 'connecting')} />;

  // "Now calling" only while the window still calls that number; the rest, each number once.
  const { calling: latest, earlier } = callsOnBoard(hall.recentCalls, hall.windows);
  const flashing = !!latest && latest.id === flashId;
  return (
    <div class="hall-screen" data-connection={connection}>
      <header class="hall-header">
        <div class="hall-header__brand">
          <span class="hall-header__emblem" aria-hidden="true">政</span>
          <div>
            <h1 class="hall-header__name">{hall.name}</h1>
            <p class="hall-header__sub">{t('screenTitleHall')}</p>
          </div>
        </div>
        <Clock lang={lang} timeZone={hall.timezone} />
      </header>
      <ConnectionNotice state={connection} t={t} />
      <main class="hall-main">
        <LatestCall call={latest} flashing={flashing} t={t} calledBefore={earlier.length > 0} />
        <RecentCalls calls={earlier.slice(0, RECENT_SHOWN)} timeZone={hall.timezone} t={t} />
        <WindowBoard windows={hall.windows} highlight={flashing ? latest.windowId : undefined} t={t} />
        <WaitingBoard services={hall.services} ticketingOpen={hall.ticketingOpen} t={t} />
      </main>
      <footer class="hall-footer">
        <span>{t('notice')}</span>
        {!hall.ticketingOpen && <span class="hall-footer__closed">{t('ticketingClosed')}</span>}
      </footer>
    </div>
  );
}
