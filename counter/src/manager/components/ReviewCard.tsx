import { useState } from 'preact/hooks';
import { RATING_LEVELS } from '../../../../shared/ratings.ts';
import { businessDate } from '../../../../shared/time.ts';
import { ApiError } from '../../../../shared/ui/api.ts';
import { formatTime } from '../../../../shared/ui/format.ts';
import type { HallView } from '../../../../shared/views.ts';
import { HALL_ZONE, weekdayOf } from '../format.ts';
import { useLangChoice, useT } from '../../use-t.ts';
import type { ManagerApi, ReviewStepInput, ReviewView, StaffName } from '../manager-api.ts';
import { ReviewStepForm } from './ReviewStepForm.tsx';
import { ReviewTimeline } from './ReviewTimeline.tsx';

/** Refusals of the step as a whole: someone else moved the review on meanwhile. */
const STALE = new Set(['STEP_OUT_OF_ORDER', 'ALREADY_RESOLVED', 'REVIEW_NOT_FOUND']);

interface Props {
  review: ReviewView;
  hall?: HallView;
  staff: Map<string, StaffName>;
  api: ManagerApi;
  /** A step was taken (or the review found moved on): the list and the counts load again. */
  onChanged: () => void;
  onUnauthorized: () => void;
}

/**
 * One bad review: who rated which visit how and why, the clerk, the due date (red once
 * passed), and its follow-up as a timeline with the next step's form in place.
 */
export function ReviewCard({ review: r, hall, staff, api, onChanged, onUnauthorized }: Props) {
  const t = useT();
  const { lang } = useLangChoice();
  const [notice, setNotice] = useState<string>();
  const zone = hall?.timezone ?? HALL_ZONE;
  const win = hall?.windows.find((w) => w.id === r.windowId);
  const service = hall?.services.find((s) => s.id === r.serviceId);
  const department = hall?.departments.find((d) => d.id === r.departmentId);
  const clerk = staff.get(r.staffId);
  const level = RATING_LEVELS.find((l) => l.score === r.score);
  const open = r.status === 'open';
  const when = (at: number) => `${businessDate(at, zone)} ${formatTime(at, zone)}`;
  const who = (id: string) => staff.get(id)?.name ?? id;
  const due = `${r.dueDate} ${weekdayOf(r.dueDate, t)}`;

  const takeStep = async (input: ReviewStepInput) => {
    try {
      await api.reviewStep(r.id, input);
      setNotice(undefined);
      onChanged();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) onUnauthorized();
      if (err instanceof ApiError && STALE.has(err.code)) {
        const said = err.field ? err.message.replace(`${err.field}: `, '') : err.message;
        setNotice(`${said}${/[。.!！]$/.test(said) ? '' : '。'}${t('reviews.err.refreshed')}`);
        onChanged();
        return;
      }
      throw err;
    }
  };

  return (
    <li class={`mgr-review${r.overdue ? ' is-overdue' : ''}${open ? '' : ' is-resolved'}`} data-review={r.id} data-number={r.number} data-next-step={r.nextStep ?? 'none'}>
      <header class="mgr-review__head">
        <span class={`mgr-score mgr-score--${r.score}`}>
          {r.score} · {level ? level[lang] : ''}
        </span>
        <strong class="mgr-review__number">{r.number}</strong>
        <span class="mgr-review__where">
          {t('reviews.visit', {
            date: r.businessDate,
            time: formatTime(r.createdAt, zone),
            window: win ? t('unit.window', { n: win.number }) : r.windowId,
            service: service?.name ?? r.serviceId,
          })}
        </span>
        <span class="mgr-review__status">
          {open ? (
            <>
              {r.overdue && <span class="mgr-tag mgr-tag--bad">{t('reviews.overdue')}</span>}
              <span class={`mgr-due${r.overdue ? ' is-overdue' : ''}`} data-testid="due">
                <span class="mgr-due__label">{t('reviews.due')}</span>
                <time dateTime={r.dueDate}>{due}</time>
              </span>
            </>
          ) : (
            <>
              <span class={`mgr-tag ${r.overdue ? 'mgr-tag--bad' : 'mgr-tag--good'}`}>{t(r.overdue ? 'reviews.resolvedLate' : 'reviews.resolved')}</span>
              <span class="mgr-due" data-testid="due">
                {r.resolvedAt !== undefined && `${t('reviews.resolvedOn', { d: businessDate(r.resolvedAt, zone) })} · `}
                <span class="mgr-due__label">{t('reviews.due')}</span>
                <time dateTime={r.dueDate}>{due}</time>
              </span>
            </>
          )}
        </span>
      </header>
      <div class="mgr-review__grid">
        <dl class="mgr-review__facts">
          <div class="mgr-review__fact mgr-review__fact--reason">
            <dt>{t('reviews.reason')}</dt>
            <dd class="mgr-review__reason">{r.reason}</dd>
          </div>
          <div class="mgr-review__fact">
            <dt>{t('reviews.clerk')}</dt>
            <dd data-testid="clerk">{clerk ? t('reviews.staff', { name: clerk.name, no: clerk.staffNo }) : r.staffId}</dd>
          </div>
          {department && (
            <div class="mgr-review__fact">
              <dt>{t('reviews.department')}</dt>
              <dd>{department.name}</dd>
            </div>
          )}
        </dl>
        <div class="mgr-review__progress">
          {/* A review closed in one step (the older resolve) has no timeline: its note is the record. */}
          {(open || (r.steps?.length ?? 0) > 0) && (
            <ReviewTimeline
              review={r}
              when={when}
              who={who}
              notice={notice}
              form={r.nextStep ? <ReviewStepForm key={r.nextStep} reviewId={r.id} step={r.nextStep} onSubmit={takeStep} /> : undefined}
            />
          )}
          {!open && r.note && (
            <p class="mgr-review__resolution">
              <span class="mgr-review__label">{t('reviews.legacyNote')}</span>
              {r.note}
              {r.resolvedAt !== undefined && (
                <span class="mgr-muted">
                  {' '}
                  · {when(r.resolvedAt)}
                  {r.resolvedBy ? ` · ${who(r.resolvedBy)}` : ''}
                </span>
              )}
            </p>
          )}
        </div>
      </div>
    </li>
  );
}
