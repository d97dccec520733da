import type { RankRow } from '../../../../shared/reports/rankings.ts';
import { percent } from '../format.ts';
import { useT } from '../../use-t.ts';
import { Empty } from './StateNote.tsx';

const TOP = 5;

/**
 * 优秀窗口 or 服务标兵: the top of the combined score, each part shown so the score can be
 * checked; below, those who served someone but too few to be ranked (样本不足), unscored.
 */
export function Ranking({ title, rows, minVisits, testId }: { title: string; rows: RankRow[]; minVisits: number; testId: string }) {
  const t = useT();
  const shown = rows.filter((r) => r.rank !== null && r.served > 0).slice(0, TOP);
  const few = rows.filter((r) => r.rank === null && r.served > 0);
  return (
    <div class="mgr-ranking" data-testid={testId}>
      <h3 class="mgr-ranking__title">
        {title}
        <span class="mgr-muted">{t('rank.top', { n: TOP })}</span>
      </h3>
      {shown.length === 0 ? (
        <Empty text={t('rank.empty')} />
      ) : (
        <ol class="mgr-ranking__list">
          {shown.map((r) => (
            <li key={r.id} class={`mgr-rank mgr-rank--${r.rank !== null && r.rank <= 3 ? r.rank : 'n'}`}>
              <span class="mgr-rank__place">{r.rank}</span>
              <span class="mgr-rank__who">
                <span class="mgr-rank__name">{r.name}</span>
                <span class="mgr-rank__parts">
                  {t('rank.parts', { v: percent(r.parts.volume), s: percent(r.parts.satisfaction), l: percent(r.parts.serviceLevel), a: percent(r.parts.attendance) })}
                </span>
              </span>
              <span class="mgr-rank__score">
                <strong>{r.score.toFixed(1)}</strong>
                <span class="mgr-rank__served">{t('rank.served', { n: r.served })}</span>
              </span>
            </li>
          ))}
        </ol>
      )}
      {few.length > 0 && (
        <p class="mgr-ranking__few" data-testid={`${testId}-few`}>
          <span class="mgr-tag mgr-tag--muted">{t('rank.few')}</span>
          <span class="mgr-muted">{t('rank.fewRule', { n: minVisits })}</span>
          {few.map((r) => (
            <span key={r.id} class="mgr-ranking__few-who" data-row={r.id}>
              {r.name} <span class="mgr-muted">{t('rank.served', { n: r.served })}</span>
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
