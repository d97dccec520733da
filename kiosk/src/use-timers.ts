import { useEffect, useRef, useState } from 'preact/hooks';

/** Calls `onIdle` after `ms` without a touch, key or pointer on the page, while `active`. */
export function useIdle(active: boolean, ms: number, onIdle: () => void): void {
  const onIdleRef = useRef(onIdle);
  onIdleRef.current = onIdle;
  useEffect(() => {
    if (!active) return;
    let timer = setTimeout(() => onIdleRef.current(), ms);
    const reset = () => {
      clearTimeout(timer);
      timer = setTimeout(() => onIdleRef.current(), ms);
    };
    const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
    for (const e of events) document.addEventListener(e, reset, { passive: true, capture: true });
    return () => {
      clearTimeout(timer);
      for (const e of events) document.removeEventListener(e, reset, { capture: true });
    };
  }, [active, ms]);
}

/** Seconds left of a countdown that starts on mount; `onDone` when it reaches zero. */
export function useCountdown(seconds: number, onDone: () => void): number {
  const [left, setLeft] = useState(seconds);
  const onDoneRef = useRef(onDone);
  onDoneRef.current = onDone;
  useEffect(() => {
    const endAt = Date.now() + seconds * 1000;
    const tick = setInterval(() => {
      const rest = Math.max(0, Math.ceil((endAt - Date.now()) / 1000));
      setLeft(rest);
      if (rest === 0) {
        clearInterval(tick);
        onDoneRef.current();
      }
    }, 250);
    return () => clearInterval(tick);
  }, [seconds]);
  return left;
}


