import type { MessageKey } from '../messages.ts';

const TIPS: MessageKey[] = ['tipScreens', 'tipPhone', 'tipMissed'];

/** What every citizen should know before taking a ticket, at the foot of the choosing screens. */
export function HallTips({ t }: { t: (key: MessageKey) => string }) {
  return (
    <aside class="tips">
      <h3 class="tips__title">{t('tipsTitle')}</h3>
      <ol class="tips__list">
        {TIPS.map((key, i) => (
          <li>
            <span class="tips__n" aria-hidden="true">
              {i + 1}
            </span>
            {t(key)}
          </li>
        ))}
      </ol>
    </aside>
  );
}
