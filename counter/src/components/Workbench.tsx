import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Case, Outcome, PauseReason } from '../../../shared/types.ts';
import type { StaffTicketView } from '../../../shared/views.ts';
import { me, type StaffProfile } from '../auth.ts';
import { explainError } from '../explain-error.ts';
import type { HallFeed } from '../use-hall-feed.ts';
import { usePendingCases } from '../use-pending-cases.ts';
import { useShortcuts } from '../use-shortcuts.ts';
import { type Translate, useT } from '../use-t.ts';
import { completeCase, type TransferTarget, windowApi } from '../window-api.ts';
import { type Action, deskMode, legalActions, SHORTCUTS, withTicket, withWindow } from '../window-state.ts';
import { ActionBar } from './ActionBar.tsx';
import { CallNumberDialog } from './CallNumberDialog.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { NoShowDialog } from './NoShowDialog.tsx';
import { OfflineBanner } from './ConnectionStatus.tsx';
import { CurrentTicket } from './CurrentTicket.tsx';
import { FinishDialog } from './FinishDialog.tsx';
import { IdlePanel } from './IdlePanel.tsx';
import { Keycap } from './Keycap.tsx';
import { LeaveDialog } from './LeaveDialog.tsx';
import { NoteDialog } from './NoteDialog.tsx';
import { Notice, type Say } from './Notice.tsx';
import { PauseDialog } from './PauseDialog.tsx';
import { PausedPanel } from './PausedPanel.tsx';
import { PendingCases } from './PendingCases.tsx';
import { QueuePanel } from './QueuePanel.tsx';
import { TodayStats } from './TodayStats.tsx';
import { TopBar } from './TopBar.tsx';
import { TransferDialog } from './TransferDialog.tsx';

type OpenDialog = { kind: 'finish'; outcome: Outcome; ticketId: string } | { kind: 'transfer'; ticketId: string } | { kind: 'noShow'; ticketId: string } | { kind: 'pause' } | { kind: 'callNumber' } | { kind: 'signOut' } | { kind: 'completeCase'; c: Case } | { kind: 'leave' };

interface Props {
  feed: HallFeed;
  staff: StaffProfile;
  token: string;
  windowId: string;
  onSignedOut: (windowNumber: number) => void;
  onLostWindow: (windowNumber: number) => void;
  onExpired: () => void;
}

const CASES_KEY = 'C';

/** The server's words, then that the screen now shows the true state, as two sentences. */
function withResynced(detail: string, t: Translate): string {
  if (!detail) return t('notice.resynced');
  return `${detail}${/[。.!！?？]$/.test(detail) ? ' ' : t('notice.sentenceEnd')}${t('notice.resynced')}`;
}

