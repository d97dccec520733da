import { formatTime } from '../../../shared/ui/format.ts';
import type { Slot } from '../appointments-api.ts';
import { isMorning } from '../booking-time.ts';
import type { MessageKey } from '../messages.ts';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Step 3: the day's slots, morning and afternoon apart, each with the places left; full ones shown but disabled. */
export function BookSlotPicker({ slots, timeZone, t, onChoose }: { slots: Slot[]; timeZone: string; t: T; onChoose: (slot: Slot) => void }) {
  if (slots.length === 0) return <p class="book-empty">{t('bookNoSlots')}</p>;
  const groups: Array<[MessageKey, Slot[]]> = [
    ['bookMorning', slots.filter((s) => isMorning(s.start, timeZone))],
    ['bookAfternoon', slots.filter((s) => !isMorning(s.start, timeZone))],
  ];
  return (
    <div class="book-slots">
      {groups
        .filter(([, list]) => list.length > 0)
        .map(([label, list]) => (
          <section class="book-slots__group" aria-label={t(label)}>
            <h3 class="book-slots__label">{t(label)}</h3>
            <div class="book-slots__grid">
              {list.map((s) => {
                const full = s.left <= 0;
                return (
                  <button type="button" class={`book-slot${full ? ' is-full' : ''}`} data-start={s.start} disabled={full} onClick={() => onChoose(s)}>
                    <span class="book-slot__time">
                      {formatTime(s.start, timeZone)}
                      <span class="book-slot__end">–{formatTime(s.end, timeZone)}</span>
                    </span>
                    <span class="book-slot__left">{full ? t('bookFull') : t('bookLeft', { n: s.left })}</span>
                  </button>
                );
              })}
            </div>
          </section>
        ))}
    </div>
  );
}
