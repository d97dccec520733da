import type { ComponentChildren } from 'preact';
import { Dialog } from '../../../components/Dialog.tsx';
import { useT } from '../../../use-t.ts';

interface Props {
  title: string;
  children: ComponentChildren;
  confirm: string;
  /** A removal or a key that stops working: the button is red. */
  danger?: boolean;
  busy?: boolean;
  error?: string;
  onConfirm: () => void;
  onClose: () => void;
}

/** "Are you sure?" in the app's own dialog, saying what will happen; Esc or 取消 backs out. */
export function ConfirmDialog({ title, children, confirm, danger, busy, error, onConfirm, onClose }: Props) {
  const t = useT();
  return (
    <Dialog title={title} onClose={onClose}>
      <div class="dialog__body mgr-dialog">
        <div class="mgr-dialog__text">{children}</div>
        {error && (
          <p class="dialog__error" role="alert">
            {error}
          </p>
        )}
        <div class="mgr-dialog__buttons">
          {/* A removal starts on 取消: Enter alone must not remove anything. */}
          <button type="button" class="mgr-btn" onClick={onClose} {...(danger ? { 'data-autofocus': true } : {})}>
            {t('dialog.cancel')}
          </button>
          <button type="button" class={`mgr-btn ${danger ? 'mgr-btn--danger' : 'mgr-btn--primary'}`} disabled={busy} onClick={onConfirm} data-testid="confirm" {...(danger ? {} : { 'data-autofocus': true })}>
            {busy ? t('busy') : confirm}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