/** The clerk's working screen at one window. */
export function Workbench({ feed, staff, token, windowId, onSignedOut, onLostWindow, onExpired }: Props) {
  const t = useT();
  const api = useMemo(() => windowApi(token, windowId), [token, windowId]);
  const { hall, connection, setSnapshot, hallEpoch } = feed;
  const snapshot = feed.snapshot?.window.id === windowId ? feed.snapshot : undefined;
  const hallWindow = hall?.windows.find((w) => w.id === windowId);
  const windowNumber = snapshot?.window.number ?? hallWindow?.number ?? 0;
  const [tab, setTab] = useState<'desk' | 'cases'>('desk');
  const [dialog, setDialog] = useState<OpenDialog>();
  const [dialogError, setDialogError] = useState<string>();
  const [notice, setNotice] = useState<{ say: Say }>();
  const say = (words: Say | undefined) => setNotice(words && { say: words });
  const [busy, setBusy] = useState<Action | 'case'>();
  // A ref, not state: two clicks in the same frame must see the first one's request.
  const inFlight = useRef(false);
  const pending = usePendingCases(token);
  // Colleagues accept cases too: look again whenever the list is opened.
  useEffect(() => {
    if (tab === 'cases') pending.reload();
  }, [tab]);

  const resync = useCallback(async () => {
    try {
      const fresh = await api.snapshot();
      setSnapshot(() => fresh);
    } catch (err) {
      if (explainError(err).expired) onExpired();
    }
  }, [api]);

  // Still signed in here? Asked after every (re)connection, and when the hall shows someone else at this window.
  const verify = useCallback(async () => {
    try {
      const profile = await me(token);
      if (profile.windowId !== windowId) onLostWindow(windowNumber);
      else void resync();
    } catch (err) {
      if (explainError(err).expired) onExpired();
    }
  }, [token, windowId, windowNumber, resync]);

  useEffect(() => {
    void resync();
  }, [resync]);
  const epochAtMount = useRef(hallEpoch);
  useEffect(() => {
    if (hallEpoch !== epochAtMount.current) void verify();
  }, [hallEpoch]);
  const hallStaffNo = hallWindow?.staff?.staffNo;
  useEffect(() => {
    if (hallWindow && hallStaffNo !== staff.staffNo && !inFlight.current) void verify();
  }, [hallStaffNo]);

  const fail = (err: unknown) => {
    const why = explainError(err);
    if (why.expired) return onExpired();
    if (why.lostWindow) return onLostWindow(windowNumber);
    if (dialog && !why.resync) {
      setDialogError(why.detail);
      return;
    }
    setDialog(undefined);
    say((t) => ({ tone: 'error', title: why.key ? t(why.key) : why.detail, detail: why.resync ? withResynced(why.detail, t) : why.detail }));
    if (why.resync) void resync();
  };

  async function run<R>(action: Action | 'case', request: () => Promise<R>, done: (r: R) => void): Promise<void> {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(action);
    say(undefined);
    setDialogError(undefined);
    try {
      done(await request());
    } catch (err) {
      fail(err);
    } finally {
      inFlight.current = false;
      setBusy(undefined);
    }
  }

  const applyTicket = (ticket: StaffTicketView | null) => setSnapshot((s) => (s && s.window.id === windowId ? withTicket(s, ticket) : s));
  const current = snapshot?.current;
  const serviceName = (id: string) => hall?.services.find((s) => s.id === id)?.name ?? id;

  const act = (action: Action) => {
    switch (action) {
      case 'callNext':
        return run(action, api.callNext, (ticket) => {
          if (ticket) applyTicket(ticket);
          else say((t) => ({ tone: 'info', title: t('notice.nobodyWaiting') }));
        });
      case 'recall':
        return run(action, api.recall, applyTicket);
      case 'start':
        return run(action, api.start, applyTicket);
      case 'noShow':
        setDialogError(undefined);
        return current && setDialog({ kind: 'noShow', ticketId: current.id });
      case 'resume':
        return run(action, api.resume, (w) => setSnapshot((s) => s && withWindow(s, w)));
      case 'callNumber':
      case 'pause':
      case 'signOut':
        setDialogError(undefined);
        return setDialog({ kind: action });
      case 'transfer':
        setDialogError(undefined);
        return current && setDialog({ kind: 'transfer', ticketId: current.id });
      default:
        setDialogError(undefined);
        return current && setDialog({ kind: 'finish', outcome: action.slice('finish:'.length) as Outcome, ticketId: current.id });
    }
  };

  const noShow = () =>
    run('noShow', api.noShow, (ticket) => {
      applyTicket(ticket);
      setDialog(undefined);
      if (ticket) say((t) => ({ tone: 'success', title: t('notice.noShow', { number: ticket.number }) }));
    });
  const finish = (outcome: Outcome, note?: string) =>
    run(`finish:${outcome}`, () => api.finish(outcome, note), (ticket) => {
      applyTicket(ticket);
      setDialog(undefined);
      if (ticket) say((t) => ({ tone: 'success', title: t('notice.finished', { number: ticket.number, outcome: t(`outcome.${outcome}`) }) }));
      if (outcome === 'accepted') pending.reload();
    });
  const transfer = (to: TransferTarget, note?: string) =>
    run('transfer', () => api.transfer(to, note), (ticket) => {
      applyTicket(ticket);
      setDialog(undefined);
      const w = 'windowId' in to ? hall?.windows.find((x) => x.id === to.windowId) : undefined;
      const target = (t: Translate) => ('serviceId' in to ? serviceName(to.serviceId) : t('unit.window', { n: w?.number ?? '' }));
      if (ticket) say((t) => ({ tone: 'success', title: t('notice.transferred', { number: ticket.number, target: target(t) }) }));
    });
  const pause = (reason: PauseReason) =>
    run('pause', () => api.pause(reason), (w) => {
      setSnapshot((s) => s && withWindow(s, w));
      setDialog(undefined);
    });
  const callNumber = (number: string) =>
    run('callNumber', () => api.callNumber(number), (ticket) => {
      applyTicket(ticket);
      setDialog(undefined);
    });
  const signOut = () => run('signOut', api.signOut, () => onSignedOut(windowNumber));
  const complete = (c: Case, note?: string) =>
    run('case', () => completeCase(token, c.ticketId, note), () => {
      setDialog(undefined);
      say((t) => ({ tone: 'success', title: t('cases.completed', { number: c.number }) }));
      pending.reload();
    });

  // A ticket dialog whose ticket left the window (finished at another terminal, day closed) has nothing to act on.
  // Not while the dialog's own request is out: the window's snapshot can come before its answer, which closes the
  // dialog and says what was done. Judged from `busy` as rendered, not from `inFlight` in the effect: effects run
  // a frame later, and by then the answer may have come and cleared `inFlight`.
  const staleDialog = (dialog?.kind === 'finish' || dialog?.kind === 'transfer' || dialog?.kind === 'noShow') && dialog.ticketId !== current?.id && !busy;
  useEffect(() => {
    if (staleDialog) {
      setDialog(undefined);
      say((t) => ({ tone: 'error', title: t('conflict.NO_CURRENT_TICKET'), detail: t('notice.resynced') }));
    }
  }, [staleDialog]);

  const mode = snapshot ? deskMode(snapshot) : undefined;
  const offline = connection === 'offline';
  const shortcuts: Record<string, () => void> = { [CASES_KEY]: () => setTab((x) => (x === 'desk' ? 'cases' : 'desk')) };
  if (mode && tab === 'desk' && !offline && !busy) for (const a of legalActions(mode)) shortcuts[SHORTCUTS[a]] = () => act(a);
  useShortcuts(shortcuts, !dialog);

  const waitingTotal = snapshot ? snapshot.queue.reduce((n, q) => n + q.waiting, 0) + snapshot.transferredHere : 0;
  const status = snapshot?.window.status ?? hallWindow?.status;
  const prefixes = (snapshot?.window.serviceIds ?? []).map((id) => hall?.services.find((s) => s.id === id)?.prefix).filter((p): p is string => !!p);
  const caseCount = pending.cases?.length ?? 0;

  return (
    <div class="screen">
      <TopBar
        staff={staff}
        connection={connection}
        actions={
          <button type="button" class="btn btn--ghost btn--small" onClick={() => setDialog({ kind: 'leave' })} data-testid="leave-open">
            {t('leave.open')}
          </button>
        }
        nav={
          <nav class="tabs" role="tablist">
            <button type="button" role="tab" aria-selected={tab === 'desk'} class={`tab${tab === 'desk' ? ' is-on' : ''}`} onClick={() => setTab('desk')}>
              {t('tab.desk')}
            </button>
            <button type="button" role="tab" aria-selected={tab === 'cases'} class={`tab${tab === 'cases' ? ' is-on' : ''}`} onClick={() => setTab('cases')} data-testid="cases-tab">
              {t('tab.cases')}
              {caseCount > 0 && <span class="tab__count">{caseCount}</span>}
              <Keycap k={CASES_KEY} />
            </button>
          </nav>
        }
      >
        <span class="topbar__window" data-testid="window-number">
          {t('unit.window', { n: windowNumber })}
        </span>
        <span class="topbar__window-name">{snapshot?.window.name ?? hallWindow?.name}</span>
        {status && (
          <span class={`chip chip--${status} chip--on-dark`} data-testid="window-status">
            {snapshot?.window.status === 'paused' && snapshot.window.pauseReason ? `${t('window.status.paused')} · ${t(`pause.${snapshot.window.pauseReason}`)}` : t(`window.status.${status}`)}
          </span>
        )}
      </TopBar>
      <OfflineBanner state={connection} />
      {tab === 'desk' ? (
        <main class="desk">
          <div class="desk__main">
            <Notice notice={notice?.say(t)} onDismiss={() => say(undefined)} />
            {!snapshot || !mode ? (
              <p class="empty">{t('loading')}</p>
            ) : (
              <>
                {mode === 'paused' ? <PausedPanel reason={snapshot.window.pauseReason} since={snapshot.window.pausedSince} /> : current ? <CurrentTicket current={current} serviceName={serviceName(current.serviceId)} /> : <IdlePanel waiting={waitingTotal} />}
                <ActionBar mode={mode} busy={busy === 'case' ? undefined : busy} disabled={offline} onAction={act} />
              </>
            )}
          </div>
          <aside class="desk__side">
            {snapshot && <QueuePanel snapshot={snapshot} hall={hall} />}
            {snapshot && <TodayStats stats={snapshot.staffToday} />}
          </aside>
        </main>
      ) : (
        <main class="desk desk--cases">
          <div class="desk__wide">
            <Notice notice={notice?.say(t)} onDismiss={() => say(undefined)} />
            <PendingCases
              cases={pending.cases}
              loadError={pending.error ? explainError(pending.error).detail : undefined}
              hall={hall}
              departmentName={staff.departmentName}
              busy={!!busy}
              onRefresh={pending.reload}
              onComplete={(c) => {
                setDialogError(undefined);
                setDialog({ kind: 'completeCase', c });
              }}
            />
          </div>
        </main>
      )}

      {dialog?.kind === 'finish' && current?.id === dialog.ticketId && (
        <FinishDialog number={current.number} outcome={dialog.outcome} busy={!!busy} error={dialogError} onConfirm={finish} onClose={() => setDialog(undefined)} />
      )}
      {dialog?.kind === 'transfer' && current?.id === dialog.ticketId && (
        <TransferDialog number={current.number} hall={hall} windowId={windowId} serviceId={current.serviceId} busy={!!busy} error={dialogError} onChoose={transfer} onClose={() => setDialog(undefined)} />
      )}
      {dialog?.kind === 'noShow' && current?.id === dialog.ticketId && (
        <NoShowDialog number={current.number} calledAt={current.calledAt} callCount={current.callCount} afterSeconds={snapshot?.noShowAfterSeconds ?? 0} busy={!!busy} error={dialogError} onConfirm={noShow} onClose={() => setDialog(undefined)} />
      )}
      {dialog?.kind === 'pause' && <PauseDialog busy={!!busy} error={dialogError} onChoose={pause} onClose={() => setDialog(undefined)} />}
      {dialog?.kind === 'callNumber' && <CallNumberDialog prefixes={prefixes} busy={!!busy} error={dialogError} onCall={callNumber} onClose={() => setDialog(undefined)} />}
      {dialog?.kind === 'signOut' && (
        <ConfirmDialog
          title={t('signOut.title', { n: windowNumber })}
          body={t('signOut.body')}
          confirm={t('action.signOut')}
          busy={!!busy}
          error={dialogError}
          onConfirm={signOut}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog?.kind === 'leave' && <LeaveDialog token={token} today={hall?.businessDate || new Date().toISOString().slice(0, 10)} onClose={() => setDialog(undefined)} onExpired={onExpired} />}
      {dialog?.kind === 'completeCase' && (
        <NoteDialog
          title={t('cases.completeTitle', { number: dialog.c.number })}
          noteLabel={t('cases.completeNote')}
          confirm={t('cases.completeConfirm')}
          busy={!!busy}
          error={dialogError}
          onConfirm={(note) => complete(dialog.c, note)}
          onClose={() => setDialog(undefined)}
        />
      )}
    </div>
  );
}
