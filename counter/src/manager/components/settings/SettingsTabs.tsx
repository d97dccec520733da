import { useT } from '../../../use-t.ts';
import { SECTIONS, type Section } from './draft-model.ts';
import { useDraft } from './use-draft.ts';

export type Tab = Section | 'audit';
export const TABS: readonly Tab[] = [...SECTIONS, 'audit'];

/** The fields a tab holds, as path prefixes. */
export const TAB_PATHS: Record<Section, string[]> = {
  hall: ['hall'],
  departments: ['departments'],
  services: ['services'],
  windows: ['windows'],
  staff: ['staff'],
  devices: ['devices'],
  rules: ['limits', 'reviews', 'rankings'],
};

/** One tab per section; each says whether it holds unsaved changes and how many problems. */
export function SettingsTabs({ tab, onTab }: { tab: Tab; onTab: (t: Tab) => void }) {
  const t = useT();
  const d = useDraft();
  return (
    <div class="mgr-tabs" role="tablist" aria-label={t('nav.settings')}>
      {TABS.map((x) => {
        const problems = x === 'audit' ? 0 : TAB_PATHS[x].reduce((n, p) => n + d.errorsUnder(p), 0);
        const changed = x !== 'audit' && d.changes.some((c) => c.section === x);
        return (
          <button key={x} type="button" role="tab" aria-selected={x === tab} class={`mgr-tab${x === tab ? ' is-active' : ''}`} onClick={() => onTab(x)} data-tab={x}>
            {t(`settings.tab.${x}`)}
            {problems > 0 ? (
              <span class="mgr-tab__problems" title={t('settings.problems', { n: problems })}>
                {problems}
              </span>
            ) : (
              changed && <span class="mgr-tab__changed" title={t('settings.changedHere')} aria-label={t('settings.changedHere')} />
            )}
          </button>
        );
      })}
    </div>
  );
}
