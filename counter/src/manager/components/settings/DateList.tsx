import { useState } from 'preact/hooks';
import { weekdayOf } from '../../../../../shared/time.ts';
import { useT } from '../../../use-t.ts';
import { FieldError } from './fields.tsx';
import { useDraft } from './use-draft.ts';

interface Props {
  which: 'holidays' | 'workdays';
  title: string;
  hint: string;
  /** The hall's business date: past dates are dimmed. */
  today?: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** A list of dates (节假日 closed, or 调休 extra working days), kept sorted, each with its weekday. */
export function DateList({ which, title, hint, today }: Props) {
  const t = useT();
  const d = useDraft();
  const path = `hall.${which}`;
  const dates = d.draft.hall[which] ?? [];
  const other = which === 'holidays' ? (d.draft.hall.workdays ?? []) : d.draft.hall.holidays;
  const [pick, setPick] = useState('');

  const add = () => {
    if (!ISO.test(pick) || dates.includes(pick)) return;
    d.set(path, [...dates, pick].sort());
    setPick('');
  };

  return (
    <section class="mgr-panel mgr-settings-panel mgr-dates" aria-label={title} data-field={path}>
      <header class="mgr-panel__head">
        <h2 class="mgr-panel__title">{title}</h2>
        <span class="mgr-muted">{t('settings.dates.count', { n: dates.length })}</span>
      </header>
      <p class="mgr-fieldset__note">{hint}</p>
      <div class="mgr-dates__add">
        <input class="mgr-input mgr-input--date" type="date" name={`${path}.add`} aria-label={t('settings.dates.pick', { what: title })} value={pick} onInput={(e) => setPick(e.currentTarget.value)} onKeyDown={(e) => e.key === 'Enter' && add()} />
        <button type="button" class="mgr-btn" disabled={!ISO.test(pick) || dates.includes(pick)} onClick={add} data-action={`add-${which}`}>
          ＋ {t('settings.dates.add')}
        </button>
        {dates.includes(pick) && <span class="mgr-muted">{t('settings.dates.already')}</span>}
      </div>
      <ul class="mgr-dates__list">
        {dates.map((date, j) => {
          const past = today !== undefined && date < today;
          const day = ISO.test(date) ? weekdayOf(date) : undefined;
          return (
            <li key={date + j} class={`mgr-date-chip${past ? ' is-past' : ''}${d.errorAt(`${path}[${j}]`) ? ' has-error' : ''}`} data-date={date}>
              <span class="mgr-date-chip__date">{date}</span>
              {day && <span class="mgr-date-chip__day">{t(`settings.weekday.${day}`)}</span>}
              {other.includes(date) && <span class="mgr-tag mgr-tag--warn">{t('settings.dates.both')}</span>}
              <button type="button" aria-label={t('settings.dates.remove', { date })} onClick={() => d.set(path, dates.filter((_, k) => k !== j))}>
                ×
              </button>
              <FieldError path={`${path}[${j}]`} />
            </li>
          );
        })}
        {dates.length === 0 && <li class="mgr-dates__none">{t('settings.dates.none')}</li>}
      </ul>
    </section>
  );
}
