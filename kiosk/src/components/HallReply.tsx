import type { Lang } from '../../../shared/ui/i18n.ts';
import type { MessageKey } from '../messages.ts';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** "2026年11月27日 14:00" / "27 November 2026, 14:00", in the hall's time (every hall so far is in China). */
function replyDate(at: number, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

/**
 * The hall's answer to the holder's bad review (反馈), as a manager wrote it: shown from the
 * moment it is sent, live on an open page and on every later visit to it.
 */
export function HallReply({ reply, hallName, lang, t }: { reply: { text: string; at: number }; hallName: string; lang: Lang; t: T }) {
  return (
    <section class="hall-reply" role="status" aria-live="polite" data-testid="hall-reply">
      <header class="hall-reply__head">
        <span class="hall-reply__icon" aria-hidden="true">
          ✉
        </span>
        <div>
          <h2 class="hall-reply__title">{t('replyTitle')}</h2>
          <p class="hall-reply__lead">{t('replyLead')}</p>
        </div>
      </header>
      <p class="hall-reply__text" data-testid="hall-reply-text">
        {reply.text}
      </p>
      <p class="hall-reply__sign">
        <span>{hallName}</span>
        <time dateTime={new Date(reply.at).toISOString()} data-testid="hall-reply-date">
          {replyDate(reply.at, lang)}
        </time>
      </p>
      <p class="hall-reply__more">{t('replyMore')}</p>
    </section>
  );
}
