import type { BookableService } from '../bookable.ts';
import type { MessageKey } from '../messages.ts';
import { Chevron } from './DepartmentGrid.tsx';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Step 1: the services that take bookings, each with its department. */
export function BookServicePicker({ services, t, onChoose }: { services: BookableService[]; t: T; onChoose: (serviceId: string) => void }) {
  if (services.length === 0) return <p class="book-empty">{t('bookNoServices')}</p>;
  return (
    <div class="book-choices">
      {services.map((s) => (
        <button type="button" class="book-choice" data-service={s.id} onClick={() => onChoose(s.id)}>
          <span class="book-choice__main">
            <span class="book-choice__title">{s.name}</span>
            <span class="book-choice__sub">{s.departmentName}</span>
            <span class="book-choice__sub">{t('bookSlotLength', { n: s.slotMinutes })}</span>
          </span>
          <Chevron />
        </button>
      ))}
    </div>
  );
}
