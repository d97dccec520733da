import type { PauseReason } from '../../../shared/types.ts';
import { formatTime, minutesBetween } from '../../../shared/ui/format.ts';
import { useNow } from '../../../shared/ui/use-now.ts';
import { useT } from '../use-t.ts';

/** The window is paused: said plainly, with why and since when, so nobody wonders why no one is called. */
export function PausedPanel({ reason, since }: { reason?: PauseReason; since?: number }) {
  const t = useT();
  const now = useNow(15_000);
  return (
    <section class="paused" data-testid="paused">
      <p class="paused__title">{t('paused.title')}</p>
      {reason && <p class="paused__reason">{t('paused.reason', { reason: t(`pause.${reason}`) })}</p>}
      {since !== undefined && <p class="paused__reason">{t('paused.since', { time: formatTime(since), minutes: minutesBetween(since, now) })}</p>}
      <p class="paused__hint">{t('paused.hint')}</p>
    </section>
  );
}
