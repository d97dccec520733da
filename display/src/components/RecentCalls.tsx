import { formatTime } from '../../../shared/ui/format.ts';
import type { CallView } from '../../../shared/views.ts';
import type { T } from '../messages.ts';

/** The calls before the latest one, newest first, for whoever missed the announcement. */
export function RecentCalls({ calls, timeZone, t }: { calls: CallView[]; timeZone?: string; t: T }) {
  return (
    <section class="panel recent-calls">
      <h2 class="panel__title">{t('recentCalls')}</h2>
      {calls.length === 0 ? (
        <p class="panel__empty">{t('noRecentCalls')}</p>
      ) : (
        <ol class="recent-calls__list">
          {calls.map((c) => (
            <li class="recent-calls__item" key={c.visitId} data-call-id={c.id}>
              <span class="recent-calls__number">{c.number}</span>
              <span class="recent-calls__window">{t('windowShort', { n: c.windowNumber })}</span>
              <span class="recent-calls__time">{formatTime(c.at, timeZone)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
