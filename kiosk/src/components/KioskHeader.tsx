import { formatDate, formatTime } from '../../../shared/ui/format.ts';
import type { Lang } from '../../../shared/ui/i18n.ts';
import type { MessageKey } from '../messages.ts';
import { useNow } from '../../../shared/ui/use-now.ts';

interface Props {
  hallName?: string;
  /** The hall's zone from its snapshot; Shanghai until it arrives. */
  timeZone?: string;
  lang: Lang;
  elder: boolean;
  t: (key: MessageKey) => string;
  onLang: (lang: Lang) => void;
  onElder: (on: boolean) => void;
}

/** Hall name, date and time, and the two switches every citizen can reach: language and large text. */
export function KioskHeader({ hallName, timeZone, lang, elder, t, onLang, onElder }: Props) {
  const now = useNow(5_000);
  return (
    <header class="kiosk-header">
      <div class="kiosk-header__brand">
        <span class="kiosk-header__mark" aria-hidden="true">
          <svg viewBox="0 0 48 48">
            <path d="M24 4 6 13v4h36v-4L24 4Zm-14 16v16h5V20h-5Zm9 0v16h5V20h-5Zm9 0v16h5V20h-5Zm9 0v16h5V20h-5ZM6 39v5h36v-5H6Z" fill="currentColor" />
          </svg>
        </span>
        <div>
          <h1 class="kiosk-header__hall">{hallName ?? ''}</h1>
          <p class="kiosk-header__title">{t('kioskTitle')}</p>
        </div>
      </div>
      <div class="kiosk-header__side">
        <div class="kiosk-header__clock">
          <span class="kiosk-header__time">{formatTime(now, timeZone)}</span>
          <span class="kiosk-header__date">{formatDate(now, lang, timeZone)}</span>
        </div>
        <div class="kiosk-header__switches">
          <button type="button" class="switch" lang={lang === 'zh' ? 'en' : 'zh-CN'} onClick={() => onLang(lang === 'zh' ? 'en' : 'zh')}>
            {t('language')}
          </button>
          <button type="button" class={`switch${elder ? ' switch--on' : ''}`} aria-pressed={elder} onClick={() => onElder(!elder)}>
            <span class="switch__glyph" aria-hidden="true">
              大
            </span>
            {t('elderMode')}
          </button>
        </div>
      </div>
    </header>
  );
}
