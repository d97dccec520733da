import { useEffect, useMemo, useState } from 'preact/hooks';
import { useLangChoice, useT } from '../use-t.ts';
import { AppointmentsView } from './components/AppointmentsView.tsx';
import { AttendanceView } from './components/AttendanceView.tsx';
import { Dashboard } from './components/Dashboard.tsx';
import { LeaveApprovals } from './components/LeaveApprovals.tsx';
import { ManagerNav, type View } from './components/ManagerNav.tsx';
import { ManagerTopBar } from './components/ManagerTopBar.tsx';
import { ReportView } from './components/ReportView.tsx';
import { ReviewList } from './components/ReviewList.tsx';
import { SettingsView } from './components/settings/SettingsView.tsx';
import { ErrorNote, Loading } from './components/StateNote.tsx';
import { managerApi } from './manager-api.ts';
import { type Period, quickRange } from './period.ts';
import { useHallChanges } from './use-hall-changes.ts';
import { useLoad } from './use-load.ts';
import type { StaffProfile } from '../../../shared/views.ts';
import './manager.css';

export type ManagerStaff = Omit<StaffProfile, 'windowId'>;

export interface ManagerAppProps {
  staff: ManagerStaff;
  token: string;
  onLogout: () => void;
  /** The login ended on the server (expired, or logged out elsewhere); without it the view says so itself. */
  onExpired?: () => void;
}

/** The manager's part of the staff app: live dashboard, period report, attendance, bad reviews, bookings, settings. */
export function ManagerApp({ staff, token, onLogout, onExpired }: ManagerAppProps) {
  // One language for the whole staff app: the choice lives in the app's context.
  const { lang, setLang } = useLangChoice();
  const t = useT();
  const api = useMemo(() => managerApi(token), [token]);
  const [expired, setExpired] = useState(false);
  const expire = () => setExpired(true);
  const { connection, version } = useHallChanges(token);
  const dashboard = useLoad(`${version}`, api.dashboard, expire);
  const [view, setView] = useState<View>('dashboard');
  // Requests waiting for a decision: counted on the nav, read again as the hall changes or the view does.
  const pendingLeave = useLoad(`${version}|${view}`, () => api.leave('pending'), expire);
  const [period, setPeriod] = useState<Period>();
  // The settings draft lives on while other views are looked at: once opened, it stays mounted.
  const [settingsOpened, setSettingsOpened] = useState(false);
  const [unsaved, setUnsaved] = useState(0);
  const today = dashboard.data?.businessDate;

  useEffect(() => {
    if (view === 'settings') setSettingsOpened(true);
  }, [view]);
  useEffect(() => {
    if (connection === 'refused') setExpired(true);
  }, [connection]);
  useEffect(() => {
    if (expired) onExpired?.();
  }, [expired]);
  // The report opens on this month once the hall's business date is known.
  useEffect(() => {
    if (today && !period) setPeriod(quickRange('month', today));
  }, [today]);

  const hall = dashboard.data?.hall;
  const departmentName = (id: string) => hall?.departments.find((d) => d.id === id)?.name ?? id;

  if (expired) {
    return (
      <div class="mgr mgr--message">
        <div class="mgr-message" role="alert">
          <p>{t('login.expired')}</p>
          <button type="button" class="mgr-btn mgr-btn--primary" onClick={onLogout}>
            {t('session.relogin')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div class="mgr" data-view={view}>
      <ManagerTopBar hallName={hall?.name} staff={staff} connection={connection} lang={lang} onLang={setLang} onLogout={onLogout} />
      {connection === 'offline' && (
        <div class="mgr-offline" role="alert">
          <strong>{t('conn.offline')}</strong>
          <span>{t('manager.conn.offlineHint')}</span>
        </div>
      )}
      <div class="mgr-body">
        <ManagerNav view={view} onView={setView} openReviews={dashboard.data?.openReviews} overdueReviews={dashboard.data?.overdueReviews} pendingLeave={pendingLeave.data?.length} unsaved={unsaved} />
        <main class="mgr-main">
          {view === 'dashboard' && (
            <Dashboard
              api={api}
              data={dashboard.data}
              // While offline the banner says it all; a failed refresh adds nothing.
              error={connection === 'offline' && dashboard.error?.code === 'NETWORK' ? undefined : dashboard.error}
              version={version}
              onRetry={dashboard.reload}
              onOpenReviews={() => setView('reviews')}
              onUnauthorized={expire}
            />
          )}
          {view !== 'dashboard' && view !== 'settings' && (!today || !period) && (dashboard.error ? <ErrorNote error={dashboard.error} onRetry={dashboard.reload} /> : <Loading />)}
          {view === 'report' && today && period && (
            <ReportView api={api} token={token} period={period} today={today} network={staff.role === 'network-manager'} onPeriod={setPeriod} onOpenReviews={() => setView('reviews')} onUnauthorized={expire} />
          )}
          {view === 'attendance' && today && period && (
            <AttendanceView api={api} token={token} period={period} today={today} departmentName={departmentName} onPeriod={setPeriod} onUnauthorized={expire} />
          )}
          {view === 'leave' && today && <LeaveApprovals api={api} departmentName={departmentName} version={version} timezone={hall?.timezone} onChanged={pendingLeave.reload} onUnauthorized={expire} />}
          {view === 'reviews' && today && <ReviewList api={api} hall={hall} version={version} onChanged={dashboard.reload} onUnauthorized={expire} />}
          {view === 'appointments' && today && <AppointmentsView api={api} hall={hall} today={today} version={version} onUnauthorized={expire} />}
          {settingsOpened && (
            <div class="mgr-settings-host" hidden={view !== 'settings'}>
              <SettingsView token={token} selfId={staff.id} today={today} onSaved={dashboard.reload} onDirty={setUnsaved} onUnauthorized={expire} />
            </div>
          )}
        </main>
      </div>
    </div>
  );
}
