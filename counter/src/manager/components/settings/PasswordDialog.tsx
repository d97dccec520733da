import { useState } from 'preact/hooks';
import { ApiError } from '../../../../../shared/ui/api.ts';
import { Dialog } from '../../../components/Dialog.tsx';
import { useT } from '../../../use-t.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from './validate.ts';

interface Props {
  name: string;
  staffNo: string;
  /** One's own: the new password ends one's own session too. */
  self?: boolean;
  /** Sets it on the server at once (not part of the draft). */
  onSubmit: (password: string) => Promise<void>;
  onDone: () => void;
  onClose: () => void;
}

/** 重置密码: typed twice, 8–64 characters, set at once; the member's next login uses it. */
export function PasswordDialog({ name, staffNo, self, onSubmit, onDone, onClose }: Props) {
  const t = useT();
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const problem =
    password.length < PASSWORD_MIN ? t('settings.err.passwordShort', { n: PASSWORD_MIN }) : password.length > PASSWORD_MAX ? t('settings.err.maxLength', { n: PASSWORD_MAX }) : password !== again ? t('settings.password.mismatch') : undefined;

  const submit = async (e: Event) => {
    e.preventDefault();
    setTried(true);
    if (problem || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(password);
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('settings.password.title', { name })} onClose={onClose}>
      <form class="dialog__body mgr-dialog" onSubmit={submit} data-testid="password-dialog">
        <p class="mgr-dialog__text">{t('settings.password.intro', { name, no: staffNo })}</p>
        {self && <p class="dialog__hint dialog__hint--warn">{t('settings.password.self')}</p>}
        <label class="mgr-field">
          <span class="mgr-field__label">{t('settings.password.new')}</span>
          <input class="mgr-input" type="password" name="new-password" autoComplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} data-autofocus />
        </label>
        <label class={`mgr-field${tried && problem ? ' has-error' : ''}`}>
          <span class="mgr-field__label">{t('settings.password.again')}</span>
          <input class="mgr-input" type="password" name="new-password-again" autoComplete="new-password" value={again} onInput={(e) => setAgain(e.currentTarget.value)} />
          {tried && problem ? (
            <span class="mgr-field__error" role="alert">
              {problem}
            </span>
          ) : (
            <span class="mgr-field__hint">{t('settings.password.rule', { min: PASSWORD_MIN, max: PASSWORD_MAX })}</span>
          )}
        </label>
        {error && (
          <p class="dialog__error" role="alert">
            {error}
          </p>
        )}
        <div class="mgr-dialog__buttons">
          <button type="button" class="mgr-btn" onClick={onClose}>
            {t('dialog.cancel')}
          </button>
          <button type="submit" class="mgr-btn mgr-btn--primary" disabled={busy}>
            {busy ? t('busy') : t('settings.password.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
