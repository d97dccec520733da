import { formatTime } from '../../../shared/ui/format.ts';
import type { Lang } from '../../../shared/ui/i18n.ts';
import { localName } from '../../../shared/ui/local-name.ts';
import type { HallView } from '../../../shared/views.ts';
import type { AppointmentView, BookingHolder } from '../appointments-api.ts';
import { bookableServices, DEFAULT_EARLY_MINUTES, DEFAULT_LATE_MINUTES } from '../bookable.ts';
import { bookingWhen, bookingWhenParts } from '../booking-time.ts';
import type { MessageKey } from '../messages.ts';
import { CancelBooking } from './CancelBooking.tsx';
import { QrCode } from './QrCode.tsx';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface Props {
  appointment: AppointmentView;
  holder: BookingHolder;
  /** This page's own address: what the QR code holds. */
  address: string;
  hall: HallView;
  justBooked: boolean;
  lang: Lang;
  t: T;
  onChanged: (a: AppointmentView) => void;
}

/** "482 913": six digits read (and typed at the kiosk) in two groups of three. */
export function spacedCode(code: string): string {
  return code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}

/**
 * The booking's own page: the code to type at the kiosk, large; when and what; how to
 * check in; the QR code and address to come back; its ticket once checked in; 取消预约.
 */
export function BookingView({ appointment: a, holder, address, hall, justBooked, lang, t, onChanged }: Props) {
  const zone = hall.timezone;
  const service = bookableServices(hall).find((s) => s.id === a.serviceId);
  // The hall's own names, in the page's language (the booking carries the Chinese one).
  const shown = hall.services.find((s) => s.id === a.serviceId);
  const departmentName = shown && hall.departments.find((d) => d.id === shown.departmentId)?.name;
  const when = bookingWhen(t, lang, a.start, a.end, zone, hall.businessDate);
  const [day, time] = bookingWhenParts(t, lang, a.start, a.end, zone, hall.businessDate);
  const from = formatTime(a.start - (service?.earlyMinutes ?? DEFAULT_EARLY_MINUTES) * 60_000, zone);
  const to = formatTime(a.start + (service?.lateMinutes ?? DEFAULT_LATE_MINUTES) * 60_000, zone);
  const open = a.status === 'booked';
  const over = a.status === 'cancelled' || a.status === 'no-show';

  return (
    <>
      {justBooked && open && (
        <section class="book-success" role="status" data-testid="book-success">
          <h2 class="book-success__title">
            <span class="book-success__icon" aria-hidden="true">
              ✓
            </span>
            {t('bookDone')}
          </h2>
          <p>{t('bookDoneHint')}</p>
        </section>
      )}

      <section class={`pass${over ? ' pass--over' : ''}`} data-status={a.status}>
        <p class="pass__label">{t('bookCode')}</p>
        <p class="pass__code" data-code={a.code}>
          {spacedCode(a.code)}
        </p>
        <p class={`status-pill book-status book-status--${a.status}`} data-testid="booking-status">
          {t(`bookStatus_${a.status}`)}
        </p>
        <dl class="pass__facts">
          <div>
            <dt>{t('bookWhere')}</dt>
            <dd>
              {shown?.name ?? localName(lang, a.serviceName, a.serviceNameEn)}
              {departmentName && <span class="pass__sub">{departmentName}</span>}
            </dd>
          </div>
          <div>
            <dt>{t('bookWhen')}</dt>
            <dd data-testid="booking-when">
              {day} <span class="book-nowrap">{time}</span>
            </dd>
          </div>
          {(a.name || a.phone) && (
            <div>
              <dt>{t('bookWho')}</dt>
              <dd data-testid="booking-who">
                {a.name && <span class="book-nowrap">{a.name}</span>}
                {a.phone && <span class="pass__phone">{a.phone}</span>}
              </dd>
            </div>
          )}
        </dl>
      </section>

      {a.status === 'checked-in' && a.ticket && (
        <section class="book-ticket" data-testid="booking-ticket">
          <p class="book-ticket__text">{t('bookCheckedIn', { n: a.ticket.number })}</p>
          <a class="phone-button phone-button--primary" href={a.ticket.statusUrl}>
            {t('bookFollowTicket')}
          </a>
        </section>
      )}
      {a.status === 'cancelled' && <p class="outcome">{t('bookCancelledBody')}</p>}
      {a.status === 'no-show' && <p class="outcome outcome--warn">{t('bookNoShowBody')}</p>}

      {open && (
        <section class="book-how">
          <h2 class="book-how__title">{t('bookHowTitle')}</h2>
          <p class="book-how__window" data-testid="check-in-window">
            {t('bookHowWindow', { from, to })}
          </p>
          <ul class="book-how__list">
            <li>{t('bookHowFirst')}</li>
            <li>{t('bookHowLate', { to })}</li>
            <li>{t('bookHowMissed')}</li>
          </ul>
        </section>
      )}

      {!over && (
        <section class="book-address">
          <QrCode text={address} label={t('bookQrLabel')} class="book-address__qr" />
          <p class="book-address__hint">{t('bookAddressHint')}</p>
          <p class="book-address__label">{t('bookAddress')}</p>
          <p class="book-address__url" data-testid="booking-address">
            {address}
          </p>
        </section>
      )}

      {open && (a.cancellable ? <CancelBooking holder={holder} when={when} t={t} onCancelled={onChanged} /> : <p class="book-note">{t('bookNotCancellable')}</p>)}
      <a class="phone-button phone-button--secondary" href="/kiosk/book.html">
        {t('bookNew')}
      </a>
    </>
  );
}
