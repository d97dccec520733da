import { useT } from '../../use-t.ts';

export const VIEWS = ['dashboard', 'report', 'attendance', 'leave', 'reviews', 'appointments', 'settings'] as const;
export type View = (typeof VIEWS)[number];

const ICONS: Record<View, string> = { dashboard: '◉', report: '▤', attendance: '◷', leave: '✓', reviews: '✎', appointments: '▦', settings: '⚙' };

/**
 * The left rail: seven views; the leave entry carries the requests waiting; the review entry the open count, red when any is
 * overdue; the settings entry the number of unsaved changes.
 */
export function ManagerNav({ view, onView, openReviews, overdueReviews, pendingLeave, unsaved }: { view: View; onView: (v: View) => void; openReviews?: number; overdueReviews?: number; pendingLeave?: number; unsaved?: number }) {
  const t = useT();
  return (
    <nav class="mgr-nav" aria-label={t('manager.title')}>
      {VIEWS.map((v) => (
        <button key={v} type="button" class={`mgr-nav__item${v === view ? ' is-active' : ''}`} aria-current={v === view ? 'page' : undefined} onClick={() => onView(v)} data-view={v}>
          <span class="mgr-nav__icon" aria-hidden="true">
            {ICONS[v]}
          </span>
          <span class="mgr-nav__label">{t(`nav.${v}`)}</span>
          {v === 'reviews' && openReviews ? (
            <span class={`mgr-nav__badge${overdueReviews ? ' is-overdue' : ''}`} title={overdueReviews ? t('nav.overdue', { n: overdueReviews }) : undefined}>
              {openReviews}
            </span>
          ) : null}
          {v === 'leave' && pendingLeave ? (
            <span class="mgr-nav__badge is-leave" title={t('nav.leavePending', { n: pendingLeave })} data-testid="nav-leave-pending">
              {pendingLeave}
            </span>
          ) : null}
          {v === 'settings' && unsaved ? (
            <span class="mgr-nav__badge is-unsaved" title={t('settings.unsaved', { n: unsaved })}>
              {unsaved}
            </span>
          ) : null}
        </button>
      ))}
    </nav>
  );
}
