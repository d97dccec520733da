import { useState } from 'preact/hooks';
import type { TicketView } from '../../../shared/views.ts';
import { ApiError, apiRequest } from '../../../shared/ui/api.ts';
import type { MessageKey } from '../messages.ts';
import { type TicketHolder, ticketPath } from '../use-ticket.ts';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Cancel while waiting, with a confirm step on the page itself (no pop-up). */
export function CancelTicket({ holder, number, t, onCancelled }: { holder: TicketHolder; number: string; t: T; onCancelled: (ticket: TicketView) => void }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function cancel() {
    setBusy(true);
    setError(undefined);
    try {
      const { ticket } = await apiRequest<{ ticket: TicketView }>('POST', ticketPath(holder, '/cancel'), { body: {} });
      onCancelled(ticket);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      setBusy(false);
    }
  }

  if (!asking) {
    return (
      <button type="button" class="phone-button phone-button--quiet cancel-open" onClick={() => setAsking(true)}>
        {t('cancelTicket')}
      </button>
    );
  }
  return (
    <section class="cancel-confirm" role="group" aria-label={t('cancelTicket')}>
      <p class="cancel-confirm__question">{t('cancelQuestion', { n: number })}</p>
      {error && (
        <p class="phone-error" role="alert">
          {error}
        </p>
      )}
      <div class="cancel-confirm__actions">
        <button type="button" class="phone-button phone-button--secondary" onClick={() => setAsking(false)} disabled={busy}>
          {t('cancelNo')}
        </button>
        <button type="button" class="phone-button phone-button--danger" onClick={cancel} disabled={busy}>
          {busy ? t('cancelling') : t('cancelYes')}
        </button>
      </div>
    </section>
  );
}
