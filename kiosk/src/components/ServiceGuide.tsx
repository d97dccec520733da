import type { ServiceGuide as Guide } from '../../../shared/config-schema.ts';
import type { MessageKey } from '../messages.ts';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/**
 * 办事指南 (一次告知): what to bring, what to know, how long it takes — before the ticket is
 * taken on the kiosk, and on the phone while waiting. `lead` replaces the heading, as after
 * a 退回 ("next time, please bring").
 */
export function ServiceGuide({ guide, t, lead, compact = false }: { guide: Guide; t: T; lead?: string; compact?: boolean }) {
  const { materials, notes, promisedDays } = guide;
  if (materials.length === 0 && !notes && promisedDays === undefined) return null;
  return (
    <section class={`guide${compact ? ' guide--compact' : ''}`} data-testid="service-guide">
      <h3 class="guide__title">{lead ?? t('guideTitle')}</h3>
      {materials.length > 0 && (
        <>
          {!lead && <p class="guide__label">{t('guideMaterials')}</p>}
          <ol class="guide__materials">
            {materials.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ol>
        </>
      )}
      {notes && <p class="guide__notes">{notes}</p>}
      {promisedDays !== undefined && <p class="guide__promise">{promisedDays === 0 ? t('guideOnTheSpot') : t('guidePromised', { n: promisedDays })}</p>}
    </section>
  );
}
