import { deviceKey } from '../../shared/ui/device-key.ts';

/**
 * One page, two screens: the hall view (`/display/?key=…`) and a window's view
 * (`/display/?window=w5&key=…`). Each keeps its own key, so one machine can run both,
 * and even several window screens.
 */
export type ScreenMode = { view: 'hall'; key?: string } | { view: 'window'; windowId: string; key?: string };

const LAST_WINDOW = 'hall.display.window';

export function screenMode(): ScreenMode {
  const params = new URL(window.location.href).searchParams;
  // `?view=window` reopens the window screen this machine was last set up for.
  const windowId = params.get('window') ?? (params.get('view') === 'window' ? (localStorage.getItem(LAST_WINDOW) ?? undefined) : undefined);
  if (windowId) {
    localStorage.setItem(LAST_WINDOW, windowId);
    return { view: 'window', windowId, key: deviceKey(`hall.display.window.${windowId}.key`) };
  }
  return { view: 'hall', key: deviceKey('hall.display.hall.key') };
}

/** `?lang=en` in the installed address picks the screen's language once. */
export function langFromUrl(): 'zh' | 'en' | undefined {
  const lang = new URL(window.location.href).searchParams.get('lang');
  return lang === 'zh' || lang === 'en' ? lang : undefined;
}
