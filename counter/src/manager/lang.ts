import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { type Lang, translator } from '../../../shared/ui/i18n.ts';
import { messages, type MessageKey } from './messages.ts';

export const ManagerLang = createContext<Lang>('zh');

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** The translator for the language chosen in the manager view. */
export function useT(): Translate {
  return translator(messages, useContext(ManagerLang));
}

export function useLangValue(): Lang {
  return useContext(ManagerLang);
}
