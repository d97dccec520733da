import { type RefObject } from 'preact';
import { useLayoutEffect } from 'preact/hooks';

/**
 * Shrinks one line of text until it fits its box: a long number ("AB1024"), a two-digit
 * window or the English sentence must never be cut off on the wall.
 */
export function useFitWidth(ref: RefObject<HTMLElement>, deps: unknown[]): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const fit = () => {
      el.style.fontSize = '';
      const room = el.clientWidth;
      const needed = el.scrollWidth;
      if (needed > room && room > 0) {
        const size = parseFloat(getComputedStyle(el).fontSize);
        el.style.fontSize = `${Math.floor(size * (room / needed) * 0.98)}px`;
      }
    };
    fit();
    // Fonts may finish loading after the first layout, and screens may be resized.
    void document.fonts?.ready.then(fit);
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
}
