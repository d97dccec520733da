import type { ConnectionState } from '../../../shared/ui/use-socket.ts';
import type { T } from '../messages.ts';

/** While the screen is cut off it says so, over the last state it knew. */
export function ConnectionNotice({ state, t }: { state: ConnectionState; t: T }) {
  if (state === 'online') return null;
  return (
    <div class="connection-notice" role="alert" data-connection={state}>
      <span class="connection-notice__dot" aria-hidden="true" />
      <strong>{t(state === 'connecting' ? 'connecting' : 'offline')}</strong>
      <span class="connection-notice__hint">{t('offlineHint')}</span>
    </div>
  );
}
