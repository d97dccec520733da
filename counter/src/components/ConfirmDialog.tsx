import { useT } from '../use-t.ts';
import { Dialog } from './Dialog.tsx';
import { Keycap } from './Keycap.tsx';

/** A yes/no question drawn in the page; the confirm button has the focus, so Enter confirms. */
export function ConfirmDialog({ title, body, confirm, busy, error, onConfirm, onClose }: { title: string; body: string; confirm: string; busy: boolean; error?: string; onConfirm: () => void; onClose: () => void }) {
  const t = useT();
  return (
    <Dialog title={title} onClose={onClose}>
      <div class="dialog__body">
        <p class="dialog__prompt">{body}</p>
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
          <button type="button" class="btn btn--primary" data-autofocus disabled={busy} onClick={onConfirm}>
            {busy ? t('busy') : confirm}
            <Keycap k="Enter" />
          </button>
        </div>
      </div>
    </Dialog>
  );
}
