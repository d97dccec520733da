import { useState } from 'preact/hooks';
import type { Outcome } from '../../../shared/types.ts';
import { useT } from '../use-t.ts';
import { FINISH_OUTCOMES } from '../window-state.ts';
import { Dialog } from './Dialog.tsx';
import { DialogActions } from './DialogActions.tsx';
import { Keycap } from './Keycap.tsx';

interface Props {
  number: string;
  outcome: Outcome;
  busy: boolean;
  error?: string;
  onConfirm: (outcome: Outcome, note?: string) => void;
  onClose: () => void;
}

/** Confirm how the visit ended, with an optional note; Enter confirms, so 1 then Enter finishes. */
export function FinishDialog({ number, outcome: initial, busy, error, onConfirm, onClose }: Props) {
  const t = useT();
  const [outcome, setOutcome] = useState(initial);
  const [note, setNote] = useState('');
  const label = t(`outcome.${outcome}`);
  return (
    <Dialog title={t('finish.title', { number })} onClose={onClose}>
      <form
        class="dialog__body"
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) onConfirm(outcome, note.trim() || undefined);
        }}
      >
        <div class="segmented" role="radiogroup" aria-label={t('finish.outcome')}>
          {FINISH_OUTCOMES.map((o, i) => (
            <button key={o} type="button" role="radio" aria-checked={o === outcome} class={`segmented__item segmented__item--${o}${o === outcome ? ' is-on' : ''}`} onClick={() => setOutcome(o)}>
              <Keycap k={String(i + 1)} />
              {t(`outcome.${o}`)}
            </button>
          ))}
        </div>
        {outcome === 'accepted' && <p class="dialog__hint">{t('finish.acceptedHint')}</p>}
        <label class="field">
          <span class="field__label">{t('finish.note')}</span>
          <input class="field__input" name="note" maxLength={500} data-autofocus placeholder={t('finish.notePlaceholder')} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
        <DialogActions
          error={error}
          busy={busy}
          confirm={t('finish.confirm', { outcome: label })}
          onClose={onClose}
          confirmClass={outcome === 'rejected' ? 'btn--reject-solid' : outcome === 'completed' ? 'btn--done' : 'btn--primary'}
          testId="confirm-finish"
        />
      </form>
    </Dialog>
  );
}
