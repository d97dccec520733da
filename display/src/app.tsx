import { useEffect, useMemo } from 'preact/hooks';
import { useLang } from '../../shared/ui/i18n.ts';
import { HallScreen } from './components/HallScreen.tsx';
import { WindowScreen } from './components/WindowScreen.tsx';
import { makeT } from './messages.ts';
import { langFromUrl, screenMode } from './screen-mode.ts';

export function App() {
  const mode = useMemo(screenMode, []);
  const [lang, setLang] = useLang();
  const t = useMemo(() => makeT(lang), [lang]);

  useEffect(() => {
    const fromUrl = langFromUrl();
    if (fromUrl) setLang(fromUrl);
    document.documentElement.classList.add(mode.view === 'hall' ? 'view-hall' : 'view-window');
    // A wall screen has no pointer; a keyboard's L switches the language for whoever sets it up.
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() === 'l' && !(e.target instanceof HTMLInputElement)) setLang(document.documentElement.lang === 'en' ? 'zh' : 'en');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    document.title = t(mode.view === 'hall' ? 'screenTitleHall' : 'screenTitleWindow');
  }, [t, mode.view]);

  const toggleLang = () => setLang(lang === 'zh' ? 'en' : 'zh');
  return mode.view === 'hall' ? (
    <HallScreen deviceKey={mode.key} lang={lang} t={t} />
  ) : (
    <WindowScreen deviceKey={mode.key} windowId={mode.windowId} lang={lang} t={t} onToggleLang={toggleLang} />
  );
}
