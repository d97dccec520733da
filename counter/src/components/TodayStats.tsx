import type { StaffDayStats } from '../../../shared/events.ts';
import type { VisitEnd } from '../../../shared/types.ts';
import { durationText } from '../durations.ts';
import type { MessageKey } from '../messages.ts';
import { useT } from '../use-t.ts';

const ENDS: Array<[VisitEnd, MessageKey]> = [
  ['completed', 'outcome.completed'],
  ['accepted', 'outcome.accepted'],
  ['consulted', 'outcome.consulted'],
  ['rejected', 'outcome.rejected'],
  ['transferred', 'end.transferred'],
  ['no_show', 'end.no_show'],
];

/** The clerk's own day so far: visits by how they ended, and the average service time. */
export function TodayStats({ stats }: { stats?: StaffDayStats }) {
  const t = useT();
  const s = stats ?? { calls: 0, byEnd: {}, served: 0 };
  return (
    <section class="panel" aria-labelledby="today-title" data-testid="today-stats">
      <h2 class="panel__title" id="today-title">
        {t('today.title')}
      </h2>
      <div class="today__top">
        <div class="today__big">
          <span class="today__label">{t('today.served')}</span>
          <span class="today__value" data-testid="served">
            {s.served}
          </span>
        </div>
        <div class="today__big">
          <span class="today__label">{t('today.average')}</span>
          <span class="today__value today__value--small" data-testid="average">
            {s.averageServiceSeconds !== undefined ? durationText(s.averageServiceSeconds, t) : t('today.noAverage')}
          </span>
        </div>
      </div>
      <dl class="today__grid">
        {ENDS.map(([end, label]) => (
          <div key={end} class={`today__cell today__cell--${end}`} data-end={end}>
            <dt>{t(label)}</dt>
            <dd>{s.byEnd[end] ?? 0}</dd>
          </div>
        ))}
      </dl>
      <p class="today__calls">{t('today.calls', { n: s.calls })}</p>
    </section>
  );
}
