import type { TicketView } from '../../../shared/views.ts';
import type { MessageKey } from '../messages.ts';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** While waiting: how many are ahead and about how long, updated as the line moves. */
export function QueuePosition({ ticket, live, t }: { ticket: TicketView; live: boolean; t: T }) {
  return (
    <section class="position" aria-live="polite">
      <div class="position__figures">
        <div class="position__figure">
          <span class="position__label">{t('ahead')}</span>
          <span class="position__value">
            <strong data-ahead={ticket.ahead}>{ticket.ahead}</strong> {t('peopleUnit')}
          </span>
        </div>
        <div class="position__figure">
          <span class="position__label">{t('waitLabel')}</span>
          <span class="position__value">
            {ticket.windowsOpen === 0 ? (
              <span class="position__none">{t('noWindowOpen')}</span>
            ) : ticket.ahead === 0 ? (
              <span class="position__none">{t('noWait')}</span>
            ) : (
              <>
                {t('aboutPrefix')} <strong>{ticket.estimatedWaitMinutes}</strong> {t('minutesUnit')}
              </>
            )}
          </span>
        </div>
      </div>
      {ticket.windowsOpen === 0 ? <p class="position__next">{t('noWindowOpenHint')}</p> : ticket.ahead === 0 && <p class="position__next">{t('nextUp')}</p>}
      {live && (
        <p class="position__live">
          <span class="live-dot" aria-hidden="true" />
          {t('liveUpdate')}
        </p>
      )}
    </section>
  );
}
