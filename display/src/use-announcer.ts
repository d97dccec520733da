import { useEffect, useRef } from 'preact/hooks';
import { Announcer } from './announcer.ts';
import { playChime } from './chime.ts';

/** One announcer for the screen's lifetime, wired to the browser's speech synthesis when it has one. */
export function useAnnouncer(): Announcer {
  const ref = useRef<Announcer>();
  ref.current ??= new Announcer({
    speech: typeof speechSynthesis !== 'undefined' ? speechSynthesis : undefined,
    makeUtterance: typeof SpeechSynthesisUtterance !== 'undefined' ? (text) => new SpeechSynthesisUtterance(text) : undefined,
    chime: playChime,
  });
  useEffect(() => () => ref.current?.dispose(), []);
  return ref.current;
}
