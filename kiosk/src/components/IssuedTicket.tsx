import { useEffect, useState } from 'preact/hooks';
import type { IssueResult } from '../issue.ts';
import type { MessageKey } from '../messages.ts';
import { useCountdown } from '../use-timers.ts';
import { QrCode } from './QrCode.tsx';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Seconds the ticket stays on screen before the kiosk is ready for the next citizen. */
export const SHOW_TICKET_SECONDS = 15;

interface Props {
  result: IssueResult;
  serviceName: string;
  departmentName: string;
  t: T;
  onDone: () => void;
}

const PRINT_TEXT: Record<IssueResult['print']['status'], MessageKey> = {
  printed: 'printPrinted',
  browser: 'printBrowser',
  failed: 'printFailed',
  none: 'printNone',
};

/** The issued ticket on screen: the number large, where it stands in line, the QR code, and whether the slip printed. */
export function IssuedTicket({ result, serviceName, departmentName, t, onDone }: Props) {
  const left = useCountdown(SHOW_TICKET_SECONDS, onDone);
  const { ticket, print } = result;
  const failed = print.status === 'failed' || print.status === 'none';
  const printing = usePrinting(print.status === 'browser');
  return (
    <div class="issued">
      <p class={`print-status print-status--${failed ? 'warn' : 'ok'}`} role="status" data-print={print.status}>
        <span class={`print-status__icon${printing ? ' print-status__icon--busy' : ''}`} aria-hidden="true">
          {failed ? '!' : printing ? '' : '✓'}
        </span>
        <span>
          {t(print.status === 'browser' && !printing ? 'printBrowserDone' : PRINT_TEXT[print.status])}
          {print.status === 'failed' && <span class="print-status__sub">{t('ticketStillValid')}</span>}
        </span>
      </p>

      <article class="ticket-card" aria-label={t('yourNumber')}>
        <div class="ticket-card__head">
          <p class="ticket-card__label">{t('yourNumber')}</p>
          <p class="ticket-card__number" data-number={ticket.number}>
            {ticket.number}
          </p>
          {ticket.priority && <p class="ticket-card__priority">{t('priorityTitle')}</p>}
          {ticket.appointment && (
            <p class="ticket-card__booked" data-testid="ticket-booked">
              {t('appointmentBadge')}
            </p>
          )}
          <p class="ticket-card__service">{serviceName}</p>
          <p class="ticket-card__department">{departmentName}</p>
          {ticket.appointmentLate && (
            <p class="ticket-card__late" role="note" data-testid="ticket-late">
              {t('appointmentLateNote')}
            </p>
          )}
        </div>
        <div class="ticket-card__perforation" aria-hidden="true" />
        <div class="ticket-card__body">
          <dl class="ticket-card__stats">
            <div>
              <dt>{t('ahead')}</dt>
              <dd data-ahead={ticket.ahead}>
                <strong>{ticket.ahead}</strong> {t('peopleUnit')}
              </dd>
            </div>
            <div>
              <dt>{t('waitLabel')}</dt>
              <dd>
                {ticket.windowsOpen === 0 ? (
                  t('noWindowOpen')
                ) : ticket.ahead === 0 ? (
                  t('noWait')
                ) : (
                  <>
                    {t('aboutPrefix')} <strong>{ticket.estimatedWaitMinutes}</strong> {t('minutesUnit')}
                  </>
                )}
              </dd>
            </div>
          </dl>
          <div class="ticket-card__qr">
            <QrCode text={ticket.statusUrl} label={t('scanHint')} class="qr" />
            <p>
              <span>{t('scanFollow')}</span>
              <span>{t('scanRate')}</span>
            </p>
          </div>
        </div>
        <p class="ticket-card__notice">{t('notice')}</p>
      </article>

      <button type="button" class="button button--primary issued__done" onClick={onDone}>
        {t('done')}
        <span class="issued__countdown">{t('returnIn', { n: left })}</span>
      </button>
    </div>
  );
}

/** How long a browser print may take before the screen stops saying 正在打印. */
const PRINT_SETTLE_MS = 5000;

/**
 * While the page's own slip is printing: until the browser says it has printed
 * (afterprint), or a few seconds at most, so 正在打印 never stays up for good.
 */
function usePrinting(browserPrint: boolean): boolean {
  const [printing, setPrinting] = useState(browserPrint);
  useEffect(() => {
    if (!browserPrint) return;
    const done = () => setPrinting(false);
    window.addEventListener('afterprint', done);
    const timer = setTimeout(done, PRINT_SETTLE_MS);
    return () => {
      window.removeEventListener('afterprint', done);
      clearTimeout(timer);
    };
  }, [browserPrint]);
  return printing;
}
