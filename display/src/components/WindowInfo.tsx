import { useRef } from 'preact/hooks';
import type { WindowScreenSnapshot } from '../../../shared/events.ts';
import type { Lang } from '../../../shared/ui/i18n.ts';
import { localName } from '../../../shared/ui/local-name.ts';
import type { HallView } from '../../../shared/views.ts';
import type { T } from '../messages.ts';
import { RichText } from './RichText.tsx';

/** The window's department, or for a 综合窗口 the departments of the services it serves. */
function departmentText(snapshot: WindowScreenSnapshot, hall: HallView | undefined, lang: Lang, t: T): string {
  if (!hall) return '';
  const name = (id: string) => hall.departments.find((d) => d.id === id)?.name;
  const w = snapshot.window;
  if (w.departmentId) return name(w.departmentId) ?? '';
  const ids = [...new Set(w.serviceIds.map((s) => hall.services.find((v) => v.id === s)?.departmentId).filter((d): d is string => !!d))];
  const names = ids.map(name).filter((n): n is string => !!n);
  return names.length > 0 ? names.join(lang === 'zh' ? '、' : ', ') : t('multiDepartment');
}

export function WindowInfo({ snapshot, hall, lang, t }: { snapshot: WindowScreenSnapshot; hall?: HallView; lang: Lang; t: T }) {
  const w = snapshot.window;
  const current = snapshot.current;
  const callKey = current ? `${current.visitId}#${current.callCount}` : '';
  // The number flashes when it is called or recalled, not when the screen first shows it.
  const firstCall = useRef(callKey);
  const flash = !!current && callKey !== firstCall.current;

  return (
    <main class={`window-info window-info--${w.status}`} data-window-id={w.id}>
      <section class="window-info__identity">
        <p class="window-info__no">
          <RichText template={t('windowNumber')} slots={{ n: <strong>{w.number}</strong> }} />
        </p>
        <h1 class="window-info__name">{localName(lang, w.name, w.nameEn)}</h1>
        <p class="window-info__department">{departmentText(snapshot, hall, lang, t)}</p>
      </section>

      <section class="window-info__current" aria-live="polite">
        <p class="window-info__label">{t('servingNow')}</p>
        {w.status === 'closed' ? (
          <>
            <p class="window-info__state">{t('windowClosed')}</p>
            <p class="window-info__hint">{t('windowClosedHint')}</p>
          </>
        ) : w.status === 'paused' ? (
          <>
            <p class="window-info__state window-info__state--paused">{t('windowPaused')}</p>
            {/* As on the hall screen: "其他" would tell the citizen nothing. */}
            {w.pauseReason && w.pauseReason !== 'other' && <p class="window-info__hint">{t(`pause.${w.pauseReason}`)}</p>}
          </>
        ) : current ? (
          <>
            <p class={`window-info__number${flash ? ' window-info__number--flash' : ''}`} key={callKey}>
              {current.number}
            </p>
            <p class="window-info__hint">{t(current.status === 'serving' ? 'status.serving' : 'currentCalled')}</p>
          </>
        ) : (
          <>
            <p class="window-info__state">{t('statusIdle')}</p>
            <p class="window-info__hint">{t('windowIdle')}</p>
          </>
        )}
      </section>

      {w.staff && (
        <section class="window-info__clerk">
          <span class="window-info__avatar" aria-hidden="true">
            {w.staff.name.slice(0, 1)}
          </span>
          <div>
            <p class="window-info__clerk-label">{t('clerkOnDuty')}</p>
            <p class="window-info__clerk-name">
              {w.staff.name}
              <span class="window-info__staff-no">{t('staffNo', { no: w.staff.staffNo })}</span>
            </p>
          </div>
          <p class="window-info__invite">{t('ratingInvite')}</p>
        </section>
      )}
    </main>
  );
}
