import type { ServiceView } from '../../../shared/views.ts';
import type { MessageKey } from '../messages.ts';
import { Chevron } from './DepartmentGrid.tsx';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function waitText(t: T, service: Pick<ServiceView, 'waiting' | 'estimatedWaitMinutes' | 'windowsOpen'>): string {
  // A ticket of a service no window serves now waits for one to open, however short the line.
  if (service.windowsOpen === 0) return t('noWindowOpen');
  return service.waiting === 0 ? t('noWait') : t('aboutMinutes', { n: service.estimatedWaitMinutes });
}

/** `nextDay`: when numbers are issued again (the next working day), for a service whose numbers are gone today. */
export function closedText(t: T, service: ServiceView, nextDay?: string): string {
  if (service.closedReason === 'cap') return nextDay ? t('closedCapNext', { when: nextDay }) : t('closedCap');
  return t('closedHours');
}

/** A department's services: who waits and for how long; closed or capped ones cannot be chosen. */
export function ServiceList({ services, t, nextDay, onChoose }: { services: ServiceView[]; t: T; nextDay?: string; onChoose: (serviceId: string) => void }) {
  return (
    <div class="service-list">
      {services.map((s) => (
        <button type="button" class={`service-row${s.open ? '' : ' service-row--closed'}`} data-service={s.id} disabled={!s.open} onClick={() => onChoose(s.id)}>
          <span class="service-row__prefix" aria-hidden="true">
            {s.prefix}
          </span>
          <span class="service-row__main">
            <span class="service-row__name">{s.name}</span>
            {s.windowNumbers.length > 0 && <span class="service-row__windows">{t('windowsAt', { list: s.windowNumbers.join(t('listSep')) })}</span>}
          </span>
          {s.open ? (
            <span class="service-row__queue">
              <span class="service-row__waiting">{t('waitingPeople', { n: s.waiting })}</span>
              <span class="service-row__wait">{waitText(t, s)}</span>
            </span>
          ) : (
            <span class="service-row__closed">{closedText(t, s, nextDay)}</span>
          )}
          {s.open && <Chevron />}
        </button>
      ))}
    </div>
  );
}
