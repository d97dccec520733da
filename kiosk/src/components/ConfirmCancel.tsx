import { useState } from 'preact/hooks';
import { ApiError } from '../../../shared/ui/api.ts';

export interface ConfirmCancelText {
  open: string;
  question: string;
  no: string;
  yes: string;
  busy: string;
}

/**
 * A cancel button with its confirm step on the page itself (no pop-up), for a ticket or a
 * booking: `cancel` does it; a refusal is said under the question (`refusal` may word one).
 */
export function ConfirmCancel({ text, cancel, refusal, testId }: { text: ConfirmCancelText; cancel: () => Promise<void>; refusal?: (e: ApiError) => string | undefined; testId?: string }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function confirm() {
    setBusy(true);
    setError(undefined);
    try {
      await cancel();
    } catch (e) {
      setError(e instanceof ApiError ? (refusal?.(e) ?? e.message) : String(e));
      setBusy(false);
    }
  }

  if (!asking) {
    return (
      <button type="button" class="phone-button phone-button--quiet cancel-open" data-testid={testId} onClick={() => setAsking(true)}>
        {text.open}
      </button>
    );
  }
  return (
    <section class="cancel-confirm" role="group" aria-label={text.open}>
      <p class="cancel-confirm__question">{text.question}</p>
      {error && (
        <p class="phone-error" role="alert">
          {error}
        </p>
      )}
      <div class="cancel-confirm__actions">
        <button type="button" class="phone-button phone-button--secondary" onClick={() => setAsking(false)} disabled={busy}>
          {text.no}
        </button>
        <button type="button" class="phone-button phone-button--danger" data-testid={testId && `${testId}-yes`} onClick={confirm} disabled={busy}>
          {busy ? text.busy : text.yes}
        </button>
      </div>
    </section>
  );
}
