import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../shared/ui/api.ts';
import { useLang } from '../../shared/ui/i18n.ts';
import { logout, me, type Session, storedToken, storeToken } from './auth.ts';
import { ClerkDesk } from './components/ClerkDesk.tsx';
import { LoginScreen } from './components/LoginScreen.tsx';
import { ManagerApp } from './manager/ManagerApp.tsx';
import { messages, type MessageKey } from './messages.ts';
import { LangContext } from './use-t.ts';

const RETRY_MS = 3000;

/** Login, then the clerk's desk or the manager's view by role. */
export function App() {
  const [lang, setLang] = useLang();
  const [restoring, setRestoring] = useState<'checking' | 'unreachable' | undefined>(() => (storedToken() ? 'checking' : undefined));
  const [session, setSession] = useState<Session>();
  const [loginNotice, setLoginNotice] = useState<MessageKey>();

  useEffect(() => {
    document.title = messages['app.title'][lang];
  }, [lang]);

  // A reload keeps the login: ask the server who the stored token belongs to (and where they are signed in).
  useEffect(() => {
    const token = storedToken();
    if (!token) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const attempt = () => {
      me(token).then(
        (staff) => {
          setSession({ token, staff });
          setRestoring(undefined);
        },
        (err: unknown) => {
          if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
            storeToken(undefined);
            setLoginNotice('login.expired');
            setRestoring(undefined);
          } else {
            setRestoring('unreachable');
            timer = setTimeout(attempt, RETRY_MS);
          }
        },
      );
    };
    attempt();
    return () => clearTimeout(timer);
  }, []);

  const end = (why: MessageKey) => {
    storeToken(undefined);
    setSession(undefined);
    setLoginNotice(why);
  };
  const onLogout = () => {
    if (session) logout(session.token).catch(() => undefined);
    end('login.loggedOut');
  };

  let screen;
  if (restoring) {
    screen = (
      <div class="splash" role="status">
        {messages[restoring === 'checking' ? 'session.checking' : 'session.unreachable'][lang]}
      </div>
    );
  } else if (!session) {
    screen = (
      <LoginScreen
        notice={loginNotice}
        onLoggedIn={(s) => {
          storeToken(s.token);
          setSession(s);
          setLoginNotice(undefined);
        }}
      />
    );
  } else if (session.staff.role !== 'clerk') {
    screen = <ManagerApp staff={session.staff} token={session.token} onLogout={onLogout} onExpired={() => end('login.expired')} />;
  } else {
    screen = <ClerkDesk key={session.token} session={session} onLogout={onLogout} onExpired={() => end('login.expired')} />;
  }
  return <LangContext.Provider value={{ lang, setLang }}>{screen}</LangContext.Provider>;
}
