import { useState } from 'preact/hooks';
import { useT } from '../use-t.ts';
import { Dialog } from './Dialog.tsx';
import { Keycap } from './Keycap.tsx';

/** Confirm with an optional note, e.g. completing a pending case. */
export function NoteDialog({ title, noteLabel, confirm, busy, error, onConfirm, onClose }: { title: string; noteLabel: string; confirm: string; busy: boolean; error?: string; onConfirm: (note?: string) => void; onClose: () => void }) {
  const t = useT();
  const [note, setNote] = useState('');
  return (
    <Dialog title={title} onClose={onClose}>
      <form
        class="dialog__body"
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) onConfirm(note.trim() || undefined);
        }}
      >
        <label class="field">
          <span class="field__label">{noteLabel}</span>
          <input class="field__input" name="note" maxLength={500} data-autofocus value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
        {error && (
          <p class="dialog__error" role="alert">
            {error}
          </p>
        )}
        <div class="dialog__buttons">
          <button type="button" class="btn btn--quiet" onClick={onClose}>
            {t('dialog.cancel')}
            <Keycap k="Esc" />
          </button>
          <button type="submit" class="btn btn--primary" disabled={busy}>
            {busy ? t('busy') : confirm}
            <Keycap k="Enter" />
          </button>
        </div>
      </form>
    </Dialog>
  );
}
