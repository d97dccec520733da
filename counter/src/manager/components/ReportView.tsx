import { useState } from 'preact/hooks';
import type { NetworkSummary } from '../../../../shared/reports/network.ts';
import type { Figures } from '../../../../shared/reports/summary.ts';
import { count, minutesValue, percent } from '../format.ts';
import { useT } from '../../use-t.ts';
import type { HallSummary, ManagerApi } from '../manager-api.ts';
import type { Period } from '../period.ts';
import { useLoad } from '../use-load.ts';
import { BulletinPanel } from './BulletinPanel.tsx';
import { DownloadButtons } from './DownloadButtons.tsx';
import { type Breakdown, FigureTable } from './FigureTable.tsx';
import { Panel } from './Panel.tsx';
import { PeriodPicker } from './PeriodPicker.tsx';
import { Ranking } from './Rankings.tsx';
import { BookingFiguresPanel } from './BookingFiguresPanel.tsx';
import { ReviewFigures } from './ReviewFigures.tsx';
import { StatCard } from './StatCard.tsx';
import { Empty, ErrorNote, Loading } from './StateNote.tsx';
import { ZeroVolume } from './ZeroVolume.tsx';

type HallBreakdown = Exclude<Breakdown, 'halls'>;
const BREAKDOWNS: HallBreakdown[] = ['departments', 'windows', 'services', 'clerks'];

interface Props {
  api: ManagerApi;
  token: string;
  period: Period;
  today: string;
  /** A network manager picks the hall: this one, all of them, or any one of them. */
  network?: boolean;
  onPeriod: (p: Period) => void;
  /** The 差评处理 row leads to the reviews themselves. */
  onOpenReviews?: () => void;
  onUnauthorized: () => void;
}

/** Which hall the report is of: this one, every hall together, or one hall of the network by id. */
type Scope = { kind: 'own' } | { kind: 'network' } | { kind: 'hall'; hallId: string };

/** 统计报表: every SPEC §6 figure for a period, by department, window, service and clerk. */
export function ReportView({ api, token, period, today, network = false, onPeriod, onOpenReviews, onUnauthorized }: Props) {
  const t = useT();
  const [scope, setScope] = useState<Scope>({ kind: 'own' });
  const own = scope.kind === 'own';
  const key = `${period.from}..${period.to}|${own ? 'own' : 'network'}`;
  const report = useLoad<HallSummary | NetworkSummary>(key, () => (own ? api.summary(period) : api.networkSummary(period)), onUnauthorized);
  const [by, setBy] = useState<HallBreakdown>('departments');
  const [bulletin, setBulletin] = useState(false);
  const stale = report.dataKey !== key;
  const data = report.data;
  const hallNames = data && 'scope' in data ? data.halls.map((h) => ({ id: h.hallId, name: h.name })) : [];

  return (
    <div class="mgr-report">
      <div class="mgr-toolbar">
        <h1 class="mgr-view-title">{t('report.title')}</h1>
        {network && <ScopePicker scope={scope} halls={hallNames} onChange={setScope} />}
        <PeriodPicker period={period} today={today} onChange={onPeriod}>
          <div class="mgr-report__actions">
            {own && (
              <button type="button" class={`mgr-btn mgr-btn--bulletin${bulletin ? ' is-on' : ''}`} aria-pressed={bulletin} onClick={() => setBulletin((b) => !b)} data-testid="bulletin-open">
                <span class="mgr-btn__icon" aria-hidden="true">
                  ✍
                </span>
                {t('bulletin.open')}
              </button>
            )}
            <DownloadButtons token={token} kind="summary" period={period} scope={own ? 'hall' : 'network'} />
          </div>
        </PeriodPicker>
      </div>
      {own && bulletin && <BulletinPanel api={api} token={token} period={period} onClose={() => setBulletin(false)} onUnauthorized={onUnauthorized} />}
      {report.error && <ErrorNote error={report.error} onRetry={report.reload} />}
      {!data ? (
        !report.error && <Loading />
      ) : (
        <div class={`mgr-report__body${stale ? ' is-stale' : ''}`} aria-busy={report.loading}>
          {!('scope' in data) ? (
            <ReportBody report={data} by={by} onBy={setBy} onOpenReviews={onOpenReviews} />
          ) : scope.kind === 'hall' && data.halls.some((h) => h.hallId === scope.hallId) ? (
            <ReportBody report={data.halls.find((h) => h.hallId === scope.hallId)!} by={by} onBy={setBy} />
          ) : (
            <NetworkBody report={data} />
          )}
        </div>
      )}
    </div>
  );
}

