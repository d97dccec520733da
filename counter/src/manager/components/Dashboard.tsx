import type { ApiError } from '../../../../shared/ui/api.ts';
import { formatClock } from '../../../../shared/ui/format.ts';
import { count, minutesOf, minutesValue, percent } from '../format.ts';
import { useT } from '../../use-t.ts';
import type { Dashboard as DashboardData, ManagerApi } from '../manager-api.ts';
import { useLoad } from '../use-load.ts';
import { HourlyChart } from './HourlyChart.tsx';
import { Panel } from './Panel.tsx';
import { PrinterFaults } from './PrinterFaults.tsx';
import { QueueTable } from './QueueTable.tsx';
import { StatCard } from './StatCard.tsx';
import { Empty, ErrorNote, Loading } from './StateNote.tsx';
import { WindowBoard, windowCounts, WindowLegend } from './WindowBoard.tsx';

interface Props {
  api: ManagerApi;
  data?: DashboardData;
  error?: ApiError;
  version: number;
  onRetry: () => void;
  onOpenReviews: () => void;
  onUnauthorized: () => void;
}

/** 实时看板: the hall right now and today so far; refreshed whenever the hall changes. */
export function Dashboard({ api, data, error, version, onRetry, onOpenReviews, onUnauthorized }: Props) {
  const t = useT();
  const date = data?.businessDate;
  const hourly = useLoad(date ? `${date}#${version}` : undefined, () => api.hourly(date!), onUnauthorized);

  if (!data) return error ? <ErrorNote error={error} onRetry={onRetry} /> : <Loading />;

  const waitingNow = data.queues.reduce((n, q) => n + q.waiting, 0);
  const longest = data.queues.reduce((m, q) => (q.waiting > 0 ? Math.max(m, q.longestWaitSeconds) : m), 0);
  const counts = windowCounts(data.hall.windows);
  const today = data.today;
  const hours = hourly.data && hourly.data.date === date ? hourly.data.hours : undefined;
  const min = t('unit.min');

  return (
    <div class="mgr-dashboard">
      {error && <ErrorNote error={error} onRetry={onRetry} />}
      <div class="mgr-stats">
        <StatCard label={t('kpi.issued')} value={count(today.issued)} sub={t('kpi.calls', { n: today.calls })} testId="kpi-issued" />
        <StatCard label={t('kpi.served')} value={count(today.served)} sub={t('kpi.noShows', { n: today.noShows })} testId="kpi-served" />
        <StatCard label={t('kpi.waiting')} value={count(waitingNow)} sub={waitingNow > 0 ? t('kpi.longest', { t: minutesOf(longest, t) }) : t('kpi.openWindows', { n: counts.open })} testId="kpi-waiting" />
        <StatCard label={t('kpi.averageWait')} value={minutesValue(today.averageWaitSeconds)} unit={min} sub={t('kpi.openWindows', { n: counts.open })} />
        <StatCard label={t('kpi.serviceLevel')} value={percent(today.serviceLevel)} sub={t('kpi.serviceLevelSub')} />
        <StatCard label={t('kpi.satisfaction')} value={today.ratings > 0 ? percent(today.satisfactionRate) : '—'} sub={today.ratings > 0 ? t('kpi.ratings', { n: today.ratings }) : t('kpi.noRatings')} />
        <StatCard
          label={t('kpi.reviews')}
          value={count(data.openReviews)}
          sub={data.overdueReviews > 0 ? <span class="mgr-overdue">{t('kpi.overdue', { n: data.overdueReviews })}</span> : t('kpi.noOverdue')}
          tone={data.overdueReviews > 0 ? 'bad' : undefined}
          onClick={onOpenReviews}
          testId="open-reviews"
        />
        <StatCard label={t('kpi.cases')} value={count(data.pendingCases)} sub={t('kpi.casesSub')} testId="pending-cases" />
      </div>

      <div class="mgr-dashboard__grid">
        <Panel title={t('queues.title')} class="mgr-area-queues">
          <QueueTable hall={data.hall} queues={data.queues} />
        </Panel>
        <Panel title={t('hourly.title')} class="mgr-area-hourly">
          {hours ? <HourlyChart hours={hours} /> : hourly.error ? <ErrorNote error={hourly.error} onRetry={hourly.reload} /> : <Loading />}
          {hours && today.issued === 0 && <Empty text={t('hourly.empty')} />}
        </Panel>
        <Panel
          title={t('faults.title')}
          class="mgr-area-faults"
          aside={data.printerFaults.length > 0 ? <span class="mgr-tag mgr-tag--bad">{data.printerFaults.length}</span> : undefined}
        >
          <PrinterFaults faults={data.printerFaults} today={data.businessDate} />
        </Panel>
        <Panel title={t('windows.title')} class="mgr-area-windows" aside={
            <>
              <WindowLegend />
              <span class="mgr-muted">{t('windows.summary', counts)}</span>
            </>
          }
        >
          <WindowBoard windows={data.hall.windows} />
        </Panel>
      </div>
      <p class="mgr-updated">{t('dashboard.updated', { t: formatClock(data.now) })}</p>
    </div>
  );
}
