import type { WindowView } from '../../../shared/views.ts';
import type { T } from '../messages.ts';
import { usePages } from '../use-pages.ts';

const PER_PAGE = 24;

/** Columns for a grid that fills the board for this many windows. */
function columns(n: number): number {
  if (n <= 4) return 2;
  if (n <= 9) return 3;
  if (n <= 12) return 4;
  if (n <= 20) return 5;
  return 6;
}

/** Every window this screen shows: its current number, or that it is paused or not open. */
export function WindowBoard({ windows, highlight, t }: { windows: WindowView[]; highlight?: string; t: T }) {
  const { items, page, pages } = usePages(windows, PER_PAGE);
  const cols = columns(items.length);
  const rows = Math.max(1, Math.ceil(items.length / cols));
  return (
    <section class="panel window-board">
      <h2 class="panel__title">
        {t('windowsTitle')}
        {pages > 1 && <span class="panel__page">{t('page', { n: page + 1, of: pages })}</span>}
      </h2>
      {windows.length === 0 ? (
        <p class="panel__empty">{t('noWindows')}</p>
      ) : (
        <ul class={`window-board__grid window-board__grid--rows-${Math.min(rows, 5)}`} style={{ gridTemplateColumns: `repeat(${cols}, 1fr)`, gridTemplateRows: `repeat(${rows}, 1fr)` }}>
          {items.map((w) => (
            <WindowTile key={w.id} window={w} highlighted={w.id === highlight} t={t} />
          ))}
        </ul>
      )}
    </section>
  );
}

function WindowTile({ window: w, highlighted, t }: { window: WindowView; highlighted: boolean; t: T }) {
  const state = w.status !== 'open' ? w.status : w.currentNumber ? 'serving' : 'idle';
  return (
    <li class={`window-tile window-tile--${state}${highlighted ? ' window-tile--called' : ''}`} data-window-id={w.id} data-state={state}>
      <div class="window-tile__head">
        <span class="window-tile__no">{w.number}</span>
        <span class="window-tile__name">{w.name}</span>
      </div>
      <div class="window-tile__body">
        {state === 'serving' && <span class="window-tile__number">{w.currentNumber}</span>}
        {state === 'idle' && <span class="window-tile__status">{t('statusIdle')}</span>}
        {state === 'paused' && (
          <span class="window-tile__status">
            {t('statusPaused')}
            {w.pauseReason && w.pauseReason !== 'other' && <small class="window-tile__reason">{t(`pause.${w.pauseReason}`)}</small>}
          </span>
        )}
        {state === 'closed' && <span class="window-tile__status">{t('statusClosed')}</span>}
      </div>
    </li>
  );
}
