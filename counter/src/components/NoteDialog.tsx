import { useState } from 'preact/hooks';
import { Dialog } from './Dialog.tsx';
import { DialogActions } from './DialogActions.tsx';

/** Confirm with an optional note, e.g. completing a pending case. */
export function NoteDialog({ title, noteLabel, confirm, busy, error, onConfirm, onClose }: { title: string; noteLabel: string; confirm: string; busy: boolean; error?: string; onConfirm: (note?: string) => void; onClose: () => void }) {
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
        <DialogActions error={error} busy={busy} confirm={confirm} onClose={onClose} />
      </form>
    </Dialog>
  );
}
