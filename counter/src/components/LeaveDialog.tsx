import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError } from '../../../shared/ui/api.ts';
import { explainError } from '../explain-error.ts';
import { dateRuns, LEAVE_KINDS, type LeaveKind, type LeaveRequest, leaveApi } from '../leave-api.ts';
import { type Translate, useT } from '../use-t.ts';
import { Dialog } from './Dialog.tsx';
import { DialogActions } from './DialogActions.tsx';

const MAX_DATES = 31;
const DAY = 86_400_000;

interface Props {
  token: string;
  /** The hall's business date: the calendar opens on its month. */
  today: string;
  onClose: () => void;
  onExpired: () => void;
}

type FieldErrors = { kind?: string; dates?: string; note?: string; form?: string };

/** 请假: the kind, the dates picked on a calendar, a note; and the clerk's own requests with their status. */
export function LeaveDialog({ token, today, onClose, onExpired }: Props) {
  const t = useT();
  const api = useMemo(() => leaveApi(token), [token]);
  const [kind, setKind] = useState<LeaveKind>();
  const [dates, setDates] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<string>();
  const [mine, setMine] = useState<LeaveRequest[]>();
  const [listError, setListError] = useState<string>();
  const [cancelling, setCancelling] = useState<string>();

  const load = async () => {
    try {
      setMine(await api.mine());
      setListError(undefined);
    } catch (e) {
      if (explainError(e).expired) return onExpired();
      setListError(explainError(e).detail || t('error.unexpected'));
    }
  };
  useEffect(() => void load(), []);

  const toggle = (d: string) => {
    setSent(undefined);
    setErrors((e) => ({ ...e, dates: undefined }));
    setDates((ds) => (ds.includes(d) ? ds.filter((x) => x !== d) : [...ds, d].sort()));
  };

  const submit = async () => {
    if (busy) return;
    const problems: FieldErrors = {};
    if (!kind) problems.kind = t('leave.error.kind');
    if (dates.length === 0) problems.dates = t('leave.error.noDates');
    else if (dates.length > MAX_DATES) problems.dates = t('leave.error.tooMany', { n: MAX_DATES });
    setErrors(problems);
    setSent(undefined);
    if (problems.kind || problems.dates) return;
    setBusy(true);
    try {
      const leave = await api.request(kind!, dates, note.trim() || undefined);
      setSent(t('leave.sent', { kind: t(`leave.kind.${leave.kind}`), n: leave.dates.length }));
      setDates([]);
      setNote('');
      setKind(undefined);
      await load();
    } catch (e) {
      if (explainError(e).expired) return onExpired();
      setErrors(fieldError(e, t));
    } finally {
      setBusy(false);
    }
  };

  const cancel = async (id: string) => {
    if (cancelling) return;
    setCancelling(id);
    try {
      await api.cancel(id);
      await load();
    } catch (e) {
      if (explainError(e).expired) return onExpired();
      setListError(explainError(e).detail || t('error.unexpected'));
      await load();
    } finally {
      setCancelling(undefined);
    }
  };

  return (
    <Dialog title={t('leave.title')} onClose={onClose} class="dialog--leave">
      <div class="leave" data-testid="leave-dialog">
        <form
          class="dialog__body leave__form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <fieldset class={`leave__field${errors.kind ? ' has-error' : ''}`}>
            <legend class="field__label">{t('leave.kind')}</legend>
            <div class="leave__kinds" role="radiogroup" aria-label={t('leave.kind')}>
              {LEAVE_KINDS.map((k) => (
                <button
                  key={k}
                  type="button"
                  role="radio"
                  aria-checked={kind === k}
                  class={`leave__kind${kind === k ? ' is-on' : ''}`}
                  data-kind={k}
                  onClick={() => {
                    setKind(k);
                    setSent(undefined);
                    setErrors((e) => ({ ...e, kind: undefined }));
                  }}
                >
                  {t(`leave.kind.${k}`)}
                </button>
              ))}
            </div>
            {errors.kind && (
              <p class="leave__error" role="alert" data-field="kind">
                {errors.kind}
              </p>
            )}
          </fieldset>

          <fieldset class={`leave__field${errors.dates ? ' has-error' : ''}`}>
            <legend class="field__label">
              {t('leave.dates')}
              <span class="leave__picked" data-testid="leave-picked">
                {dates.length > 0 ? t('leave.picked', { n: dates.length, dates: runsText(dates, t) }) : t('leave.pickHint')}
              </span>
            </legend>
            <Calendar today={today} picked={dates} onToggle={toggle} />
            {errors.dates && (
              <p class="leave__error" role="alert" data-field="dates">
                {errors.dates}
              </p>
            )}
          </fieldset>

          <label class="field leave__note">
            <span class="field__label">{t('leave.note')}</span>
            <input class="field__input field__input--compact" name="note" maxLength={200} placeholder={t('leave.notePlaceholder')} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
            {errors.note && (
              <p class="leave__error" role="alert" data-field="note">
                {errors.note}
              </p>
            )}
          </label>

          <DialogActions error={errors.form} busy={busy} confirm={t('leave.submit')} onClose={onClose} testId="leave-submit" />
        </form>

        <section class="leave__mine" aria-label={t('leave.mine')}>
          <h3 class="leave__mine-title">{t('leave.mine')}</h3>
          {sent && (
            <p class="leave__sent" role="status">
              {sent}
            </p>
          )}
          {listError && (
            <p class="dialog__error" role="alert">
              {listError}
            </p>
          )}
          {!mine ? (
            <p class="empty">{t('loading')}</p>
          ) : mine.length === 0 ? (
            <p class="leave__none">{t('leave.none')}</p>
          ) : (
            <ul class="leave__list" data-testid="leave-mine">
              {mine.map((l) => (
                <li key={l.id} class={`leave__item is-${l.status}`} data-leave={l.id} data-status={l.status}>
                  <div class="leave__item-head">
                    <strong class="leave__item-kind">{t(`leave.kind.${l.kind}`)}</strong>
                    <span class={`leave__status leave__status--${l.status}`}>{t(`leave.status.${l.status}`)}</span>
                  </div>
                  <div class="leave__item-dates">
                    {runsText(l.dates, t)}
                    <span class="leave__item-days">{t('leave.days', { n: l.dates.length })}</span>
                  </div>
                  {l.note && <div class="leave__item-note">{l.note}</div>}
                  {l.decisionNote && <div class="leave__item-note leave__item-note--decision">{t('leave.decisionNote', { note: l.decisionNote })}</div>}
                  {l.status === 'pending' && (
                    <button type="button" class="btn btn--quiet btn--small leave__cancel" disabled={!!cancelling} onClick={() => cancel(l.id)}>
                      {cancelling === l.id ? t('busy') : t('leave.cancel')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </Dialog>
  );
}

/** The server's refusal put at the field it names: dates (incl. an overlap), kind, note; else under the form. */
function fieldError(e: unknown, t: Translate): FieldErrors {
  if (!(e instanceof ApiError)) return { form: t('error.unexpected') };
  const words = e.message.replace(/^[\w.[\]]+:\s*/, '');
  if (e.code === 'LEAVE_OVERLAP' || e.field?.startsWith('dates')) return { dates: words };
  if (e.field === 'kind') return { kind: words };
  if (e.field === 'note') return { note: words };
  return { form: explainError(e).key ? t(explainError(e).key!) : words };
}

/** 11月24日—26日、12月1日 (or Nov 24–26, Dec 1). */
export function runsText(dates: string[], t: Translate): string {
  return dateRuns(dates)
    .map(([a, b]) => {
      const from = t('leave.date', { m: Number(a.slice(5, 7)), d: Number(a.slice(8, 10)) });
      if (a === b) return from;
      return a.slice(0, 7) === b.slice(0, 7) ? t('leave.rangeSameMonth', { from, d: Number(b.slice(8, 10)) }) : t('leave.range', { from, to: t('leave.date', { m: Number(b.slice(5, 7)), d: Number(b.slice(8, 10)) }) });
    })
    .join(t('leave.listSep'));
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A month of days to click on and off; ‹ › move a month. */
function Calendar({ today, picked, onToggle }: { today: string; picked: string[]; onToggle: (d: string) => void }) {
  const t = useT();
  const [month, setMonth] = useState(today.slice(0, 7));
  const first = Date.parse(`${month}-01T00:00:00Z`);
  // Monday first, as a Chinese calendar is printed.
  const lead = (new Date(first).getUTCDay() + 6) % 7;
  const next = new Date(first);
  next.setUTCMonth(next.getUTCMonth() + 1);
  const days = Math.round((next.getTime() - first) / DAY);
  const cells: Array<string | undefined> = [...Array.from({ length: lead }, () => undefined), ...Array.from({ length: days }, (_, i) => iso(first + i * DAY))];
  const shift = (n: number) => {
    const d = new Date(first);
    d.setUTCMonth(d.getUTCMonth() + n);
    setMonth(iso(d.getTime()).slice(0, 7));
  };
  const set = new Set(picked);
  return (
    <div class="cal" data-month={month}>
      <div class="cal__head">
        <button type="button" class="cal__nav" aria-label={t('leave.prevMonth')} onClick={() => shift(-1)} data-testid="cal-prev">
          ‹
        </button>
        <span class="cal__month">{t('leave.month', { y: Number(month.slice(0, 4)), m: Number(month.slice(5, 7)) })}</span>
        <button type="button" class="cal__nav" aria-label={t('leave.nextMonth')} onClick={() => shift(1)} data-testid="cal-next">
          ›
        </button>
      </div>
      <div class="cal__grid" role="group" aria-label={t('leave.dates')}>
        {[1, 2, 3, 4, 5, 6, 0].map((w) => (
          <span key={`w${w}`} class={`cal__dow${w === 0 || w === 6 ? ' is-weekend' : ''}`}>
            {t(`leave.dow.${w}` as 'leave.dow.0')}
          </span>
        ))}
        {cells.map((d, i) =>
          d ? (
            <button
              key={d}
              type="button"
              class={`cal__day${set.has(d) ? ' is-picked' : ''}${d === today ? ' is-today' : ''}${(i % 7) >= 5 ? ' is-weekend' : ''}`}
              aria-pressed={set.has(d)}
              aria-label={d}
              data-date={d}
              onClick={() => onToggle(d)}
            >
              {Number(d.slice(8, 10))}
            </button>
          ) : (
            <span key={`b${i}`} />
          ),
        )}
      </div>
    </div>
  );
}
