import type { ServiceView } from '../../../shared/views.ts';
import type { T } from '../messages.ts';
import { usePages } from '../use-pages.ts';

const PER_PAGE = 9;

/** How many wait for each service and roughly how long a new ticket would wait. */
export function WaitingBoard({ services, ticketingOpen, t }: { services: ServiceView[]; ticketingOpen: boolean; t: T }) {
  const { items, page, pages } = usePages(services, PER_PAGE);
  return (
    <section class="panel waiting-board">
      <h2 class="panel__title">
        {t('waitingTitle')}
        {pages > 1 && <span class="panel__page">{t('page', { n: page + 1, of: pages })}</span>}
      </h2>
      {services.length === 0 ? (
        <p class="panel__empty">{t('noServices')}</p>
      ) : (
        <ul class="waiting-board__list">
          {items.map((s) => (
            <li class="waiting-row" key={s.id} data-service-id={s.id}>
              <span class="waiting-row__prefix">{s.prefix}</span>
              <span class="waiting-row__name">{s.name}</span>
              <span class="waiting-row__count">
                <strong>{s.waiting}</strong>
                <small>{t('waitingUnit')}</small>
              </span>
              <span class={`waiting-row__wait${!s.open && ticketingOpen ? ' waiting-row__wait--closed' : ''}`}>{waitText(s, ticketingOpen, t)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function waitText(s: ServiceView, ticketingOpen: boolean, t: T): string {
  if (!s.open && s.closedReason === 'cap') return t('capReached');
  if (!ticketingOpen) return '';
  if (s.windowsOpen === 0) return t('noWindowOpen');
  return s.waiting === 0 ? t('noWait') : t('estimatedWait', { n: s.estimatedWaitMinutes });
}
