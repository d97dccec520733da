import { formatClock, formatDate } from '../../../shared/ui/format.ts';
import type { Lang } from '../../../shared/ui/i18n.ts';
import { useNow } from '../../../shared/ui/use-now.ts';

/** Date with weekday and a ticking clock, in the hall's time. Its own component so only it re-renders each second. */
export function Clock({ lang, timeZone }: { lang: Lang; timeZone?: string }) {
  const now = useNow();
  const [hm, s] = [formatClock(now, timeZone).slice(0, 5), formatClock(now, timeZone).slice(6)];
  return (
    <div class="clock">
      <time class="clock__time" dateTime={new Date(now).toISOString()}>
        {hm}
        <span class="clock__seconds">:{s}</span>
      </time>
      <span class="clock__date">{formatDate(now, lang, timeZone)}</span>
    </div>
  );
}
