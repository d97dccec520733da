import { useState } from 'preact/hooks';

/**
 * A field's text while it is being typed, over the `value` it edits: `edit` shows what was
 * typed and passes it to `commit` when `valid`. The draft stands only while `value` is the
 * one it was typed against (or, once committed, became); when `value` changes from
 * elsewhere (a quick-range button, ‹ ›) the field shows `value` again. Worked out while
 * rendering, not copied in by an effect: an effect runs a frame later and would put the
 * old value back over an edit typed in that frame.
 */
export function useDraft<T>(value: T, key: (v: T) => string, valid: (v: T) => boolean, commit: (v: T) => void): [T, (draft: T) => void] {
  const [state, setState] = useState<{ against: string; draft: T }>({ against: key(value), draft: value });
  const shown = state.against === key(value) ? state.draft : value;
  const edit = (draft: T) => {
    const ok = valid(draft);
    setState({ against: key(ok ? draft : value), draft });
    if (ok) commit(draft);
  };
  return [shown, edit];
}