function ScopePicker({ scope, halls, onChange }: { scope: Scope; halls: Array<{ id: string; name: string }>; onChange: (s: Scope) => void }) {
  const t = useT();
  const value = scope.kind === 'hall' ? `hall:${scope.hallId}` : scope.kind;
  return (
    <label class="mgr-scope">
      <span class="mgr-scope__label">{t('report.scope.label')}</span>
      <select
        class="mgr-scope__select"
        data-testid="report-scope"
        value={value}
        onChange={(e) => {
          const v = (e.currentTarget as HTMLSelectElement).value;
          onChange(v === 'own' ? { kind: 'own' } : v === 'network' ? { kind: 'network' } : { kind: 'hall', hallId: v.slice(5) });
        }}
      >
        <option value="own">{t('report.scope.own')}</option>
        <option value="network">{t('report.scope.network')}</option>
        {halls.map((h) => (
          <option key={h.id} value={`hall:${h.id}`}>
            {h.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Every hall side by side, and the network's figures on top. */
function NetworkBody({ report }: { report: NetworkSummary }) {
  const t = useT();
  const total = report.total;
  const rows = report.halls.map((h) => ({ ...h.hall, id: h.hallId, name: h.name }));
  return (
    <>
      <div class="mgr-stats mgr-stats--report" data-testid="report-network">
        <StatCard label={t('fig.issued')} value={count(total.issued)} sub={t('kpi.calls', { n: total.calls })} />
        <StatCard label={t('fig.served')} value={count(total.served)} sub={t('report.servedSub', { p: total.ticketsServed, n: total.noShows })} />
        <StatCard label={t('fig.cases')} value={count(total.cases)} sub={t('report.casesSub', { a: total.accepted })} />
        <StatCard label={t('fig.completionRate')} value={rate(total.completionRate, total.cases)} sub={t('report.completionRateSub')} />
        <WaitCard figures={total} />
        <StatCard label={t('fig.satisfaction')} value={rate(total.satisfactionRate, total.ratings.count)} sub={t('kpi.ratings', { n: total.ratings.count })} />
      </div>
      <Panel title={t('report.network.byHall')}>
        <FigureTable by="halls" rows={rows} hall={total} departmentName={(id) => id} totalLabel={t('report.network.total')} />
      </Panel>
    </>
  );
}

/** A share, or — when there was nothing to divide (no cases, no ratings, no tickets). */
function rate(share: number, whole: number): string {
  return whole > 0 ? percent(share) : '—';
}

/** Average wait in minutes, the median below; — when nobody was called. */
function WaitCard({ figures }: { figures: Figures }) {
  const t = useT();
  const w = figures.waitSeconds;
  if (w.count === 0) return <StatCard label={t('fig.averageWait')} value="—" />;
  return <StatCard label={t('fig.averageWait')} value={minutesValue(w.average)} unit={t('unit.min')} sub={t('report.waitSub', { m: minutesValue(w.median) })} />;
}

function ReportBody({ report, by, onBy, onOpenReviews }: { report: HallSummary; by: HallBreakdown; onBy: (b: HallBreakdown) => void; onOpenReviews?: () => void }) {
  const t = useT();
  const hall = report.hall;
  const departments = new Map(report.departments.map((d) => [d.id, d.name]));
  const nothing = (hall.issued ?? 0) === 0 && hall.calls === 0;
  return (
    <>
      <div class="mgr-stats mgr-stats--report" data-testid="report-hall">
        <StatCard label={t('fig.issued')} value={count(hall.issued)} sub={t('kpi.calls', { n: hall.calls })} />
        <StatCard label={t('fig.served')} value={count(hall.served)} sub={t('report.servedSub', { p: hall.ticketsServed, n: hall.noShows })} />
        <StatCard label={t('fig.cases')} value={count(hall.cases)} sub={t('report.casesSub', { a: hall.accepted })} />
        <StatCard label={t('fig.casesCompleted')} value={count(hall.casesCompleted)} sub={t('report.casesCompletedSub')} />
        <StatCard label={t('fig.completionRate')} value={rate(hall.completionRate, hall.cases)} sub={t('report.completionRateSub')} />
        <WaitCard figures={hall} />
        <StatCard label={t('fig.serviceLevel')} value={rate(hall.serviceLevel, hall.serviceLevelTickets)} sub={t('kpi.serviceLevelSub')} />
        <StatCard label={t('fig.satisfaction')} value={rate(hall.satisfactionRate, hall.ratings.count)} sub={t('kpi.ratings', { n: hall.ratings.count })} />
      </div>
      {nothing && <Empty text={t('report.empty')} />}
      {report.reviews && <ReviewFigures figures={report.reviews} onOpen={onOpenReviews} />}
      {report.appointments && <BookingFiguresPanel figures={report.appointments} />}

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
            <Ranking title={t('rank.windows')} rows={report.rankings.windows} minVisits={report.rankings.minVisits} testId="rank-windows" />
            <Ranking title={t('rank.clerks')} rows={report.rankings.clerks} minVisits={report.rankings.minVisits} testId="rank-clerks" />
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
