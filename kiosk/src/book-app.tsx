import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError } from '../../shared/ui/api.ts';
import { type Lang, translator, useLang } from '../../shared/ui/i18n.ts';
import { hallInLanguage } from '../../shared/ui/local-name.ts';
import type { HallView } from '../../shared/views.ts';
import { appointmentsApi, type BookingHolder, holderFromUrl, type Slot } from './appointments-api.ts';
import { type BookableService, bookableServices } from './bookable.ts';
import { bookingWhenParts } from './booking-time.ts';
import { BookDayPicker } from './components/BookDayPicker.tsx';
import { BookForm, type Field, type Refusal } from './components/BookForm.tsx';
import { BookingView } from './components/BookingView.tsx';
import { BookProgress } from './components/BookProgress.tsx';
import { BookServicePicker } from './components/BookServicePicker.tsx';
import { BookSlotPicker } from './components/BookSlotPicker.tsx';
import { messages, type MessageKey } from './messages.ts';
import { type BookDay, loadDay, loadDays, useBooking, usePublicHall } from './use-booking.ts';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

const LARGE_STORAGE = 'hall.book.large';

/** The language asked for in the address (`?lang=en`), as the kiosk's links do. */
function langFromUrl(): Lang | undefined {
  const l = new URL(window.location.href).searchParams.get('lang');
  return l === 'en' || l === 'zh' ? l : undefined;
}

/** 大字: the kiosk's 适老化 type on the phone (main text at least 30 px), kept on this phone once chosen. */
function useLargeText(): [boolean, (on: boolean) => void] {
  const [large, setLarge] = useState(() => localStorage.getItem(LARGE_STORAGE) === '1');
  useEffect(() => {
    document.documentElement.classList.toggle('large', large);
  }, [large]);
  return [
    large,
    (on) => {
      localStorage.setItem(LARGE_STORAGE, on ? '1' : '0');
      setLarge(on);
    },
  ];
}

/**
 * The booking page for phones (/kiosk/book.html): service → day → slot → who is coming →
 * the booking's own page. Opened with `?id&token` (its QR code) it shows that booking.
 */
