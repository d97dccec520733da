import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { WindowScreenSnapshot } from '../../../shared/events.ts';
import { apiRequest } from '../../../shared/ui/api.ts';
import type { Lang } from '../../../shared/ui/i18n.ts';
import { hallInLanguage } from '../../../shared/ui/local-name.ts';
import { useSocket } from '../../../shared/ui/use-socket.ts';
import type { HallView, RatingRequest } from '../../../shared/views.ts';
import type { T } from '../messages.ts';
import { Clock } from './Clock.tsx';
import { ConnectionNotice } from './ConnectionNotice.tsx';
import { RatingPad } from './RatingPad.tsx';
import { StatusScreen } from './StatusScreen.tsx';
import { WindowInfo } from './WindowInfo.tsx';

const HALL_RETRY_MS = 15_000;

interface Props {
  deviceKey?: string;
  windowId: string;
  lang: Lang;
  t: T;
  onToggleLang: () => void;
}

/** The screen at a window (窗口屏): who serves here and whom, then the citizen's 好差评 pad after each visit. */
export function WindowScreen({ deviceKey, windowId, lang, t, onToggleLang }: Props) {
  const [snapshot, setSnapshot] = useState<WindowScreenSnapshot>();
  const [hallView, setHall] = useState<HallView>();
  const hall = hallView && hallInLanguage(hallView, lang);
  const [request, setRequest] = useState<RatingRequest>();
  const [hallKey, setHallKey] = useState(false);
  // Visits the pad is done with (rated, closed or timed out): the server offers a request for a while, we ask once.
  const finished = useRef(new Set<string>());
  const ratingHere = useRef<string>();

  const offer = useCallback((r: RatingRequest | undefined) => {
    if (!r || finished.current.has(r.visitId)) return;
    setRequest((current) => (current?.visitId === r.visitId ? current : r));
  }, []);

  const connection = useSocket(deviceKey ? { key: deviceKey } : undefined, (socket) => {
    socket.on('window:snapshot', (s) => {
      setSnapshot(s);
      offer(s.ratingRequest);
    });
    socket.on('rating:request', offer);
    socket.on('hall:snapshot', () => setHallKey(true));
    socket.on('rating:closed', ({ visitId }) => {
      finished.current.add(visitId);
      // Rated on the phone: stop asking. Rated here: the pad is saying thank you, let it.
      if (ratingHere.current !== visitId) setRequest((current) => (current?.visitId === visitId ? undefined : current));
    });
    socket.on('disconnect', (reason) => {
      if (reason === 'io server disconnect') socket.connect();
    });
  });

  // Department names are not in the window's snapshot; the public hall view has them.
  useEffect(() => {
    if (connection !== 'online') return;
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      apiRequest<HallView>('GET', '/hall')
        .then((h) => !cancelled && setHall(h))
        .catch(() => {
          if (!cancelled) retry = setTimeout(load, HALL_RETRY_MS);
        });
    };
    load();
    return () => {
      cancelled = true;
      clearTimeout(retry);
    };
  }, [connection]);

  const closePad = useCallback((visitId: string) => {
    finished.current.add(visitId);
    ratingHere.current = undefined;
    setRequest((current) => (current?.visitId === visitId ? undefined : current));
  }, []);

  if (!deviceKey) return <StatusScreen tone="error" title={t('noKey')} hint={t('refusedHint')} />;
  if (connection === 'refused') return <StatusScreen tone="error" title={t('refused')} hint={t('refusedHint')} />;
  if (hallKey && !snapshot) return <StatusScreen tone="error" title={t('keyIsHall')} hint={t('keyIsHallHint')} />;
  if (!snapshot) return <StatusScreen title={t(connection === 'offline' ? 'offline' : 'connecting')} />;
  if (snapshot.window.id !== windowId) return <StatusScreen tone="error" title={t('wrongWindow', { n: snapshot.window.number })} hint={t('wrongWindowHint')} />;

  return (
    <div class="window-screen" data-connection={connection}>
      <header class="window-header">
        <span class="window-header__hall">{hall?.name ?? ''}</span>
        <Clock lang={lang} />
        <button type="button" class="lang-toggle" onClick={onToggleLang}>
          {t('langSwitch')}
        </button>
      </header>
      <ConnectionNotice state={connection} t={t} />
      <WindowInfo snapshot={snapshot} hall={hall} lang={lang} t={t} />
      {request && (
        <RatingPad
          key={request.visitId}
          request={request}
          where={[hall?.name, t('windowNumber', { n: snapshot.window.number })].filter(Boolean).join(' · ')}
          windowId={windowId}
          deviceKey={deviceKey}
          lang={lang}
          t={t}
          onSubmitting={(visitId) => (ratingHere.current = visitId)}
          onClose={closePad}
        />
      )}
    </div>
  );
}
