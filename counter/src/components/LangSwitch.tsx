import { useLangChoice, useT } from '../use-t.ts';

export function LangSwitch() {
  const t = useT();
  const { lang, setLang } = useLangChoice();
  return (
    <button type="button" class="lang-switch" aria-label={t('lang.switchLabel')} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
      {t('lang.switch')}
    </button>
  );
}
