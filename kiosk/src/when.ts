import { formatTime } from '../../shared/ui/format.ts';
import type { Lang } from '../../shared/ui/i18n.ts';
import { addDays, businessDate } from '../../shared/time.ts';
import type { HallView } from '../../shared/views.ts';
import type { MessageKey } from './messages.ts';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** "今天 13:30" / "明天 08:30" / "12月7日 周一 08:30": when something happens, said as a citizen would. */
export function whenText(t: T, lang: Lang, at: number, hall: Pick<HallView, 'timezone' | 'businessDate'>): string {
  const time = formatTime(at, hall.timezone);
  const date = businessDate(at, hall.timezone);
  if (date === hall.businessDate) return t('whenToday', { time });
  if (date === addDays(hall.businessDate, 1)) return t('whenTomorrow', { time });
  const day = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: hall.timezone, month: 'long', day: 'numeric', weekday: 'short' }).format(at);
  return t('whenOn', { date: day, time });
}
