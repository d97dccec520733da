import type { ConnectionState } from '../../../shared/ui/use-socket.ts';

/** Shown while the screen has lost the server; it reconnects by itself. */
export function ConnectionBanner({ state, text }: { state: ConnectionState; text: string }) {
  if (state !== 'offline') return null;
  return (
    <div class="connection-banner" role="status" aria-live="polite">
      <span class="connection-banner__dot" aria-hidden="true" />
      {text}
    </div>
  );
}
