import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ApiError, apiRequest } from '../../../shared/ui/api.ts';
import { formatDate } from '../../../shared/ui/format.ts';
import { login, type Session } from '../auth.ts';
import type { MessageKey } from '../messages.ts';
import { useLangChoice, useT } from '../use-t.ts';
import { LangSwitch } from './LangSwitch.tsx';

/** Staff number and password; the hall's name above so the clerk knows where they are logging in. */
export function LoginScreen({ notice, onLoggedIn }: { notice?: MessageKey; onLoggedIn: (s: Session) => void }) {
  const t = useT();
  const { lang } = useLangChoice();
  const [staffNo, setStaffNo] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [hallName, setHallName] = useState<string>();
  const staffNoRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useLayoutEffect(() => {
    staffNoRef.current?.focus();
  }, []);

  useEffect(() => {
    apiRequest<{ name: string }>('GET', '/hall')
      .then((h) => setHallName(h.name))
      .catch(() => undefined);
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (!staffNo.trim() || !password) {
      setError(t('login.missing'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onLoggedIn(await login(staffNo.trim(), password));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
      setPassword('');
      setBusy(false);
      passwordRef.current?.focus();
    }
  };

  return (
    <div class="login">
      <div class="login__corner">
        <LangSwitch />
      </div>
      <form class="login__card" onSubmit={submit} noValidate>
        <p class="login__hall">{hallName ?? '\u00a0'}</p>
        <h1 class="login__title">{t('app.title')}</h1>
        <p class="login__date">{formatDate(Date.now(), lang)}</p>
        {notice && !error && (
          <p class={`login__notice${notice === 'login.expired' ? ' login__notice--warn' : ''}`} role="status">
            {t(notice)}
          </p>
        )}
        {error && (
          <p class="login__error" role="alert">
            {error}
          </p>
        )}
        <label class="field">
          <span class="field__label">{t('login.staffNo')}</span>
          <input
            class="field__input"
            name="staffNo"
            inputMode="numeric"
            autoComplete="username"
            ref={staffNoRef}
            value={staffNo}
            onInput={(e) => setStaffNo(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span class="field__label">{t('login.password')}</span>
          <input ref={passwordRef} class="field__input" name="password" type="password" autoComplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        <button type="submit" class="btn btn--primary btn--block login__submit" disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
        <p class="login__hint">{t('login.hint')}</p>
      </form>
    </div>
  );
}
