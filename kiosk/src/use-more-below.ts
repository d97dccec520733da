import { type RefObject } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';

/**
 * Whether the scrolling area has more below what is shown: in 长辈模式 on a landscape
 * kiosk the last row of departments is below the fold, and an older citizen must be told
 * to scroll, not left to think those departments are missing.
 */
export function useMoreBelow(ref: RefObject<HTMLElement>, contentKey: unknown): boolean {
  const [more, setMore] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setMore(el.scrollTop + el.clientHeight < el.scrollHeight - 8);
    check();
    el.addEventListener('scroll', check, { passive: true });
    const resized = new ResizeObserver(check);
    resized.observe(el);
    for (const child of Array.from(el.children)) resized.observe(child);
    return () => {
      el.removeEventListener('scroll', check);
      resized.disconnect();
    };
  }, [ref, contentKey]);
  return more;
}
