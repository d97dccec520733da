import { useT } from '../use-t.ts';
import { SHORTCUTS } from '../window-state.ts';

/** No ticket at the window: how many wait, and how to call the next. */
export function IdlePanel({ waiting }: { waiting: number }) {
  const t = useT();
  return (
    <section class="idle" data-testid="idle">
      <p class="idle__title">{t('idle.title')}</p>
      <p class={`idle__waiting${waiting === 0 ? ' idle__waiting--none' : ''}`}>{waiting > 0 ? t('idle.waiting', { n: waiting }) : t('idle.none')}</p>
      {waiting > 0 && <p class="idle__hint">{t('idle.hint', { key: SHORTCUTS.callNext })}</p>}
    </section>
  );
}
