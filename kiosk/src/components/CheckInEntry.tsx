import type { MessageKey } from '../messages.ts';
import { Chevron } from './DepartmentGrid.tsx';

/** On the home screen, for citizens who booked: 预约签到, above the departments. */
export function CheckInEntry({ t, onOpen }: { t: (key: MessageKey) => string; onOpen: () => void }) {
  return (
    <button type="button" class="check-in-entry" data-testid="check-in-entry" onClick={onOpen}>
      <span class="check-in-entry__icon" aria-hidden="true">
        <svg viewBox="0 0 48 48">
          <rect x="6" y="10" width="36" height="32" rx="4" fill="none" stroke="currentColor" stroke-width="4" />
          <path d="M6 19h36M16 5v9M32 5v9" fill="none" stroke="currentColor" stroke-width="4" stroke-linecap="round" />
          <path d="m17 30 5 5 9-10" fill="none" stroke="currentColor" stroke-width="4" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
      </span>
      <span class="check-in-entry__text">
        <span class="check-in-entry__title">{t('checkInEntry')}</span>
        <span class="check-in-entry__hint">{t('checkInEntryHint')}</span>
      </span>
      <Chevron />
    </button>
  );
}
