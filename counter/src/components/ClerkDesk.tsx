import { useEffect, useState } from 'preact/hooks';
import { rememberWindowId, type Session } from '../auth.ts';
import { useHallFeed } from '../use-hall-feed.ts';
import type { Say } from './Notice.tsx';
import { WindowPicker } from './WindowPicker.tsx';
import { Workbench } from './Workbench.tsx';

/** A clerk's session: choose a window and sign in, then work there until signing out. */
export function ClerkDesk({ session, onLogout, onExpired }: { session: Session; onLogout: () => void; onExpired: () => void }) {
  const feed = useHallFeed(session.token);
  const [windowId, setWindowId] = useState(session.staff.windowId);
  const [pickerNotice, setPickerNotice] = useState<{ say: Say }>();

  useEffect(() => {
    if (feed.connection === 'refused') onExpired();
  }, [feed.connection]);

  if (!windowId) {
    return (
      <WindowPicker
        hall={feed.hall}
        staff={session.staff}
        token={session.token}
        connection={feed.connection}
        notice={pickerNotice?.say}
        onSignedIn={(id) => {
          rememberWindowId(id);
          setPickerNotice(undefined);
          setWindowId(id);
        }}
        onLogout={onLogout}
        onExpired={onExpired}
      />
    );
  }
  return (
    <Workbench
      key={windowId}
      feed={feed}
      staff={session.staff}
      token={session.token}
      windowId={windowId}
      onSignedOut={(n) => {
        setPickerNotice({ say: (t) => ({ tone: 'success', title: t('picker.signedOut', { n }) }) });
        setWindowId(undefined);
      }}
      onLostWindow={(n) => {
        setPickerNotice({ say: (t) => ({ tone: 'error', title: t('picker.lostWindow', { n }) }) });
        setWindowId(undefined);
      }}
      onExpired={onExpired}
    />
  );
}
