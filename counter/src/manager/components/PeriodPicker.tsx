import type { ComponentChildren } from 'preact';
import { useT } from '../../use-t.ts';
import { type Period, periodProblem, QUICK_RANGES, quickRange } from '../period.ts';
import { useDraft } from '../use-draft.ts';

/** Quick ranges (今日 … 近半年) and two date fields; the period changes only when it is valid. */
export function PeriodPicker({ period, today, onChange, children }: { period: Period; today: string; onChange: (p: Period) => void; children?: ComponentChildren }) {
  const t = useT();
  const [draft, setDraft] = useDraft(period, (p) => `${p.from}..${p.to}`, (p) => !periodProblem(p), onChange);
  const problem = periodProblem(draft);
  const edit = (field: keyof Period, value: string) => setDraft({ ...draft, [field]: value });

  return (
    <div class="mgr-period">
      <div class="mgr-period__quick" role="group" aria-label={t('period.label')}>
        {QUICK_RANGES.map((r) => {
          const p = quickRange(r, today);
          const active = p.from === period.from && p.to === period.to;
          return (
            <button key={r} type="button" class={`mgr-chip${active ? ' is-active' : ''}`} aria-pressed={active} onClick={() => onChange(p)}>
              {t(`period.${r}`)}
            </button>
          );
        })}
      </div>
      <div class="mgr-period__dates">
        <label class="mgr-date">
          <span class="visually-hidden">{t('period.from')}</span>
          <input type="date" name="from" value={draft.from} onInput={(e) => edit('from', e.currentTarget.value)} />
        </label>
        <span class="mgr-period__sep">{t('period.to.sep')}</span>
        <label class="mgr-date">
          <span class="visually-hidden">{t('period.to')}</span>
          <input type="date" name="to" value={draft.to} onInput={(e) => edit('to', e.currentTarget.value)} />
        </label>
      </div>
      {children && <div class="mgr-period__actions">{children}</div>}
      {problem && (
        <p class="mgr-period__problem" role="alert">
          {t(problem)}
        </p>
      )}
    </div>
  );
}
