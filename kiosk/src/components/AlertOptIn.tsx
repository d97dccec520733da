import { useState } from 'preact/hooks';
import type { MessageKey } from '../messages.ts';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

const TAPPED = 'hall.vibrate-tapped';

/**
 * Phones let a page vibrate only after a tap on it. While waiting, one tap here lets the
 * call vibrate the phone in the citizen's pocket; the offer goes once tapped (for this
 * page's session), and never shows where the phone cannot vibrate.
 */
export function AlertOptIn({ t }: { t: T }) {
  const canVibrate = typeof navigator.vibrate === 'function';
  const [on, setOn] = useState(() => sessionStorage.getItem(TAPPED) === '1');
  if (!canVibrate || on) return null;
  return (
    <button
      type="button"
      class="alert-opt-in"
      data-testid="alert-opt-in"
      onClick={() => {
        try {
          navigator.vibrate(200);
        } catch {
          // A browser that refuses still counts the tap for the call's vibration.
        }
        sessionStorage.setItem(TAPPED, '1');
        setOn(true);
      }}
    >
      <svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true">
        <rect x="7" y="3" width="10" height="18" rx="2" fill="none" stroke="currentColor" stroke-width="2" />
        <path d="M3 8v8M21 8v8" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
      </svg>
      {t('alertOptIn')}
    </button>
  );
}
