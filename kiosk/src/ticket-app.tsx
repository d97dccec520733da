import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type Lang, translator, useLang } from '../../shared/ui/i18n.ts';
import { localName } from '../../shared/ui/local-name.ts';
import { formatTime } from '../../shared/ui/format.ts';
import type { TicketView } from '../../shared/views.ts';
import { CallAlert } from './components/CallAlert.tsx';
import { CancelTicket } from './components/CancelTicket.tsx';
import { ConnectionBanner } from './components/ConnectionBanner.tsx';
import { QueuePosition } from './components/QueuePosition.tsx';
import { type RatingOutcome, RatingForm } from './components/RatingForm.tsx';
import { statusText, TicketSummary } from './components/TicketSummary.tsx';
import { AlertOptIn } from './components/AlertOptIn.tsx';
import { HallReply } from './components/HallReply.tsx';
import { ServiceGuide } from './components/ServiceGuide.tsx';
import { messages } from './messages.ts';
import { holderFromUrl, useTicket } from './use-ticket.ts';

/** A call (or recall) of the ticket: changes whenever the holder should look up. */
function callKey(ticket: TicketView | undefined): string | undefined {
  return ticket?.status === 'called' && ticket.window ? `${ticket.window.id}#${ticket.window.calledAt}#${ticket.window.callCount}` : undefined;
}

/** The language the ticket was taken in, as the kiosk put it in the QR code's address. */
function langFromUrl(): Lang | undefined {
  const l = new URL(window.location.href).searchParams.get('lang');
  return l === 'en' || l === 'zh' ? l : undefined;
}

