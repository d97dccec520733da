import { useState } from 'preact/hooks';
import { RATING_LEVELS } from '../../../../shared/ratings.ts';
import { businessDate } from '../../../../shared/time.ts';
import { ApiError } from '../../../../shared/ui/api.ts';
import { formatTime } from '../../../../shared/ui/format.ts';
import type { HallView } from '../../../../shared/views.ts';
import { HALL_ZONE } from '../format.ts';
import { useLangChoice, useT } from '../../use-t.ts';
import type { ManagerApi, ReviewFilter, ReviewView } from '../manager-api.ts';
import { useLoad } from '../use-load.ts';
import { Empty, ErrorNote, Loading } from './StateNote.tsx';

interface Props {
  api: ManagerApi;
  hall?: HallView;
  today: string;
  onResolved: () => void;
  onUnauthorized: () => void;
}

type Clerks = Map<string, { name: string; staffNo: string }>;

/** 差评处理: bad reviews to follow up, overdue ones flagged, each resolved with a note in place. */
export function ReviewList({ api, hall, today, onResolved, onUnauthorized }: Props) {
  const t = useT();
  const [filter, setFilter] = useState<ReviewFilter>('open');
  const [nonce, setNonce] = useState(0);
  const list = useLoad(`${filter}#${nonce}`, () => api.reviews(filter), onUnauthorized);
  // Reviews name the clerk by id; the attendance list has every clerk's name and number.
  const staff = useLoad(today, () => api.attendance({ from: today, to: today }), onUnauthorized);
  const clerks: Clerks = new Map((staff.data?.clerks ?? []).map((c) => [c.staffId, { name: c.name, staffNo: c.staffNo }]));
  const reviews = list.dataKey?.startsWith(`${filter}#`) ? list.data?.reviews : undefined;

  return (
    <div class="mgr-reviews">
      <div class="mgr-toolbar">
        <h1 class="mgr-view-title">{t('reviews.title')}</h1>
        <div class="mgr-segmented" role="tablist">
          {(['open', 'all'] as const).map((f) => (
            <button key={f} type="button" role="tab" aria-selected={f === filter} class={f === filter ? 'is-active' : undefined} onClick={() => setFilter(f)}>
              {t(`reviews.filter.${f}`)}
            </button>
          ))}
        </div>
        {reviews && <span class="mgr-muted">{t('reviews.count', { n: reviews.length })}</span>}
      </div>
      {list.error && <ErrorNote error={list.error} onRetry={list.reload} />}
      {!reviews ? (
        !list.error && <Loading />
      ) : reviews.length === 0 ? (
        <Empty text={t(filter === 'open' ? 'reviews.empty.open' : 'reviews.empty.all')} />
      ) : (
        <ul class="mgr-review-list">
          {reviews.map((r) => (
            <ReviewCard
              key={r.id}
              review={r}
              hall={hall}
              clerks={clerks}
              api={api}
              onResolved={() => {
                setNonce((n) => n + 1);
                onResolved();
              }}
              onUnauthorized={onUnauthorized}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function ReviewCard({ review: r, hall, clerks, api, onResolved, onUnauthorized }: { review: ReviewView; hall?: HallView; clerks: Clerks; api: ManagerApi; onResolved: () => void; onUnauthorized: () => void }) {
  const t = useT();
  const { lang } = useLangChoice();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const win = hall?.windows.find((w) => w.id === r.windowId);
  const service = hall?.services.find((s) => s.id === r.serviceId);
  const department = hall?.departments.find((d) => d.id === r.departmentId);
  const clerk = clerks.get(r.staffId);
  const level = RATING_LEVELS.find((l) => l.score === r.score);
  const open = r.status === 'open';

  const resolve = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (!note.trim()) {
      setError(t('reviews.noteMissing'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await api.resolveReview(r.id, note.trim());
      onResolved();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) onUnauthorized();
      setError(err instanceof ApiError ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <li class={`mgr-review${r.overdue ? ' is-overdue' : ''}${open ? '' : ' is-resolved'}`} data-review={r.id} data-number={r.number}>
      <div class="mgr-review__head">
        <span class={`mgr-score mgr-score--${r.score}`}>
          {r.score} · {level ? level[lang] : ''}
        </span>
        <strong class="mgr-review__number">{r.number}</strong>
        <span class="mgr-review__where">
          {t('reviews.visit', {
            date: r.businessDate,
            time: formatTime(r.createdAt, HALL_ZONE),
            window: win ? t('unit.window', { n: win.number }) : r.windowId,
            service: service?.name ?? r.serviceId,
          })}
          {department && ` · ${department.name}`}
        </span>
        <span class="mgr-review__status">
          {r.overdue && <span class="mgr-tag mgr-tag--bad">{t(open ? 'reviews.overdue' : 'reviews.resolvedLate')}</span>}
          {!open && <span class="mgr-tag mgr-tag--good">{t('reviews.resolved')}</span>}
          {open && <span class={`mgr-due${r.overdue ? ' is-overdue' : ''}`}>{t('reviews.due', { d: r.dueDate })}</span>}
        </span>
      </div>
      <div class="mgr-review__body">
        <p class="mgr-review__reason">
          <span class="mgr-review__label">{t('reviews.reason')}</span>
          {r.reason}
        </p>
        <p class="mgr-review__clerk">{clerk ? t('reviews.clerk', { name: clerk.name, no: clerk.staffNo }) : ''}</p>
      </div>
      {open ? (
        <form class="mgr-review__form" onSubmit={resolve}>
          <label class="mgr-review__field">
            <span class="mgr-review__label">{t('reviews.note')}</span>
            <textarea name="note" rows={2} maxLength={1000} placeholder={t('reviews.notePlaceholder')} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          </label>
          <button type="submit" class="mgr-btn mgr-btn--primary" disabled={busy}>
            {busy ? t('reviews.resolving') : t('reviews.resolve')}
          </button>
          {error && (
            <p class="mgr-review__error" role="alert">
              {error}
            </p>
          )}
        </form>
      ) : (
        <p class="mgr-review__resolution">
          <span class="mgr-review__label">{t('reviews.note')}</span>
          {r.note}
          {r.resolvedAt !== undefined && <span class="mgr-muted"> · {t('reviews.resolvedBy', { time: `${businessDate(r.resolvedAt, HALL_ZONE)} ${formatTime(r.resolvedAt, HALL_ZONE)}` })}</span>}
        </p>
      )}
    </li>
  );
}
