import { useState } from 'preact/hooks';
import { ApiError } from '../../../shared/ui/api.ts';
import { type AppointmentView, appointmentsApi, type BookingHolder } from '../appointments-api.ts';
import type { MessageKey } from '../messages.ts';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** 取消预约, with a confirm step on the page itself (no pop-up). */
export function CancelBooking({ holder, when, t, onCancelled }: { holder: BookingHolder; when: string; t: T; onCancelled: (a: AppointmentView) => void }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function cancel() {
    setBusy(true);
    setError(undefined);
    try {
      onCancelled((await appointmentsApi.cancel(holder)).appointment);
    } catch (e) {
      setError(e instanceof ApiError && (e.code as string) === 'CANCEL_TOO_LATE' ? t('bookCancelTooLate') : e instanceof ApiError ? e.message : String(e));
      setBusy(false);
    }
  }

  if (!asking) {
    return (
      <button type="button" class="phone-button phone-button--quiet cancel-open" data-testid="cancel-booking" onClick={() => setAsking(true)}>
        {t('cancelBooking')}
      </button>
    );
  }
  return (
    <section class="cancel-confirm" role="group" aria-label={t('cancelBooking')}>
      <p class="cancel-confirm__question">{t('cancelBookingQuestion', { when })}</p>
      {error && (
        <p class="phone-error" role="alert">
          {error}
        </p>
      )}
      <div class="cancel-confirm__actions">
        <button type="button" class="phone-button phone-button--secondary" onClick={() => setAsking(false)} disabled={busy}>
          {t('cancelBookingNo')}
        </button>
        <button type="button" class="phone-button phone-button--danger" data-testid="cancel-booking-yes" onClick={cancel} disabled={busy}>
          {busy ? t('cancelling') : t('cancelBookingYes')}
        </button>
      </div>
    </section>
  );
}
