import type { WindowView } from '../../../../shared/views.ts';
import { useT } from '../../use-t.ts';

/** Every window: its state, who is signed in, and the number at it. */
export function WindowBoard({ windows }: { windows: WindowView[] }) {
  const t = useT();
  return (
    <ul class="mgr-windows">
      {windows.map((w) => (
        <li key={w.id} class={`mgr-window mgr-window--${w.status}`} data-window={w.id}>
          <span class="mgr-window__number">{w.number}</span>
          <span class="mgr-window__line">
            <span class="mgr-window__name">{w.name}</span>
            <span class="mgr-window__status">{w.status === 'paused' && w.pauseReason ? t(`pause.${w.pauseReason}`) : t(`window.status.${w.status}`)}</span>
          </span>
          <span class="mgr-window__line">
            <span class="mgr-window__staff" title={w.staff?.staffNo}>
              {w.staff ? w.staff.name : '—'}
            </span>
            {w.currentNumber ? (
              <span
                class={`mgr-window__current mgr-window__current--${w.currentStatus ?? 'called'}`}
                title={t(w.currentStatus === 'serving' ? 'windows.serving' : 'windows.called', { n: w.currentNumber })}
              >
                {w.currentNumber}
              </span>
            ) : (
              w.status === 'open' && <span class="mgr-window__idle">{t('windows.idle')}</span>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** What the number chips mean: outlined while called, filled once the citizen is at the counter. */
export function WindowLegend() {
  const t = useT();
  return (
    <span class="mgr-window-legend">
      <span class="mgr-window__current mgr-window__current--called">{t('status.called')}</span>
      <span class="mgr-window__current mgr-window__current--serving">{t('status.serving')}</span>
    </span>
  );
}

export function windowCounts(windows: WindowView[]): { open: number; paused: number; closed: number } {
  const c = { open: 0, paused: 0, closed: 0 };
  for (const w of windows) c[w.status]++;
  return c;
}
