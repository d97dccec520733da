import type { DepartmentSummary } from '../hall-summary.ts';
import type { MessageKey } from '../messages.ts';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** The home screen: one large tile per department, with its services and how many wait. */
export function DepartmentGrid({ departments, t, onChoose }: { departments: DepartmentSummary[]; t: T; onChoose: (departmentId: string) => void }) {
  if (departments.length === 0) return <p class="empty">{t('noServices')}</p>;
  return (
    <div class="department-grid">
      {departments.map((d) => (
        // A department with nothing open can still be opened, to see why each service cannot be chosen.
        <button type="button" class={`department-tile${d.open ? '' : ' department-tile--closed'}`} data-department={d.id} onClick={() => onChoose(d.id)}>
          <span class="department-tile__name">{d.name}</span>
          <span class="department-tile__prefixes" aria-hidden="true">
            {d.services.map((s) => (
              <span class="prefix-chip">{s.prefix}</span>
            ))}
          </span>
          <span class="department-tile__meta">
            <span>{t('servicesCount', { n: d.services.length })}</span>
            {d.open ? <span class="waiting-chip">{t('waitingPeople', { n: d.waiting })}</span> : <span class="closed-chip">{d.services.every((s) => s.closedReason === 'cap') ? t('closedCap') : t('closedHours')}</span>}
          </span>
          <Chevron />
        </button>
      ))}
    </div>
  );
}

export function Chevron() {
  return (
    <svg class="chevron" viewBox="0 0 24 24" aria-hidden="true">
      <path d="m9 5 7 7-7 7" fill="none" stroke="currentColor" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}
