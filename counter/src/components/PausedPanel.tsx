import type { PauseReason } from '../../../shared/types.ts';
import { useT } from '../use-t.ts';

/** The window is paused: said plainly, with why, so nobody wonders why no one is called. */
export function PausedPanel({ reason }: { reason?: PauseReason }) {
  const t = useT();
  return (
    <section class="paused" data-testid="paused">
      <p class="paused__title">{t('paused.title')}</p>
      {reason && <p class="paused__reason">{t('paused.reason', { reason: t(`pause.${reason}`) })}</p>}
      <p class="paused__hint">{t('paused.hint')}</p>
    </section>
  );
}
