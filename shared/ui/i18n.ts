import { useEffect, useState } from 'preact/hooks';

/** Chinese first, English second; each app has one catalogue with both. */
export type Lang = 'zh' | 'en';
export type Catalogue<K extends string> = Record<K, { zh: string; en: string }>;

const STORAGE = 'hall.lang';

/** The screen's language: `chosen` (a ticket taken in English) first, then the last choice on this device. */
export function useLang(initial: Lang = 'zh', chosen?: Lang): [Lang, (l: Lang) => void] {
  const [lang, setLang] = useState<Lang>(() => chosen ?? (localStorage.getItem(STORAGE) as Lang | null) ?? initial);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  return [
    lang,
    (l) => {
      localStorage.setItem(STORAGE, l);
      setLang(l);
    },
  ];
}

/**
 * `t('key', { n: 3 })` fills `{n}` in the message. An English message may give its
 * singular and plural as "{n} service|{n} services": the first when `n` is 1.
 */
export function translator<K extends string>(catalogue: Catalogue<K>, lang: Lang) {
  return (key: K, vars?: Record<string, string | number>): string => {
    let text = catalogue[key][lang];
    if (text.includes('|')) {
      const [one, many] = text.split('|');
      text = vars?.n === 1 || vars?.n === '1' ? one : many;
    }
    if (vars) for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{${k}}`, String(v));
    return text;
  };
}
