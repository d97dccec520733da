import type { Lang } from '../../../shared/ui/i18n.ts';
import { localName } from '../../../shared/ui/local-name.ts';
import type { TicketView } from '../../../shared/views.ts';
import type { MessageKey } from '../messages.ts';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** The moment that matters: which window to go to, impossible to miss. */
export function CallAlert({ ticket, lang, t }: { ticket: TicketView; lang: Lang; t: T }) {
  const w = ticket.window;
  if (!w) return null;
  const name = localName(lang, w.name, w.nameEn);
  if (ticket.status === 'serving') {
    return (
      <section class="call call--serving" role="status">
        <p class="call__window">{t('status.serving')}</p>
        <p class="call__body">{t('servingBody', { n: w.number, name })}</p>
      </section>
    );
  }
  return (
    <section class="call call--called" role="alert" data-window={w.number}>
      <p class="call__lead">{t('calledNow')}</p>
      <p class="call__window">{t('goToWindow', { n: w.number })}</p>
      <p class="call__body">{t('calledBody', { n: w.number, name })}</p>
      {w.callCount > 1 && <p class="call__count">{t('calledAgain', { n: w.callCount })}</p>}
    </section>
  );
}
