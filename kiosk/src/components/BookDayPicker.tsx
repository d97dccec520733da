import type { Lang } from '../../../shared/ui/i18n.ts';
import { dayText, relativeDay } from '../booking-time.ts';
import type { MessageKey } from '../messages.ts';
import type { BookDay } from '../use-booking.ts';
import { Chevron } from './DepartmentGrid.tsx';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Step 2: the working days ahead that have slots, with the places left; a full day cannot be chosen. */
export function BookDayPicker({ days, today, daysAhead, lang, t, onChoose }: { days: BookDay[]; today: string; daysAhead: number; lang: Lang; t: T; onChoose: (date: string) => void }) {
  if (days.length === 0) return <p class="book-empty">{t('bookNoDays', { n: daysAhead })}</p>;
  return (
    <div class="book-choices">
      {days.map((d) => {
        const full = d.left === 0;
        const rel = relativeDay(t, d.date, today);
        return (
          <button type="button" class={`book-choice book-choice--day${full ? ' is-full' : ''}`} data-date={d.date} disabled={full} onClick={() => onChoose(d.date)}>
            <span class="book-choice__main">
              <span class="book-choice__title">{dayText(lang, d.date)}</span>
              <span class="book-choice__chips">
                {rel && <span class="book-choice__rel">{rel}</span>}
                <span class={`book-left${full ? ' book-left--full' : ''}`}>{full ? t('bookFull') : t('bookLeft', { n: d.left })}</span>
              </span>
            </span>
            {!full && <Chevron />}
          </button>
        );
      })}
    </div>
  );
}
