import { useState } from 'preact/hooks';

/**
 * A field's text while it is being typed, over the `value` it edits. The draft stands only
 * while `value` is still the one it was typed against; once `value` changes from elsewhere
 * (a quick-range button, ‹ ›) the field shows `value` again. Worked out while rendering, not
 * copied in by an effect: an effect runs a frame later and would put the old value back over
 * an edit typed in that frame.
 */
export function useDraft<T>(value: T, key: (v: T) => string): [T, (draft: T, against: T) => void] {
  const [state, setState] = useState<{ against: string; draft: T }>({ against: key(value), draft: value });
  const shown = state.against === key(value) ? state.draft : value;
  /** `against`: the value the draft stands over: the current one, or the one it is about to become. */
  const edit = (draft: T, against: T) => setState({ against: key(against), draft });
  return [shown, edit];
}
