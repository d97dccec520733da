import type { AttendanceRow } from '../../../../shared/reports/attendance.ts';
import { LEAVE_KINDS, PAUSE_REASONS } from '../../../../shared/types.ts';
import { count, duration } from '../format.ts';
import { useT } from '../../use-t.ts';
import type { ManagerApi } from '../manager-api.ts';
import type { Period } from '../period.ts';
import { useLoad } from '../use-load.ts';
import { DownloadButtons } from './DownloadButtons.tsx';
import { Panel } from './Panel.tsx';
import { PeriodPicker } from './PeriodPicker.tsx';
import { Empty, ErrorNote, Loading } from './StateNote.tsx';

interface Props {
  api: ManagerApi;
  token: string;
  period: Period;
  today: string;
  departmentName: (id: string) => string;
  onPeriod: (p: Period) => void;
  onUnauthorized: () => void;
}

/** 考勤: per clerk, days present, late, early, missing sign-outs, absences, pauses, duty and idle time. */
export function AttendanceView({ api, token, period, today, departmentName, onPeriod, onUnauthorized }: Props) {
  const t = useT();
  const key = `${period.from}..${period.to}`;
  const report = useLoad(key, () => api.attendance(period), onUnauthorized);
  const data = report.data;

  return (
    <div class="mgr-attendance">
      <div class="mgr-toolbar">
        <h1 class="mgr-view-title">{t('att.title')}</h1>
        <PeriodPicker period={period} today={today} onChange={onPeriod}>
          <DownloadButtons token={token} kind="attendance" period={period} />
        </PeriodPicker>
      </div>
      {report.error && <ErrorNote error={report.error} onRetry={report.reload} />}
      {!data ? (
        !report.error && <Loading />
      ) : (
        <Panel title={t('att.title')} aside={<span class="mgr-muted">{t('att.workingDays', { n: data.workingDays })}</span>} class={report.dataKey !== key ? 'is-stale' : undefined}>
          {data.clerks.length === 0 ? <Empty text={t('att.empty')} /> : <AttendanceTable rows={data.clerks} departmentName={departmentName} />}
          <p class="mgr-formula">{t('att.note')}</p>
        </Panel>
      )}
    </div>
  );
}

function AttendanceTable({ rows, departmentName }: { rows: AttendanceRow[]; departmentName: (id: string) => string }) {
  const t = useT();
  const flag = (n: number, tone: 'warn' | 'bad') => <td class={`num${n > 0 ? ` mgr-flag mgr-flag--${tone}` : ''}`}>{count(n)}</td>;
  return (
    <div class="mgr-table-wrap">
      <table class="mgr-table mgr-table--attendance">
        <thead>
          <tr>
            <th scope="col">{t('att.staffNo')}</th>
            <th scope="col">{t('att.name')}</th>
            <th scope="col">{t('att.department')}</th>
            <th scope="col" class="num">
              {t('att.present')}
            </th>
            <th scope="col" class="num">
              {t('att.late')}
            </th>
            <th scope="col" class="num">
              {t('att.early')}
            </th>
            <th scope="col" class="num">
              {t('att.missingSignOut')}
            </th>
            <th scope="col" class="num">
              {t('att.absent')}
            </th>
            <th scope="col" class="num">
              {t('att.leave')}
            </th>
            {PAUSE_REASONS.map((r) => (
              <th key={r} scope="col" class="num">
                {t(`pause.${r}`)}
              </th>
            ))}
            <th scope="col" class="num">
              {t('att.duty')}
            </th>
            <th scope="col" class="num">
              {t('att.idle')}
            </th>
            <th scope="col" class="num">
              {t('att.served')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.staffId} data-staff={c.staffNo}>
              <td class="num mgr-staffno">{c.staffNo}</td>
              <th scope="row">{c.name}</th>
              <td>{departmentName(c.departmentId)}</td>
              <td class="num">
                {c.presentDays}
                <span class="mgr-muted"> / {c.workingDays}</span>
              </td>
              {flag(c.lateDays, 'warn')}
              {flag(c.earlyLeaveDays, 'warn')}
              {flag(c.missingSignOutDays, 'warn')}
              {flag(c.absentDays, 'bad')}
              <LeaveCell row={c} />
              {PAUSE_REASONS.map((r) => (
                <td key={r} class="num">
                  {c.pauses[r].count > 0 ? t('att.pausesValue', { n: c.pauses[r].count, m: c.pauses[r].minutes }) : '—'}
                </td>
              ))}
              <td class="num">{duration(c.dutyMinutes, t)}</td>
              <td class="num">{duration(c.idleMinutes, t)}</td>
              <td class="num">{count(c.visitsServed)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** 请假: approved leave on the period's working days (not absences), the kinds on a line below and in the tooltip. */
function LeaveCell({ row }: { row: AttendanceRow }) {
  const t = useT();
  const days = row.leaveDays ?? 0;
  if (days === 0) return <td class="num mgr-muted" data-col="leave">—</td>;
  const kinds = LEAVE_KINDS.filter((k) => (row.leaveByKind?.[k] ?? 0) > 0).map((k) => t('att.leaveKind', { kind: t(`leave.kind.${k}`), n: row.leaveByKind[k] }));
  return (
    <td class="num mgr-att-leave" data-col="leave" title={kinds.join(t('leave.listSep'))}>
      <span class="mgr-att-leave__days">{count(days)}</span>
      <span class="mgr-att-leave__kinds">{kinds.join(t('leave.listSep'))}</span>
    </td>
  );
}
