import type { ComponentChildren } from 'preact';
import type { ReviewFigures as Figures } from '../../../../shared/reports/reviews.ts';
import { count, percent } from '../format.ts';
import { useT } from '../../use-t.ts';
import { Panel } from './Panel.tsx';

/**
 * The period's 差评处理 in one row (SPEC §10): how many bad reviews, the share closed by
 * their due date, how many went past it, and what the citizens said at the 回访.
 */
export function ReviewFigures({ figures: f, onOpen }: { figures: Figures; onOpen?: () => void }) {
  const t = useT();
  return (
    <Panel
      title={t('report.reviews.title')}
      class="mgr-review-figures"
      aside={
        onOpen && (
          <button type="button" class="mgr-btn mgr-btn--small" onClick={onOpen}>
            {t('report.reviews.open')}
            <span aria-hidden="true">→</span>
          </button>
        )
      }
    >
      <div class="mgr-figures" data-testid="report-reviews">
        <Figure label={t('report.reviews.bad')} value={count(f.badReviews)} sub={t('report.reviews.badSub', { n: f.resolved })} testId="reviews-bad" />
        <Figure
          label={t('report.reviews.onTime')}
          value={f.onTimeRate === null ? '—' : percent(f.onTimeRate)}
          sub={t('report.reviews.onTimeSub', { a: f.resolvedOnTime, b: f.badReviews })}
          testId="reviews-on-time"
        />
        <Figure
          label={t('report.reviews.overdue')}
          value={count(f.overdue)}
          sub={f.overdue > 0 ? t('report.reviews.overdueSub') : t('report.reviews.none')}
          tone={f.overdue > 0 ? 'bad' : undefined}
          testId="reviews-overdue"
        />
        <Figure
          label={t('report.reviews.satisfaction')}
          value={f.revisitSatisfaction === null ? '—' : percent(f.revisitSatisfaction)}
          sub={f.revisited > 0 ? t('report.reviews.satisfactionSub', { n: f.revisited, s: f.revisitSatisfied }) : t('report.reviews.noRevisit')}
          testId="reviews-satisfaction"
        />
      </div>
      <p class="mgr-figures__note">{t('report.reviews.note')}</p>
    </Panel>
  );
}

function Figure({ label, value, sub, tone, testId }: { label: string; value: string; sub: ComponentChildren; tone?: 'bad'; testId: string }) {
  return (
    <div class={`mgr-figure${tone ? ` mgr-figure--${tone}` : ''}`} data-testid={testId}>
      <span class="mgr-figure__label">{label}</span>
      <strong class="mgr-figure__value">{value}</strong>
      <span class="mgr-figure__sub">{sub}</span>
    </div>
  );
}
