import type { Lang } from '../../../shared/ui/i18n.ts';
import { localName } from '../../../shared/ui/local-name.ts';
import type { TicketView } from '../../../shared/views.ts';
import type { MessageKey } from '../messages.ts';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function statusText(t: T, ticket: TicketView): string {
  if (ticket.status === 'called') return t('goToWindow', { n: ticket.window?.number ?? '' });
  if (ticket.status === 'done' && ticket.outcome) return t('outcomeStatus', { outcome: t(`outcome.${ticket.outcome.end}`) });
  return t(`status.${ticket.status}`);
}

/** The number as large as a phone allows, what it is for, and its status in words. */
export function TicketSummary({ ticket, lang, t }: { ticket: TicketView; lang: Lang; t: T }) {
  return (
    <section class="summary">
      <p class="summary__label">{t('yourNumber')}</p>
      <p class="summary__number" data-number={ticket.number}>
        {ticket.number}
      </p>
      {ticket.priority && <p class="badge badge--priority">{t('priorityTitle')}</p>}
      <p class="summary__service">{localName(lang, ticket.serviceName, ticket.serviceNameEn)}</p>
      {ticket.departmentName && <p class="summary__department">{localName(lang, ticket.departmentName, ticket.departmentNameEn)}</p>}
      {/* 退回 is not a success: it takes the warning colour, not the done green. */}
      <p class={`status-pill status-pill--${ticket.outcome?.end === 'rejected' ? 'returned' : ticket.status}`} data-status={ticket.status}>
        {statusText(t, ticket)}
      </p>
    </section>
  );
}
