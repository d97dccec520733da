import { formatTime, minutesBetween } from '../../../shared/ui/format.ts';
import type { CurrentTicketView } from '../../../shared/views.ts';
import { minutesText, timerText } from '../durations.ts';
import { useNow } from '../../../shared/ui/use-now.ts';
import { useT } from '../use-t.ts';

/**
 * The ticket at the window, large: number, service, how long they waited, how often called;
 * for a booking's ticket, its slot and the citizen's phone (masked), so the clerk can check who came.
 */
export function CurrentTicket({ current, serviceName }: { current: CurrentTicketView; serviceName: string }) {
  const t = useT();
  const now = useNow(1000);
  const serving = current.status === 'serving';
  const since = serving ? (current.startedAt ?? current.calledAt) : current.calledAt;
  const booking = current.appointment;
  const booked = booking && !booking.late && booking.start !== undefined && booking.end !== undefined;
  return (
    <section class={`ticket ticket--${current.status}`} aria-label={t('current.label')} data-testid="current-ticket">
      <div class="ticket__head">
        <span class="ticket__label">{t('current.label')}</span>
        <span class={`state state--${current.status}`} data-testid="ticket-state">
          {t(serving ? 'status.serving' : 'status.called')}
        </span>
        <span class="ticket__timer" aria-live="off">
          {t(serving ? 'state.servingFor' : 'state.calledFor', { t: timerText(now - since) })}
        </span>
      </div>
      <div class="ticket__main">
        <span class="ticket__number" data-testid="current-number">
          {current.number}
        </span>
        <div class="ticket__what">
          <span class="ticket__service">{serviceName}</span>
          {current.priority && <span class="badge badge--priority">{t('priority')}</span>}
          {booked && (
            <span class="badge state--called" data-testid="appointment-badge">
              {t('appointment.badge')}
            </span>
          )}
          {booking?.late && (
            <span class="badge chip--paused" data-testid="appointment-late">
              {t('appointment.late')}
            </span>
          )}
        </div>
      </div>
      <dl class="ticket__facts">
        <div>
          <dt>{t('fact.waited')}</dt>
          <dd data-testid="waited">{minutesText(minutesBetween(current.issuedAt, current.calledAt), t)}</dd>
        </div>
        <div>
          <dt>{t('fact.calls')}</dt>
          <dd data-testid="call-count">{t('fact.callCount', { n: current.callCount })}</dd>
        </div>
        <div>
          <dt>{t('fact.issuedAt')}</dt>
          <dd>{formatTime(current.issuedAt)}</dd>
        </div>
        {booked && (
          <div>
            <dt>{t('appointment.slot')}</dt>
            {/* Word joiners: the slot stays on one line in the narrow fact column. */}
            <dd data-testid="appointment-slot">{`${formatTime(booking.start!)}\u2060–\u2060${formatTime(booking.end!)}`}</dd>
          </div>
        )}
        {booked && booking.phone && (
          <div>
            <dt>{t('appointment.phone')}</dt>
            <dd data-testid="appointment-phone">{booking.phone}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
