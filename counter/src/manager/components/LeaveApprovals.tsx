import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { formatTime } from '../../../../shared/ui/format.ts';
import { ApiError } from '../../../../shared/ui/api.ts';
import { runsText } from '../../components/LeaveDialog.tsx';
import type { LeaveRequest } from '../../leave-api.ts';
import { useT } from '../../use-t.ts';
import type { ManagerApi, StaffName } from '../manager-api.ts';
import { useLoad } from '../use-load.ts';
import { Panel } from './Panel.tsx';
import { Empty, ErrorNote, Loading } from './StateNote.tsx';

interface Props {
  api: ManagerApi;
  departmentName: (id: string) => string;
  /** Changes whenever the hall changes: the lists are read again. */
  version: number;
  timezone?: string;
  /** A request was decided: the nav's count is read again. */
  onChanged?: () => void;
  onUnauthorized: () => void;
}

/** 请假审批: the requests waiting (批准 / 不批准 with an optional note), then the ones decided. */
export function LeaveApprovals({ api, departmentName, version, timezone, onChanged, onUnauthorized }: Props) {
  const t = useT();
  const [nonce, setNonce] = useState(0);
  const list = useLoad<LeaveRequest[]>(`${version}|${nonce}`, () => api.leave('all') as Promise<LeaveRequest[]>, onUnauthorized);
  const people = useLoad('staff', api.staff, onUnauthorized);
  const staff = new Map<string, StaffName>((people.data ?? []).map((s) => [s.id, s]));
  const pending = (list.data ?? []).filter((l) => l.status === 'pending');
  const decided = (list.data ?? []).filter((l) => l.status !== 'pending');
  const when = (at: number) => `${new Date(at).toLocaleDateString('zh-CN', { timeZone: timezone ?? 'Asia/Shanghai', month: 'numeric', day: 'numeric' })} ${formatTime(at, timezone)}`;
  const who = (l: LeaveRequest) => (
    <>
      <strong>{l.staffName}</strong>
      {staff.get(l.staffId) && <span class="mgr-muted mgr-leave__no">{staff.get(l.staffId)!.staffNo}</span>}
    </>
  );
  const dept = (l: LeaveRequest) => {
    const id = staff.get(l.staffId)?.departmentId;
    return id ? departmentName(id) : '—';
  };

  return (
    <div class="mgr-leave">
      <div class="mgr-toolbar">
        <h1 class="mgr-view-title">{t('leave.mgr.title')}</h1>
      </div>
      {list.error && <ErrorNote error={list.error} onRetry={list.reload} />}
      {!list.data ? (
        !list.error && <Loading />
      ) : (
        <>
          <Panel title={t('leave.mgr.pending')} aside={<span class={`mgr-tag${pending.length > 0 ? ' mgr-tag--warn' : ' mgr-tag--muted'}`} data-testid="leave-pending-count">{t('leave.mgr.count', { n: pending.length })}</span>}>
            {pending.length === 0 ? (
              <Empty text={t('leave.mgr.none')} />
            ) : (
              <div class="mgr-table-wrap">
                <table class="mgr-table mgr-table--leave" data-testid="leave-pending">
                  <LeaveHead requested />
                  <tbody>
                    {pending.map((l) => (
                      <PendingRow key={l.id} leave={l} who={who(l)} department={dept(l)} requestedAt={when(l.requestedAt)} api={api} onDecided={() => {
                          setNonce((n) => n + 1);
                          onChanged?.();
                        }} onUnauthorized={onUnauthorized} />
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <p class="mgr-formula">{t('leave.mgr.hint')}</p>
          </Panel>
          <Panel title={t('leave.mgr.decided')} class="mgr-leave__decided">
            {decided.length === 0 ? (
              <Empty text={t('leave.mgr.noneDecided')} />
            ) : (
              <div class="mgr-table-wrap">
                <table class="mgr-table mgr-table--leave" data-testid="leave-decided">
                  <LeaveHead />
                  <tbody>
                    {decided.map((l) => (
                      <tr key={l.id} data-leave={l.id} data-status={l.status}>
                        <td>{who(l)}</td>
                        <td>{dept(l)}</td>
                        <td>{t(`leave.kind.${l.kind}`)}</td>
                        <td>
                          {runsText(l.dates, t)}
                          <span class="mgr-muted mgr-leave__days">{t('leave.days', { n: l.dates.length })}</span>
                        </td>
                        <td class="mgr-leave__note">{l.note ?? '—'}</td>
                        <td>
                          <span class={`mgr-tag mgr-leave__status mgr-leave__status--${l.status}`}>{t(`leave.status.${l.status}`)}</span>
                          {l.decidedAt !== undefined && (
                            <div class="mgr-muted mgr-leave__by">
                              {l.status === 'cancelled' || !l.decidedBy ? t('leave.mgr.withdrawnAt', { time: when(l.decidedAt) }) : t('leave.mgr.decidedBy', { name: staff.get(l.decidedBy)?.name ?? l.decidedBy, time: when(l.decidedAt) })}
                            </div>
                          )}
                          {l.decisionNote && <div class="mgr-leave__decision-note">{l.decisionNote}</div>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Panel>
        </>
      )}
    </div>
  );
}

function PendingRow({ leave: l, who, department, requestedAt, api, onDecided, onUnauthorized }: { leave: LeaveRequest; who: ComponentChildren; department: string; requestedAt: string; api: ManagerApi; onDecided: () => void; onUnauthorized: () => void }) {
  const t = useT();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<'approve' | 'refuse'>();
  const [error, setError] = useState<string>();
  const decide = async (approve: boolean) => {
    if (busy) return;
    setBusy(approve ? 'approve' : 'refuse');
    setError(undefined);
    try {
      await api.decideLeave(l.id, approve, note.trim() || undefined);
      onDecided();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return onUnauthorized();
      setError(e instanceof ApiError ? e.message.replace(/^[\w.[\]]+:\s*/, '') : String(e));
      if (e instanceof ApiError && e.code === 'ALREADY_DECIDED') onDecided();
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <tr data-leave={l.id} data-staff={l.staffId}>
      <td>{who}</td>
      <td>{department}</td>
      <td>
        <span class="mgr-tag mgr-tag--kind">{t(`leave.kind.${l.kind}`)}</span>
      </td>
      <td>
        {runsText(l.dates, t)}
        <span class="mgr-muted mgr-leave__days">{t('leave.days', { n: l.dates.length })}</span>
      </td>
      <td class="mgr-leave__note">{l.note ?? '—'}</td>
      <td class="num">{requestedAt}</td>
      <td class="mgr-leave__decide">
        <input class="mgr-leave__input" name="decisionNote" maxLength={200} placeholder={t('leave.mgr.decisionNote')} aria-label={t('leave.mgr.decisionNote')} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        <div class="mgr-leave__buttons">
          <button type="button" class="mgr-btn mgr-btn--small mgr-btn--primary" disabled={!!busy} onClick={() => decide(true)} data-testid="leave-approve">
            {busy === 'approve' ? t('busy') : t('leave.mgr.approve')}
          </button>
          <button type="button" class="mgr-btn mgr-btn--small mgr-btn--quiet-danger" disabled={!!busy} onClick={() => decide(false)} data-testid="leave-refuse">
            {busy === 'refuse' ? t('busy') : t('leave.mgr.refuse')}
          </button>
        </div>
        {error && (
          <p class="mgr-leave__error" role="alert">
            {error}
          </p>
        )}
      </td>
    </tr>
  );
}

/** The columns both lists share; the pending one also says when it was asked. */
function LeaveHead({ requested = false }: { requested?: boolean }) {
  const t = useT();
  const columns: Array<'who' | 'department' | 'kind' | 'dates' | 'note' | 'requestedAt' | 'decision'> = ['who', 'department', 'kind', 'dates', 'note', ...(requested ? (['requestedAt'] as const) : []), 'decision'];
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th key={c} scope="col">
            {t(`leave.mgr.${c}`)}
          </th>
        ))}
      </tr>
    </thead>
  );
}
