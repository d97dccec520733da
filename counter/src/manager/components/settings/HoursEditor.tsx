import { WEEKDAYS, type Weekday } from '../../../../../shared/config-schema.ts';
import { useT } from '../../../use-t.ts';
import { getAt } from './draft-model.ts';
import { FieldError, fieldId } from './fields.tsx';
import { useDraft } from './use-draft.ts';

const WORKWEEK: readonly Weekday[] = ['tue', 'wed', 'thu', 'fri'];

/** "9:00", "900", "0900" or "9：00" as "09:00"; anything else as typed, for the schema to name. */
export function normalTime(text: string): string {
  const m = /^(\d{1,2})[:：.]?(\d{2})$/.exec(text.trim());
  return m ? `${m[1].padStart(2, '0')}:${m[2]}` : text.trim();
}

/** A time typed as 24-hour "HH:MM" text: the same on every desk, whatever the browser's locale makes of a time input. */
function TimeInput({ path, label }: { path: string; label: string }) {
  const d = useDraft();
  const value = getAt(d.draft, path);
  const bad = !!d.errorAt(path);
  return (
    <input
      id={fieldId(path)}
      name={path}
      class="mgr-input mgr-input--time"
      type="text"
      inputMode="numeric"
      autoComplete="off"
      maxLength={5}
      placeholder="09:00"
      aria-label={label}
      aria-invalid={bad ? 'true' : undefined}
      value={typeof value === 'string' ? value : ''}
      onInput={(e) => d.set(path, e.currentTarget.value)}
      onBlur={(e) => {
        const tidy = normalTime(e.currentTarget.value);
        if (tidy !== e.currentTarget.value) d.set(path, tidy);
      }}
    />
  );
}

/** 开放时间: for each weekday its opening periods; a day with none is closed. */
export function HoursEditor() {
  const t = useT();
  const d = useDraft();
  const hours = d.draft.hall.hours;

  const addPeriod = (day: Weekday) =>
    d.edit((c) => {
      const list = c.hall.hours[day];
      const last = list[list.length - 1];
      list.push(last ? [last[1] < '13:30' ? '13:30' : last[1], '17:00'] : ['09:00', '17:00']);
    });
  const removePeriod = (day: Weekday, j: number) =>
    d.edit((c) => {
      c.hall.hours[day].splice(j, 1);
    });
  const copyMonday = () =>
    d.edit((c) => {
      for (const day of WORKWEEK) c.hall.hours[day] = c.hall.hours.mon.map(([a, b]) => [a, b] as [string, string]);
    });

  return (
    <div class="mgr-hours" data-field="hall.hours">
      <table class="mgr-table mgr-table--hours">
        <tbody>
          {WEEKDAYS.map((day) => {
            const periods = hours[day] ?? [];
            return (
              <tr key={day} data-day={day} class={periods.length ? undefined : 'is-closed'}>
                <th scope="row">{t(`settings.weekday.${day}`)}</th>
                <td>
                  <div class="mgr-hours__periods">
                    {periods.map((_, j) => (
                      <span key={j} class={`mgr-period-edit${d.errorAt(`hall.hours.${day}[${j}]`) ? ' has-error' : ''}`}>
                        <TimeInput path={`hall.hours.${day}[${j}][0]`} label={t('settings.hours.from', { day: t(`settings.weekday.${day}`), n: j + 1 })} />
                        <span class="mgr-period-edit__dash">–</span>
                        <TimeInput path={`hall.hours.${day}[${j}][1]`} label={t('settings.hours.to', { day: t(`settings.weekday.${day}`), n: j + 1 })} />
                        <button type="button" class="mgr-icon-btn" aria-label={t('settings.hours.remove', { day: t(`settings.weekday.${day}`), n: j + 1 })} onClick={() => removePeriod(day, j)}>
                          ×
                        </button>
                      </span>
                    ))}
                    {periods.length === 0 && <span class="mgr-tag mgr-tag--muted">{t('settings.hours.closed')}</span>}
                    {periods.length < 4 && (
                      <button type="button" class="mgr-btn mgr-btn--small mgr-btn--dashed" onClick={() => addPeriod(day)} data-action={`add-period-${day}`}>
                        ＋ {t('settings.hours.add')}
                      </button>
                    )}
                  </div>
                  {periods.map((_, j) => (
                    <span key={j}>
                      <FieldError path={`hall.hours.${day}[${j}]`} />
                      <FieldError path={`hall.hours.${day}[${j}][0]`} />
                      <FieldError path={`hall.hours.${day}[${j}][1]`} />
                    </span>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" class="mgr-btn mgr-btn--small" onClick={copyMonday}>
        {t('settings.hours.copyMonday')}
      </button>
    </div>
  );
}
