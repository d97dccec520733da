import { useState } from 'preact/hooks';
import { useT } from '../use-t.ts';
import { Dialog } from './Dialog.tsx';
import { DialogActions } from './DialogActions.tsx';

const NUMBER = /^[A-Z]{1,2}\d{3,}$/;

/** "12" at a window with one prefix means A012: saves the clerk typing the letter and zeros. */
export function normaliseNumber(raw: string, prefixes: string[]): string {
  const v = raw.trim().toUpperCase().replace(/\s+/g, '');
  if (/^\d+$/.test(v) && prefixes.length === 1) return prefixes[0] + v.padStart(3, '0');
  const m = /^([A-Z]{1,2})(\d+)$/.exec(v);
  return m ? m[1] + m[2].padStart(3, '0') : v;
}

/** Call one number: a citizen who came back after a no-show, or one the clerk was asked for. */
export function CallNumberDialog({ prefixes, busy, error, onCall, onClose }: { prefixes: string[]; busy: boolean; error?: string; onCall: (number: string) => void; onClose: () => void }) {
  const t = useT();
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState(false);
  return (
    <Dialog title={t('callNumber.title')} onClose={onClose}>
      <form
        class="dialog__body"
        onSubmit={(e) => {
          e.preventDefault();
          const number = normaliseNumber(value, prefixes);
          if (!NUMBER.test(number)) return setInvalid(true);
          setInvalid(false);
          if (!busy) onCall(number);
        }}
      >
        <label class="field">
          <span class="field__label">{t('callNumber.label')}</span>
          <input
            class="field__input field__input--number"
            name="number"
            autoComplete="off"
            data-autofocus
            maxLength={8}
            placeholder={t('callNumber.placeholder')}
            value={value}
            onInput={(e) => setValue(e.currentTarget.value.toUpperCase())}
          />
        </label>
        <p class="dialog__hint">{t('callNumber.hint')}</p>
        <DialogActions error={invalid ? t('callNumber.invalid') : error} busy={busy} confirm={t('callNumber.submit')} onClose={onClose} />
      </form>
    </Dialog>
  );
}
