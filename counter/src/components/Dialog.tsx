import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

const FOCUSABLE = 'button:not(:disabled), input:not(:disabled), textarea:not(:disabled), [tabindex="0"]';

/**
 * A modal panel drawn by the app (never a browser pop-up). It takes the keyboard while
 * open: focus starts on `[data-autofocus]` or the first control, Tab stays inside,
 * Esc closes, and focus goes back where it was.
 */
export function Dialog({ title, onClose, children, wide, class: extra }: { title: string; onClose: () => void; children: ComponentChildren; wide?: boolean; class?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // Taken while rendering, before any child has moved the focus.
  const [before] = useState(() => document.activeElement as HTMLElement | null);
  // Layout effect: the focus must be in the dialog before the next key arrives.
  useLayoutEffect(() => {
    const panel = ref.current!;
    // A list inside may already have focused its first choice.
    if (!panel.contains(document.activeElement)) (panel.querySelector<HTMLElement>('[data-autofocus]') ?? panel.querySelector<HTMLElement>(FOCUSABLE))?.focus();
    return () => before?.focus?.();
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === 'Tab') {
      const items = [...ref.current!.querySelectorAll<HTMLElement>(FOCUSABLE)];
      if (items.length === 0) return;
      const first = items[0];
      const last = items[items.length - 1];
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  };

  return (
    <div class="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={ref} class={`dialog${wide ? ' dialog--wide' : ''}${extra ? ` ${extra}` : ''}`} role="dialog" aria-modal="true" aria-label={title} onKeyDown={onKeyDown}>
        <h2 class="dialog__title">{title}</h2>
        {children}
      </div>
    </div>
  );
}
