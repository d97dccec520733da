import { useT } from '../use-t.ts';
import { Keycap } from './Keycap.tsx';

interface Props {
  /** The refusal to show above the buttons, if any. */
  error?: string;
  busy: boolean;
  confirm: string;
  onClose: () => void;
  /** Without it the confirm button submits the dialog's form. */
  onConfirm?: () => void;
  confirmClass?: string;
  testId?: string;
  /** The confirm button waits (a 过号 too soon after the call); 取消 still works. */
  confirmDisabled?: boolean;
}

/** The end of every dialog: its error in plain words, then 取消 (Esc) and the confirm button (Enter). */
export function DialogActions({ error, busy, confirm, onClose, onConfirm, confirmClass = 'btn--primary', testId, confirmDisabled = false }: Props) {
  const t = useT();
  return (
    <>
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
        <button
          type={onConfirm ? 'button' : 'submit'}
          class={`btn ${confirmClass}`}
          disabled={busy || confirmDisabled}
          onClick={onConfirm}
          {...(onConfirm ? { 'data-autofocus': true } : {})}
          {...(testId ? { 'data-testid': testId } : {})}
        >
          {busy ? t('busy') : confirm}
          <Keycap k="Enter" />
        </button>
      </div>
    </>
  );
}
