import { useNow } from '../../../shared/ui/use-now.ts';
import { useT } from '../use-t.ts';
import { Dialog } from './Dialog.tsx';
import { DialogActions } from './DialogActions.tsx';

/**
 * 过号 asks first, saying how often and how long ago the number was called; within the
 * hall's `noShowAfterSeconds` of the first call it cannot be confirmed yet (the server
 * refuses it too), so the clerk recalls instead.
 */
export function NoShowDialog({ number, calledAt, callCount, afterSeconds, busy, error, onConfirm, onClose }: { number: string; calledAt: number; callCount: number; afterSeconds: number; busy: boolean; error?: string; onConfirm: () => void; onClose: () => void }) {
  const t = useT();
  const now = useNow(1000);
  const elapsed = Math.max(0, Math.floor((now - calledAt) / 1000));
  const wait = afterSeconds - elapsed;
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
