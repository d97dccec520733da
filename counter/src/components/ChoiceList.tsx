import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { Keycap } from './Keycap.tsx';

export interface Choice {
  id: string;
  label: ComponentChildren;
  detail?: ComponentChildren;
  disabled?: boolean;
  /** With `jump`: the number typed to move to this choice (a window's number). */
  jump?: string;
}

/** How long digits typed one after another make one number ("1" then "2" is 12). */
const TYPING_MS = 1000;

/**
 * A list to pick from without the mouse: ↑/↓ move, Enter picks. Digits either pick the
 * first nine by their place in the list at once (`keys="position"`), or, where the
 * choices carry numbers of their own (`keys="jump"`, windows), move to the choice whose
 * number was typed, and Enter picks it: a window is never chosen by its place in a list.
 */
export function ChoiceList({ choices, onChoose, disabled, label, keys = 'position' }: { choices: Choice[]; onChoose: (id: string) => void; disabled?: boolean; label: string; keys?: 'position' | 'jump' }) {
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const typed = useRef({ text: '', at: 0 });
  useLayoutEffect(() => {
    refs.current.find((b) => b && !b.disabled)?.focus();
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    const buttons = refs.current.filter((b): b is HTMLButtonElement => !!b && !b.disabled);
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      buttons[(at + step + buttons.length) % buttons.length]?.focus();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      buttons[e.key === 'Home' ? 0 : buttons.length - 1]?.focus();
    } else if (keys === 'jump' && /^[0-9]$/.test(e.key) && !e.ctrlKey && !e.altKey && !e.metaKey) {
      e.preventDefault();
      const now = Date.now();
      const text = (now - typed.current.at < TYPING_MS ? typed.current.text : '') + e.key;
      typed.current = { text, at: now };
      const i = choices.findIndex((c) => c.jump === text);
      refs.current[i >= 0 ? i : choices.findIndex((c) => c.jump?.startsWith(text))]?.focus();
    } else if (keys === 'position' && /^[1-9]$/.test(e.key) && !e.ctrlKey && !e.altKey && !e.metaKey) {
      const choice = choices[Number(e.key) - 1];
      e.preventDefault();
      if (choice && !choice.disabled && !disabled) onChoose(choice.id);
    }
  };

  return (
    <ul class="choices" role="list" aria-label={label} onKeyDown={onKeyDown}>
      {choices.map((c, i) => (
        <li key={c.id}>
          <button
            type="button"
            class="choice"
            ref={(el) => {
              refs.current[i] = el;
            }}
            disabled={c.disabled || disabled}
            onClick={() => onChoose(c.id)}
            data-choice={c.id}
          >
            {keys === 'position' && (i < 9 ? <Keycap k={String(i + 1)} /> : <span class="keycap keycap--blank" aria-hidden="true" />)}
            <span class="choice__label">{c.label}</span>
            {c.detail && <span class="choice__detail">{c.detail}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}
