import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ConnectionState } from '../../../shared/ui/use-socket.ts';
import type { HallView, WindowView } from '../../../shared/views.ts';
import { rememberedWindowId, type StaffProfile } from '../auth.ts';
import { explainError } from '../explain-error.ts';
import { moveFocus } from '../grid-nav.ts';
import { type Translate, useT } from '../use-t.ts';
import { windowApi } from '../window-api.ts';
import { OfflineBanner } from './ConnectionStatus.tsx';
import { LeaveDialog } from './LeaveDialog.tsx';
import { Notice, type Say } from './Notice.tsx';
import { TopBar } from './TopBar.tsx';

interface Props {
  hall?: HallView;
  staff: StaffProfile;
  token: string;
  connection: ConnectionState;
  notice?: Say;
  onSignedIn: (windowId: string) => void;
  onLogout: () => void;
  onExpired: () => void;
}

function servesDepartment(w: WindowView, hall: HallView, departmentId: string): boolean {
  if (w.departmentId) return w.departmentId === departmentId;
  return w.serviceIds.some((id) => hall.services.find((s) => s.id === id)?.departmentId === departmentId);
}

/** Choose the window to work at: this machine's window first, then the department's, then the rest. */
export function WindowPicker({ hall, staff, token, connection, notice: given, onSignedIn, onLogout, onExpired }: Props) {
  const t = useT();
  const [signingIn, setSigningIn] = useState<string>();
  const [leave, setLeave] = useState(false);
  const [notice, setNotice] = useState<{ say: Say } | undefined>(given && { say: given });
  const gridRef = useRef<HTMLDivElement>(null);
  const remembered = rememberedWindowId();
  const focused = useRef(false);

  useLayoutEffect(() => {
    if (!hall || focused.current) return;
    focused.current = true;
    const grid = gridRef.current;
    (grid?.querySelector<HTMLButtonElement>('button[data-nav]:not(:disabled)') ?? undefined)?.focus();
  }, [hall]);

  const signIn = async (w: WindowView) => {
    if (signingIn) return;
    setSigningIn(w.id);
    setNotice(undefined);
    try {
      await windowApi(token, w.id).signIn();
      onSignedIn(w.id);
    } catch (err) {
      const why = explainError(err);
      if (why.expired) return onExpired();
      setNotice({ say: (t) => ({ tone: 'error', title: why.key ? t(why.key) : why.detail, detail: why.detail }) });
      setSigningIn(undefined);
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (gridRef.current && e.target instanceof HTMLElement && moveFocus(gridRef.current, e.target, e.key)) e.preventDefault();
  };

  // Only windows the server would let this clerk sign in at (their department's, 综合窗口, or named).
  const allowed = new Set(staff.signInWindowIds ?? hall?.windows.map((w) => w.id));
  const windows = hall?.windows.filter((w) => allowed.has(w.id)) ?? [];
  const mine = windows.find((w) => w.id === remembered);
  const own = hall ? windows.filter((w) => w.id !== remembered && servesDepartment(w, hall, staff.departmentId)) : [];
  const others = hall ? windows.filter((w) => w.id !== remembered && !servesDepartment(w, hall, staff.departmentId)) : [];
  const card = (w: WindowView) => <WindowCard key={w.id} w={w} hall={hall!} t={t} staffNo={staff.staffNo} busy={signingIn === w.id} disabled={!!signingIn || connection === 'offline'} onPick={signIn} />;

  return (
    <div class="screen">
      <TopBar
        staff={staff}
        connection={connection}
        actions={
          <>
            <button type="button" class="btn btn--ghost btn--small" onClick={() => setLeave(true)} data-testid="leave-open">
              {t('leave.open')}
            </button>
            <button type="button" class="btn btn--ghost btn--small" onClick={onLogout}>
              {t('logout')}
            </button>
          </>
        }
      >
        <span class="topbar__app">{t('app.title')}</span>
        <span class="topbar__dept">{staff.departmentName}</span>
      </TopBar>
      <OfflineBanner state={connection} />
      <main class={`picker${connection === 'offline' ? ' is-offline' : ''}`} ref={gridRef} onKeyDown={onKeyDown}>
        <div class="picker__head">
          <h1 class="picker__title">{t('picker.title')}</h1>
          <p class="picker__hint">{t('picker.hint')}</p>
        </div>
        <Notice notice={notice?.say(t)} onDismiss={() => setNotice(undefined)} />
        {!hall && <p class="empty">{t('picker.loading')}</p>}
        {mine && (
          <section class="picker__section">
            <h2 class="section-title">{t('picker.remembered')}</h2>
            <div class="picker__grid">{card(mine)}</div>
          </section>
        )}
        {own.length > 0 && (
          <section class="picker__section">
            <h2 class="section-title">{t('picker.ownDepartment')}</h2>
            <div class="picker__grid">{own.map(card)}</div>
          </section>
        )}
        {others.length > 0 && (
          <section class="picker__section">
            <h2 class="section-title">{t('picker.others')}</h2>
            <div class="picker__grid">{others.map(card)}</div>
          </section>
        )}
      </main>
      {leave && <LeaveDialog token={token} today={hall?.businessDate || new Date().toISOString().slice(0, 10)} onClose={() => setLeave(false)} onExpired={onExpired} />}
    </div>
  );
}

function WindowCard({ w, hall, t, staffNo, busy, disabled, onPick }: { w: WindowView; hall: HallView; t: Translate; staffNo: string; busy: boolean; disabled: boolean; onPick: (w: WindowView) => void }) {
  // Signing in again where one is already signed in just goes back to work there.
  const mine = w.staff?.staffNo === staffNo;
  const taken = w.status !== 'closed' && !mine;
  const services = w.serviceIds.map((id) => hall.services.find((s) => s.id === id)?.name ?? id).join(' · ');
  return (
    <button type="button" class={`window-card${taken ? ' window-card--taken' : ''}`} data-nav data-window={w.id} disabled={taken || disabled} onClick={() => onPick(w)}>
      <span class="window-card__number">{t('unit.window', { n: w.number })}</span>
      <span class="window-card__name">{w.name}</span>
      <span class="window-card__services">{services}</span>
      <span class={`chip chip--${w.status}`}>
        {busy ? t('picker.signingIn') : mine ? t('picker.mine') : taken ? t('picker.occupied', { name: w.staff?.name ?? '' }) : t('window.status.closed')}
      </span>
    </button>
  );
}
