import type { TicketView } from '../../../shared/views.ts';
import { apiRequest } from '../../../shared/ui/api.ts';
import type { MessageKey } from '../messages.ts';
import { type TicketHolder, ticketPath } from '../use-ticket.ts';
import { ConfirmCancel } from './ConfirmCancel.tsx';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Cancel while waiting, from the ticket's phone page. */
export function CancelTicket({ holder, number, t, onCancelled }: { holder: TicketHolder; number: string; t: T; onCancelled: (ticket: TicketView) => void }) {
  return (
    <ConfirmCancel
      text={{ open: t('cancelTicket'), question: t('cancelQuestion', { n: number }), no: t('cancelNo'), yes: t('cancelYes'), busy: t('cancelling') }}
      cancel={async () => onCancelled((await apiRequest<{ ticket: TicketView }>('POST', ticketPath(holder, '/cancel'), { body: {} })).ticket)}
    />
  );
}
