import type { HallView } from '../views.ts';
import type { Lang } from './i18n.ts';

/** A configured name in the screen's language: the English one where the configuration gives it. */
export function localName(lang: Lang, name: string, nameEn?: string): string {
  return lang === 'en' && nameEn ? nameEn : name;
}

const swap = <T extends { name: string; nameEn?: string }>(x: T, lang: Lang): T => (x.nameEn ? { ...x, name: localName(lang, x.name, x.nameEn) } : x);

/**
 * The hall with every configured name (hall, departments, services, windows, recent calls'
 * windows) in the screen's language, so components just show `name`.
 */
export function hallInLanguage(hall: HallView, lang: Lang): HallView {
  if (lang === 'zh') return hall;
  return {
    ...swap(hall, lang),
    departments: hall.departments.map((d) => swap(d, lang)),
    services: hall.services.map((s) => swap(s, lang)),
    windows: hall.windows.map((w) => swap(w, lang)),
    recentCalls: hall.recentCalls.map((c) => (c.windowNameEn ? { ...c, windowName: c.windowNameEn } : c)),
  };
}
