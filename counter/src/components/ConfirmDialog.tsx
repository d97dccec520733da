import { Dialog } from './Dialog.tsx';
import { DialogActions } from './DialogActions.tsx';

/** A yes/no question drawn in the page; the confirm button has the focus, so Enter confirms. */
export function ConfirmDialog({ title, body, confirm, busy, error, onConfirm, onClose }: { title: string; body: string; confirm: string; busy: boolean; error?: string; onConfirm: () => void; onClose: () => void }) {
  return (
    <Dialog title={title} onClose={onClose}>
      <div class="dialog__body">
        <p class="dialog__prompt">{body}</p>
        <DialogActions error={error} busy={busy} confirm={confirm} onClose={onClose} onConfirm={onConfirm} />
      </div>
    </Dialog>
  );
}