/** The phone page the QR code opens: this ticket only, live, to cancel and to rate. */
export function TicketApp() {
  const holder = useMemo(() => holderFromUrl(window.location.href), []);
  const [lang, setLang] = useLang('zh', useMemo(langFromUrl, []));
  const t = translator(messages, lang);
  const { ticket, error, connection, replace, reload } = useTicket(holder);
  const [rated, setRated] = useState<Record<string, RatingOutcome>>({});

  // Vibrate on a call that comes while the page is open (not for one already there when it opened).
  const lastCall = useRef<string | undefined | null>(null);
  const call = callKey(ticket);
  useEffect(() => {
    if (!ticket) return;
    if (lastCall.current !== null && call && call !== lastCall.current) {
      try {
        navigator.vibrate?.([500, 200, 500, 200, 500]);
      } catch {
        // Some browsers refuse without a prior tap; the highlight is there anyway.
      }
    }
    lastCall.current = call;
  }, [call, ticket !== undefined]);

  useEffect(() => {
    document.title = ticket ? `${ticket.number} · ${statusText(t, ticket)}` : t('phoneTitle');
  }, [ticket?.number, ticket?.status, ticket?.window?.number, lang]);

  function content() {
    if (!holder) return <PhoneNotice text={t('missingLink')} tone="warn" />;
    if (!ticket) return error ? <PhoneNotice text={error} tone="warn" /> : <PhoneNotice text={t('loading')} tone="busy" />;
    const ratable = ticket.ratableVisitId ? ticket.visits.find((v) => v.id === ticket.ratableVisitId) : undefined;
    const lastEnded = [...ticket.visits].reverse().find((v) => v.end !== undefined);
    const thanked = lastEnded && rated[lastEnded.id];
    const transfer = ticket.transfer;
    const end = ticket.outcome?.end;
    // After a 退回 or a 咨询 the guide says what to bring next time (一次告知).
    const guideAfter = ticket.guide && (end === 'rejected' || end === 'consulted');
    const rating = ratable && holder && !rated[ratable.id] && <RatingForm key={ratable.id} holder={holder} visit={ratable} lang={lang} t={t} onDone={(visitId, outcome) => setRated((r) => ({ ...r, [visitId]: outcome }))} onMovedOn={reload} />;
    return (
      <>
        <TicketSummary ticket={ticket} lang={lang} t={t} />
        {ticket.reply && <HallReply reply={ticket.reply} hallName={localName(lang, ticket.hallName, ticket.hallNameEn)} lang={lang} t={t} />}
        {transfer && (
          <section class="transferred" role="status" data-testid="transferred">
            <h2 class="transferred__title">{t('transferredTitle')}</h2>
            <p>
              {t('transferredBody', {
                from: transfer.fromWindowNumber,
                to: transfer.toWindow ? `${t('windowN', { n: transfer.toWindow.number })} · ${localName(lang, transfer.toWindow.name, transfer.toWindow.nameEn)}` : localName(lang, ticket.serviceName, ticket.serviceNameEn),
              })}
            </p>
          </section>
        )}
        {ticket.status === 'waiting' && <QueuePosition ticket={ticket} live={connection === 'online'} t={t} />}
        {ticket.status === 'waiting' && <AlertOptIn t={t} />}
        {(ticket.status === 'called' || ticket.status === 'serving') && <CallAlert ticket={ticket} lang={lang} t={t} />}
        {ticket.status === 'done' && (
          <section class={`outcome${end === 'rejected' ? ' outcome--warn' : ''}`} data-outcome={end}>
            <p>{end ? t(`outcomeBody_${end}`) : t('doneBody')}</p>
            {ticket.outcome?.note && (
              <p class="outcome__note" data-testid="clerk-note">
                <strong>{t('clerkNote')}</strong>
                {ticket.outcome.note}
              </p>
            )}
          </section>
        )}
        {guideAfter && <ServiceGuide guide={ticket.guide!} t={t} lead={t('guideNextTime')} />}
        {ticket.status === 'no_show' && <p class="outcome outcome--warn">{t('noShowBody')}</p>}
        {ticket.status === 'cancelled' && <p class="outcome">{ticket.cancelReason === 'day-closed' ? t('cancelledDayClosed') : t('cancelledCitizen')}</p>}

        {/* Waiting again after a transfer, rating the window before is a choice, not the page's subject. */}
        {rating && (transfer ? <LaterRating label={t('rateEarlier', { n: ratable!.windowNumber })}>{rating}</LaterRating> : rating)}
        {thanked && (
          <section class="thanks" role="status">
            <span class="thanks__icon" aria-hidden="true">
              ✓
            </span>
            <h2>{thanked === 'rated' ? t('thanks') : t('alreadyRated')}</h2>
            {thanked === 'rated' && <p>{t('thanksBody')}</p>}
          </section>
        )}

        <section class="details">
          <p>{t('issuedAt', { t: formatTime(ticket.issuedAt) })}</p>
          {/* Only while waiting: once called, the page says where to go, not to sit down. */}
          {ticket.status === 'waiting' && <p class="details__notice">{t('notice')}</p>}
        </section>
        {ticket.status === 'waiting' && ticket.guide && <ServiceGuide guide={ticket.guide} t={t} compact />}
        {/* Cancelling is for a number nobody has served yet; a transferred matter is already under way. */}
        {ticket.status === 'waiting' && !transfer && holder && <CancelTicket holder={holder} number={ticket.number} t={t} onCancelled={replace} />}
      </>
    );
  }

  return (
    <div class={`phone${ticket?.status === 'called' ? ' phone--called' : ''}`}>
      <header class="phone-header">
        <div>
          <p class="phone-header__hall">{ticket ? localName(lang, ticket.hallName, ticket.hallNameEn) : ''}</p>
          <h1 class="phone-header__title">{t('phoneTitle')}</h1>
        </div>
        <button type="button" class="phone-header__lang" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {t('language')}
        </button>
      </header>
      <ConnectionBanner state={connection} text={t('offline')} />
      <main class="phone-main">{content()}</main>
    </div>
  );
}

function LaterRating({ label, children }: { label: string; children: preact.ComponentChildren }) {
  const [open, setOpen] = useState(false);
  return open ? (
    <>{children}</>
  ) : (
    <button type="button" class="later-rating" onClick={() => setOpen(true)}>
      {label}
    </button>
  );
}

function PhoneNotice({ text, tone }: { text: string; tone: 'warn' | 'busy' }) {
  return (
    <section class={`phone-notice phone-notice--${tone}`} role="status">
      {tone === 'busy' ? <span class="spinner" aria-hidden="true" /> : <span class="phone-notice__icon" aria-hidden="true">!</span>}
      <p>{text}</p>
    </section>
  );
}
