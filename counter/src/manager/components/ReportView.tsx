import { useState } from 'preact/hooks';
import type { SummaryReport } from '../../../../shared/reports/summary.ts';
import { count, minutesValue, percent } from '../format.ts';
import { useT } from '../lang.ts';
import type { ManagerApi } from '../manager-api.ts';
import type { Period } from '../period.ts';
import { useLoad } from '../use-load.ts';
import { DownloadButtons } from './DownloadButtons.tsx';
import { type Breakdown, FigureTable } from './FigureTable.tsx';
import { Panel } from './Panel.tsx';
import { PeriodPicker } from './PeriodPicker.tsx';
import { Ranking } from './Rankings.tsx';
import { StatCard } from './StatCard.tsx';
import { Empty, ErrorNote, Loading } from './StateNote.tsx';
import { ZeroVolume } from './ZeroVolume.tsx';

const BREAKDOWNS: Breakdown[] = ['departments', 'windows', 'services', 'clerks'];

interface Props {
  api: ManagerApi;
  token: string;
  period: Period;
  today: string;
  onPeriod: (p: Period) => void;
  onUnauthorized: () => void;
}

/** 统计报表: every SPEC §6 figure for a period, by department, window, service and clerk. */
export function ReportView({ api, token, period, today, onPeriod, onUnauthorized }: Props) {
  const t = useT();
  const key = `${period.from}..${period.to}`;
  const report = useLoad(key, () => api.summary(period), onUnauthorized);
  const [by, setBy] = useState<Breakdown>('departments');
  const stale = report.dataKey !== key;

  return (
    <div class="mgr-report">
      <div class="mgr-toolbar">
        <h1 class="mgr-view-title">{t('report.title')}</h1>
        <PeriodPicker period={period} today={today} onChange={onPeriod}>
          <DownloadButtons token={token} kind="summary" period={period} />
        </PeriodPicker>
      </div>
      {report.error && <ErrorNote error={report.error} onRetry={report.reload} />}
      {!report.data ? (
        !report.error && <Loading />
      ) : (
        <div class={`mgr-report__body${stale ? ' is-stale' : ''}`} aria-busy={report.loading}>
          <ReportBody report={report.data} by={by} onBy={setBy} />
        </div>
      )}
    </div>
  );
}

function ReportBody({ report, by, onBy }: { report: SummaryReport; by: Breakdown; onBy: (b: Breakdown) => void }) {
  const t = useT();
  const hall = report.hall;
  const departments = new Map(report.departments.map((d) => [d.id, d.name]));
  const nothing = (hall.issued ?? 0) === 0 && hall.calls === 0;
  return (
    <>
      <div class="mgr-stats mgr-stats--report" data-testid="report-hall">
        <StatCard label={t('fig.issued')} value={count(hall.issued)} sub={t('kpi.calls', { n: hall.calls })} />
        <StatCard label={t('fig.served')} value={count(hall.served)} sub={t('kpi.noShows', { n: hall.noShows })} />
        <StatCard label={t('fig.cases')} value={count(hall.cases)} sub={t('report.casesSub', { a: hall.accepted })} />
        <StatCard label={t('fig.casesCompleted')} value={count(hall.casesCompleted)} sub={t('report.casesCompletedSub')} />
        <StatCard label={t('fig.completionRate')} value={percent(hall.completionRate)} sub={t('report.completionRateSub')} />
        <StatCard label={t('fig.averageWait')} value={minutesValue(hall.waitSeconds.average)} unit={t('unit.min')} sub={t('report.waitSub', { m: minutesValue(hall.waitSeconds.median) })} />
        <StatCard label={t('fig.serviceLevel')} value={percent(hall.serviceLevel)} sub={t('kpi.serviceLevelSub')} />
        <StatCard label={t('fig.satisfaction')} value={percent(hall.satisfactionRate)} sub={t('kpi.ratings', { n: hall.ratings.count })} />
      </div>
      {nothing && <Empty text={t('report.empty')} />}

      <Panel
        title={t(`report.by.${by}`)}
        aside={
          <div class="mgr-segmented" role="tablist">
            {BREAKDOWNS.map((b) => (
              <button key={b} type="button" role="tab" aria-selected={b === by} class={b === by ? 'is-active' : undefined} onClick={() => onBy(b)}>
                {t(`report.by.${b}`)}
              </button>
            ))}
          </div>
        }
      >
        <FigureTable by={by} rows={report[by]} hall={hall} departmentName={(id) => departments.get(id) ?? id} />
      </Panel>

      <div class="mgr-report__bottom">
        <Panel title={`${t('rank.windows')} · ${t('rank.clerks')}`} class="mgr-area-rankings">
          <div class="mgr-rankings">
            <Ranking title={t('rank.windows')} rows={report.rankings.windows} testId="rank-windows" />
            <Ranking title={t('rank.clerks')} rows={report.rankings.clerks} testId="rank-clerks" />
          </div>
          <p class="mgr-formula">{t('rank.formula')}</p>
        </Panel>
        <Panel title={t('zero.title')} class="mgr-area-zero">
          <ZeroVolume zero={report.zeroVolume} />
        </Panel>
      </div>
    </>
  );
}
