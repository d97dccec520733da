import type { ApiError } from '../../../../shared/ui/api.ts';
import { useT } from '../../use-t.ts';

/** Loading, empty and error states, each in plain words. */

export function Loading() {
  const t = useT();
  return (
    <p class="mgr-note mgr-note--loading" role="status">
      <span class="mgr-spinner" aria-hidden="true" />
      {t('loading')}
    </p>
  );
}

export function Empty({ text }: { text: string }) {
  return <p class="mgr-note mgr-note--empty">{text}</p>;
}

/** The server's own message (already human Chinese), with a retry. */
export function ErrorNote({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const t = useT();
  return (
    <div class="mgr-note mgr-note--error" role="alert">
      <span>{error.message}</span>
      {onRetry && (
        <button type="button" class="mgr-btn mgr-btn--small" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}