export function BookApp() {
  const [holder, setHolder] = useState<BookingHolder | undefined>(() => holderFromUrl(window.location.href));
  const [justBooked, setJustBooked] = useState(false);
  const [lang, setLang] = useLang('zh', useMemo(langFromUrl, []));
  const t = translator(messages, lang);
  const [large, setLarge] = useLargeText();
  const { hall: hallView, error, reload } = usePublicHall();
  const hall = useMemo(() => hallView && hallInLanguage(hallView, lang), [hallView, lang]);

  // The phone's back button walks back through the steps, and from a booking to the form.
  useEffect(() => {
    const onPop = () => {
      setHolder(holderFromUrl(window.location.href));
      setJustBooked(false);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  useEffect(() => {
    document.title = holder ? t('bookMine') : t('bookTitle');
  }, [holder, lang]);

  function booked(statusUrl: string) {
    const url = new URL(statusUrl, window.location.origin);
    history.pushState(null, '', url.pathname + url.search);
    window.scrollTo(0, 0);
    setJustBooked(true);
    setHolder(holderFromUrl(url.href));
  }

  function content() {
    if (!hall) return error ? <Notice text={error.message} tone="warn" action={{ label: t('bookAgain'), onClick: reload }} /> : <Notice text={t('loading')} tone="busy" />;
    if (holder) return <BookingPage key={holder.id} holder={holder} hall={hall} justBooked={justBooked} lang={lang} t={t} />;
    return <BookingFlow hall={hall} lang={lang} t={t} onBooked={booked} />;
  }

  return (
    <div class="phone book">
      <header class="phone-header book-header">
        <p class="phone-header__hall">{hall?.name ?? ''}</p>
        <h1 class="phone-header__title">{holder ? t('bookMine') : t('bookTitle')}</h1>
        <div class="book-switches">
          <button type="button" class="phone-header__lang" lang={lang === 'zh' ? 'en' : 'zh-CN'} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {t('language')}
          </button>
          <button type="button" class={`phone-header__lang book-large${large ? ' is-on' : ''}`} aria-pressed={large} onClick={() => setLarge(!large)}>
            {t('largeText')}
          </button>
        </div>
      </header>
      <main class="phone-main">{content()}</main>
    </div>
  );
}

function BookingPage({ holder, hall, justBooked, lang, t }: { holder: BookingHolder; hall: HallView; justBooked: boolean; lang: Lang; t: T }) {
  const { appointment, error, replace } = useBooking(holder);
  if (!appointment) {
    if (!error) return <Notice text={t('loading')} tone="busy" />;
    return <Notice text={(error.code as string) === 'APPOINTMENT_NOT_FOUND' ? t('bookNotFound') : error.message} tone="warn" />;
  }
  // With the code in it, the QR code of this address checks the booking in when scanned at a kiosk.
  const address = `${window.location.origin}/kiosk/book.html?id=${encodeURIComponent(holder.id)}&token=${encodeURIComponent(holder.token)}&code=${appointment.code}`;
  return <BookingView appointment={appointment} holder={holder} address={address} hall={hall} justBooked={justBooked} lang={lang} t={t} onChanged={replace} />;
}

type Step = { name: 'service' } | { name: 'day'; serviceId: string } | { name: 'slot'; serviceId: string; date: string } | { name: 'details'; serviceId: string; date: string; slot: Slot };

/** A step and what the page says on arriving at it (why the citizen was sent back to it). */
interface StepState {
  step: Step;
  notice?: MessageKey;
  depth: number;
}

const FIRST: StepState = { step: { name: 'service' }, depth: 0 };

/** Steps live in the browser's history, so the phone's own back button goes one step back. */
function useSteps(): [StepState, (step: Step, notice?: MessageKey) => void, () => void] {
  const [state, setState] = useState<StepState>(() => (history.state?.book as StepState | undefined) ?? FIRST);
  useEffect(() => {
    const onPop = (e: PopStateEvent) => setState((e.state?.book as StepState | undefined) ?? FIRST);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const go = (step: Step, notice?: MessageKey) => {
    const next = { step, notice, depth: state.depth + 1 };
    history.pushState({ book: next }, '');
    setState(next);
    window.scrollTo(0, 0);
  };
  const back = () => {
    if (state.depth > 0) history.back();
    else setState(FIRST);
  };
  return [state, go, back];
}

const STEP_INDEX = { service: 0, day: 1, slot: 2, details: 3 } as const;

function BookingFlow({ hall, lang, t, onBooked }: { hall: HallView; lang: Lang; t: T; onBooked: (statusUrl: string) => void }) {
  const services = useMemo(() => bookableServices(hall), [hall]);
  const [{ step, notice }, go, back] = useSteps();
  const service = step.name === 'service' ? undefined : services.find((s) => s.id === step.serviceId);
  const today = hall.businessDate;

  // A service that no longer takes bookings (the configuration changed) starts over.
  const current: Step = service ? step : { name: 'service' };
  const index = STEP_INDEX[current.name];

  async function submit(input: { name: string; phone: string; idNumber?: string }): Promise<Refusal | undefined> {
    if (current.name !== 'details' || !service) return undefined;
    try {
      const { statusUrl } = await appointmentsApi.book({ serviceId: service.id, start: current.slot.start, ...input });
      onBooked(statusUrl);
      return undefined;
    } catch (e) {
      if (!(e instanceof ApiError)) return { text: String(e) };
      const code = e.code as string;
      if (code === 'SLOT_FULL' || code === 'SLOT_UNAVAILABLE') {
        go({ name: 'slot', serviceId: service.id, date: current.date }, code === 'SLOT_FULL' ? 'bookSlotFull' : 'bookSlotGone');
        return undefined;
      }
      if (code === 'TOO_FAR_AHEAD') {
        go({ name: 'day', serviceId: service.id }, 'bookTooFar');
        return undefined;
      }
      if (code === 'DUPLICATE_BOOKING') return { text: t('bookDuplicate') };
      if (code === 'BOOKING_BLOCKED') return { text: t('bookBlocked') };
      if (code === 'INVALID_INPUT' && (e.field === 'name' || e.field === 'phone' || e.field === 'idNumber')) {
        // The server's message names the field first ("phone: …"); the page already says which field.
        return { field: e.field as Field, text: lang === 'zh' ? e.message.replace(/^[\w.[\]]+:\s*/, '') : t(FIELD_CHECK[e.field as Field]) };
      }
      return { text: e.message };
    }
  }

  return (
    <>
      <section class="book-step" data-step={current.name}>
        <BookProgress step={index as 0 | 1 | 2 | 3} t={t} />
        {index > 0 && service && <Chosen service={service} step={current} lang={lang} today={today} timeZone={hall.timezone} t={t} />}
        <div class="book-step__heading">
          {index > 0 && (
            <button type="button" class="book-back" onClick={back}>
              <svg viewBox="0 0 24 24" aria-hidden="true">
                <path d="m15 5-7 7 7 7" fill="none" stroke="currentColor" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round" />
              </svg>
              {t('back')}
            </button>
          )}
          <h2 class="book-step__title">{t(TITLES[current.name])}</h2>
        </div>
        {current.name === 'service' && <p class="book-lead">{t('bookChooseServiceHint')}</p>}
        {notice && (
          <p class="phone-error" role="alert" data-testid="book-notice">
            {notice === 'bookTooFar' ? t(notice, { n: service?.daysAhead ?? 7 }) : t(notice)}
          </p>
        )}
      </section>

      {current.name === 'service' && <BookServicePicker services={services} t={t} onChoose={(serviceId) => go({ name: 'day', serviceId })} />}
      {current.name === 'day' && service && <Days key={service.id} service={service} today={today} lang={lang} t={t} onChoose={(date) => go({ name: 'slot', serviceId: service.id, date })} />}
      {current.name === 'slot' && service && (
        <Slots key={`${service.id}|${current.date}|${notice ?? ''}`} serviceId={service.id} date={current.date} timeZone={hall.timezone} t={t} onChoose={(slot) => go({ name: 'details', serviceId: service.id, date: current.date, slot })} />
      )}
      {current.name === 'details' && <BookForm key={current.slot.start} t={t} onSubmit={submit} />}
    </>
  );
}

const TITLES: Record<Step['name'], MessageKey> = { service: 'bookChooseService', day: 'bookChooseDay', slot: 'bookChooseSlot', details: 'bookDetailsTitle' };
const FIELD_CHECK: Record<Field, MessageKey> = { name: 'nameMissing', phone: 'phoneLength', idNumber: 'idCheck' };

/** What has been chosen so far, above the step: the service, then the day and time. */
function Chosen({ service, step, lang, today, timeZone, t }: { service: BookableService; step: Step; lang: Lang; today: string; timeZone: string; t: T }) {
  const when = step.name === 'details' ? bookingWhenParts(t, lang, step.slot.start, step.slot.end, timeZone, today) : undefined;
  return (
    <div class="book-chosen" data-testid="book-chosen">
      <p class="book-chosen__service">{service.name}</p>
      <p class="book-chosen__department">{service.departmentName}</p>
      {when && (
        <p class="book-chosen__when" data-testid="book-chosen-when">
          {when[0]} <span class="book-nowrap">{when[1]}</span>
        </p>
      )}
    </div>
  );
}

function Days({ service, today, lang, t, onChoose }: { service: BookableService; today: string; lang: Lang; t: T; onChoose: (date: string) => void }) {
  const [days, setDays] = useState<BookDay[]>();
  const [error, setError] = useState<string>();
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    let live = true;
    setError(undefined);
    loadDays(service.id, today, service.daysAhead).then(
      (d) => live && setDays(d),
      (e: unknown) => live && setError(e instanceof ApiError ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [service.id, today, nonce]);
  if (error) return <Notice text={error} tone="warn" action={{ label: t('bookAgain'), onClick: () => setNonce((n) => n + 1) }} />;
  if (!days) return <Notice text={t('loading')} tone="busy" />;
  return <BookDayPicker days={days} today={today} daysAhead={service.daysAhead} lang={lang} t={t} onChoose={onChoose} />;
}

function Slots({ serviceId, date, timeZone, t, onChoose }: { serviceId: string; date: string; timeZone: string; t: T; onChoose: (slot: Slot) => void }) {
  const [day, setDay] = useState<BookDay>();
  const [error, setError] = useState<string>();
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    let live = true;
    setError(undefined);
    // Fresh on every visit: places go while the citizen looks at them.
    loadDay(serviceId, date).then(
      (d) => live && setDay(d),
      (e: unknown) => live && setError(e instanceof ApiError ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [serviceId, date, nonce]);
  if (error) return <Notice text={error} tone="warn" action={{ label: t('bookAgain'), onClick: () => setNonce((n) => n + 1) }} />;
  if (!day) return <Notice text={t('loading')} tone="busy" />;
  return <BookSlotPicker slots={day.slots} timeZone={timeZone} t={t} onChoose={onChoose} />;
}

function Notice({ text, tone, action }: { text: string; tone: 'warn' | 'busy'; action?: { label: string; onClick: () => void } }) {
  return (
    <section class={`phone-notice phone-notice--${tone}`} role="status">
      {tone === 'busy' ? <span class="spinner" aria-hidden="true" /> : <span class="phone-notice__icon" aria-hidden="true">!</span>}
      <p>{text}</p>
      {action && (
        <button type="button" class="phone-button phone-button--secondary" onClick={action.onClick}>
          {action.label}
        </button>
      )}
    </section>
  );
}
