import type { RankRow } from '../../../../shared/reports/rankings.ts';
import { percent } from '../format.ts';
import { useT } from '../lang.ts';
import { Empty } from './StateNote.tsx';

const TOP = 5;

/** 优秀窗口 or 服务标兵: the top of the combined score, each part shown so the score can be checked. */
export function Ranking({ title, rows, testId }: { title: string; rows: RankRow[]; testId: string }) {
  const t = useT();
  const shown = rows.filter((r) => r.served > 0).slice(0, TOP);
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
            <li key={r.id} class={`mgr-rank mgr-rank--${r.rank <= 3 ? r.rank : 'n'}`}>
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
    </div>
  );
}
