import { useNow } from '../../../shared/ui/use-now.ts';
import { useT } from '../use-t.ts';
import { Dialog } from './Dialog.tsx';
import { DialogActions } from './DialogActions.tsx';

/** A citizen called from the far end of the hall needs this long to reach the window. */
export const NO_SHOW_AFTER_SECONDS = 30;

/**
 * 过号 asks first, saying how often and how long ago the number was called; within
 * NO_SHOW_AFTER_SECONDS of the first call it cannot be confirmed yet (recall instead).
 */
export function NoShowDialog({ number, calledAt, callCount, busy, error, onConfirm, onClose }: { number: string; calledAt: number; callCount: number; busy: boolean; error?: string; onConfirm: () => void; onClose: () => void }) {
  const t = useT();
  const now = useNow(1000);
  const elapsed = Math.max(0, Math.floor((now - calledAt) / 1000));
  const wait = NO_SHOW_AFTER_SECONDS - elapsed;
  return (
    <Dialog title={t('noShow.title', { number })} onClose={onClose}>
      <div class="dialog__body" data-testid="no-show-dialog">
        <p class="dialog__prompt">{t('noShow.body', { n: callCount, s: elapsed })}</p>
        {wait > 0 && (
          <p class="dialog__hint dialog__hint--warn" role="status">
            {t('noShow.tooSoon', { s: wait })}
          </p>
        )}
        <DialogActions error={error} busy={busy} confirm={t('action.noShow')} confirmClass="btn--warn" confirmDisabled={wait > 0} onClose={onClose} onConfirm={onConfirm} />
      </div>
    </Dialog>
  );
}
