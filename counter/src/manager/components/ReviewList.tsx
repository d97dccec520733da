import { useState } from 'preact/hooks';
import type { HallView } from '../../../../shared/views.ts';
import { useT } from '../../use-t.ts';
import type { ManagerApi, ReviewFilter, ReviewView, StaffName } from '../manager-api.ts';
import { useLoad } from '../use-load.ts';
import { OutboxPanel } from './OutboxPanel.tsx';
import { ReviewCard } from './ReviewCard.tsx';
import { Empty, ErrorNote, Loading } from './StateNote.tsx';

interface Props {
  api: ManagerApi;
  hall?: HallView;
  /** Moves whenever the hall changes: another manager's step shows without a reload. */
  version?: number;
  onChanged: () => void;
  onUnauthorized: () => void;
}

const FILTERS: ReviewFilter[] = ['open', 'resolved', 'all'];

/** Open ones as the server lists them (oldest, so soonest due, first); closed ones latest first. */
function ordered(reviews: ReviewView[]): ReviewView[] {
  const open = reviews.filter((r) => r.status === 'open');
  const closed = reviews.filter((r) => r.status !== 'open').sort((a, b) => (b.resolvedAt ?? 0) - (a.resolvedAt ?? 0));
  return [...open, ...closed];
}

/**
 * 差评处理: each bad review followed up 核实 → 整改 → 反馈 → 回访 in place; open ones with
 * their due date (red once passed), closed ones under 已办结.
 */
export function ReviewList({ api, hall, version = 0, onChanged, onUnauthorized }: Props) {
  const t = useT();
  const [filter, setFilter] = useState<ReviewFilter>('open');
  const [nonce, setNonce] = useState(0);
  const list = useLoad(`${filter}#${nonce}#${version}`, () => api.reviews(filter), onUnauthorized);
  // Reviews name the clerk and the managers by id; the configuration has everyone's name.
  const people = useLoad('staff', api.staff, onUnauthorized);
  const staff = new Map<string, StaffName>((people.data ?? []).map((s) => [s.id, s]));
  const reviews = list.dataKey?.startsWith(`${filter}#`) && list.data ? ordered(list.data.reviews) : undefined;

  return (
    <div class="mgr-reviews">
      <div class="mgr-toolbar">
        <h1 class="mgr-view-title">{t('reviews.title')}</h1>
        <div class="mgr-segmented" role="tablist">
          {FILTERS.map((f) => (
            <button key={f} type="button" role="tab" aria-selected={f === filter} class={f === filter ? 'is-active' : undefined} onClick={() => setFilter(f)} data-filter={f}>
              {t(`reviews.filter.${f}`)}
            </button>
          ))}
        </div>
        {reviews && <span class="mgr-muted">{t('reviews.count', { n: reviews.length })}</span>}
      </div>
      <p class="mgr-reviews__flow">
        {(['verify', 'rectify', 'reply', 'revisit'] as const).map((s, i) => (
          <span key={s} class="mgr-reviews__flow-step">
            {i > 0 && (
              <span class="mgr-reviews__flow-arrow" aria-hidden="true">
                →
              </span>
            )}
            {t(`reviews.step.${s}`)}
          </span>
        ))}
        <span class="mgr-reviews__flow-text">{t('reviews.flow')}</span>
      </p>
      <OutboxPanel api={api} version={version + nonce} onUnauthorized={onUnauthorized} />
      {list.error && <ErrorNote error={list.error} onRetry={list.reload} />}
      {!reviews ? (
        !list.error && <Loading />
      ) : reviews.length === 0 ? (
        <Empty text={t(`reviews.empty.${filter}`)} />
      ) : (
        <ul class="mgr-review-list">
          {reviews.map((r) => (
            <ReviewCard
              key={r.id}
              review={r}
              hall={hall}
              staff={staff}
              api={api}
              onChanged={() => {
                setNonce((n) => n + 1);
                onChanged();
              }}
              onUnauthorized={onUnauthorized}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
