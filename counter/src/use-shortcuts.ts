import { useEffect, useRef } from 'preact/hooks';

/**
 * Single-key shortcuts for a screen, so a clerk never needs the mouse. Keys typed into a
 * field, or with Ctrl/Alt/Meta held, are left alone; `enabled` is false while a dialog
 * has the keyboard. The listener stays attached and reads the latest handlers, so a key
 * pressed right after a dialog closes is not lost.
 */
export function useShortcuts(handlers: Record<string, () => void>, enabled: boolean): void {
  const ref = useRef({ handlers, enabled });
  ref.current = { handlers, enabled };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!ref.current.enabled || e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey || e.repeat) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
      const key = e.key.length === 1 ? e.key.toUpperCase() : e.key;
      const run = ref.current.handlers[key];
      if (run) {
        e.preventDefault();
        run();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
