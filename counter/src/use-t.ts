import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { type Lang, translator } from '../../shared/ui/i18n.ts';
import { messages, type MessageKey } from './messages.ts';

export const LangContext = createContext<{ lang: Lang; setLang: (lang: Lang) => void }>({ lang: 'zh', setLang: () => undefined });

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** The translator for the language the clerk chose. */
export function useT(): Translate {
  return translator(messages, useContext(LangContext).lang);
}

export function useLangChoice(): { lang: Lang; setLang: (lang: Lang) => void } {
  return useContext(LangContext);
}
