import type { ConnectionState } from '../../../shared/ui/use-socket.ts';
import { useT } from '../use-t.ts';

/** A small pill in the top bar: online, connecting or offline. */
export function ConnectionPill({ state }: { state: ConnectionState }) {
  const t = useT();
  const key = state === 'online' ? 'conn.online' : state === 'offline' ? 'conn.offlineShort' : 'conn.connecting';
  return (
    <span class={`conn-pill conn-pill--${state}`} data-testid="connection">
      <span class="conn-pill__dot" aria-hidden="true" />
      {t(key)}
    </span>
  );
}

/** Across the screen while the connection is down: the clerk must know the screen may be stale. */
export function OfflineBanner({ state }: { state: ConnectionState }) {
  const t = useT();
  if (state !== 'offline') return null;
  return (
    <div class="offline-banner" role="alert">
      <strong>{t('conn.offline')}</strong>
      <span>{t('conn.offlineHint')}</span>
    </div>
  );
}
