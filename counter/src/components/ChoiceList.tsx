import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { Keycap } from './Keycap.tsx';

export interface Choice {
  id: string;
  label: ComponentChildren;
  detail?: ComponentChildren;
  disabled?: boolean;
}

/**
 * A list to pick from without the mouse: ↑/↓ move, Enter picks, and the digit shown
 * beside the first nine picks that one directly.
 */
export function ChoiceList({ choices, onChoose, disabled, label }: { choices: Choice[]; onChoose: (id: string) => void; disabled?: boolean; label: string }) {
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
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
    } else if (/^[1-9]$/.test(e.key) && !e.ctrlKey && !e.altKey && !e.metaKey) {
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
            {i < 9 ? <Keycap k={String(i + 1)} /> : <span class="keycap keycap--blank" aria-hidden="true" />}
            <span class="choice__label">{c.label}</span>
            {c.detail && <span class="choice__detail">{c.detail}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}
