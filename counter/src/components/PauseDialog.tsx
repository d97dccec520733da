import { PAUSE_REASONS, type PauseReason } from '../../../shared/types.ts';
import { useT } from '../use-t.ts';
import { ChoiceList } from './ChoiceList.tsx';
import { Dialog } from './Dialog.tsx';

/** Why the window pauses: 休息, 临时外出, 会议, 其他 (kept for attendance). */
export function PauseDialog({ busy, error, onChoose, onClose }: { busy: boolean; error?: string; onChoose: (reason: PauseReason) => void; onClose: () => void }) {
  const t = useT();
  return (
    <Dialog title={t('pause.title')} onClose={onClose}>
      <div class="dialog__body">
        <p class="dialog__prompt">{t('pause.prompt')}</p>
        <ChoiceList label={t('pause.prompt')} disabled={busy} choices={PAUSE_REASONS.map((r) => ({ id: r, label: t(`pause.${r}`) }))} onChoose={(id) => onChoose(id as PauseReason)} />
        {error && (
          <p class="dialog__error" role="alert">
            {error}
          </p>
        )}
        <p class="dialog__keys">{t('dialog.keysHint')}</p>
      </div>
    </Dialog>
  );
}
