import { PAUSE_REASONS, type PauseReason } from '../types.ts';
import type { AttendanceReport } from './attendance.ts';
import type { HourRow } from './hourly.ts';
import type { RankRow } from './rankings.ts';
import { type Distribution, round1 } from './stats.ts';
import type { Figures, SummaryReport, SummaryRow } from './summary.ts';

/**
 * Reports as tables with Chinese headings, for CSV and XLSX alike. They read as the manager
 * view reads: shares as percentages, durations in minutes with one decimal, and an empty cell
 * where the view shows — (nothing to measure: no cases, no visits, no ratings), never a 0.
 */

export type Cell = string | number | null;
/** How a column's numbers read: a share in 0..1 as a percentage, or a number with one decimal. */
export type NumberFormat = 'percent' | 'oneDecimal';
export interface Table {
  name: string;
  headers: string[];
  /** Per column; none for text and counts. */
  formats?: Array<NumberFormat | undefined>;
  rows: Cell[][];
}

interface Column<T> {
  header: string;
  cell: (x: T) => Cell;
  format?: NumberFormat;
}

/** A share, or nothing when there was nothing to divide. */
const share = (value: number, whole: number): Cell => (whole > 0 ? value : null);
/** Seconds as minutes, as the manager view shows them; nothing with no samples. */
const minutes = (d: Distribution, key: 'average' | 'median' | 'p90' | 'max'): Cell => (d.count > 0 ? round1(d[key] / 60) : null);

const FIGURE_COLUMNS: Array<Column<Figures>> = [
  { header: '取号量', cell: (f) => f.issued },
  { header: '叫号量', cell: (f) => f.calls },
  { header: '接待人次', cell: (f) => f.served },
  { header: '接待人数', cell: (f) => f.ticketsServed },
  { header: '过号', cell: (f) => f.noShows },
  { header: '办结', cell: (f) => f.completed },
  { header: '受理', cell: (f) => f.accepted },
  { header: '咨询', cell: (f) => f.consulted },
  { header: '退回', cell: (f) => f.rejected },
  { header: '转移', cell: (f) => f.transferred },
  { header: '办件量', cell: (f) => f.cases },
  { header: '已办结件', cell: (f) => f.casesCompleted },
  { header: '办结率', cell: (f) => share(f.completionRate, f.cases), format: 'percent' },
  { header: '平均等候(分钟)', cell: (f) => minutes(f.waitSeconds, 'average'), format: 'oneDecimal' },
  { header: '等候中位数(分钟)', cell: (f) => minutes(f.waitSeconds, 'median'), format: 'oneDecimal' },
  { header: '等候P90(分钟)', cell: (f) => minutes(f.waitSeconds, 'p90'), format: 'oneDecimal' },
  { header: '最长等候(分钟)', cell: (f) => minutes(f.waitSeconds, 'max'), format: 'oneDecimal' },
  { header: '服务达标率', cell: (f) => share(f.serviceLevel, f.serviceLevelTickets), format: 'percent' },
  { header: '平均办理(分钟)', cell: (f) => minutes(f.serviceSeconds, 'average'), format: 'oneDecimal' },
  { header: '办理中位数(分钟)', cell: (f) => minutes(f.serviceSeconds, 'median'), format: 'oneDecimal' },
  { header: '办理P90(分钟)', cell: (f) => minutes(f.serviceSeconds, 'p90'), format: 'oneDecimal' },
  { header: '评价数', cell: (f) => f.ratings.count },
  { header: '非常满意', cell: (f) => f.ratings.byScore[5] },
  { header: '满意', cell: (f) => f.ratings.byScore[4] },
  { header: '基本满意', cell: (f) => f.ratings.byScore[3] },
  { header: '不满意', cell: (f) => f.ratings.byScore[2] },
  { header: '非常不满意', cell: (f) => f.ratings.byScore[1] },
  { header: '参评率', cell: (f) => share(f.ratings.ratedShare, f.served), format: 'percent' },
  { header: '满意率', cell: (f) => share(f.satisfactionRate, f.ratings.count), format: 'percent' },
];

export const FIGURE_HEADERS = FIGURE_COLUMNS.map((c) => c.header);

/** Headings and formats of a table of figures, after its leading text columns. */
export function figureColumns(...leading: string[]): Pick<Table, 'headers' | 'formats'> {
  return { headers: [...leading, ...FIGURE_HEADERS], formats: [...leading.map(() => undefined), ...FIGURE_COLUMNS.map((c) => c.format)] };
}

export function figureCells(f: Figures): Cell[] {
  return FIGURE_COLUMNS.map((c) => c.cell(f));
}

function breakdown(name: string, idHeader: string, rows: SummaryRow[], id: (r: SummaryRow) => Cell): Table {
  return { name, ...figureColumns(idHeader, '名称'), rows: rows.map((r) => [id(r), r.name, ...figureCells(r)]) };
}

function ranking(name: string, rows: RankRow[], minVisits: number): Table {
  const columns: Array<Column<RankRow>> = [
    { header: '名次', cell: (r) => r.rank },
    { header: '名称', cell: (r) => r.name },
    { header: '综合得分', cell: (r) => r.score, format: 'oneDecimal' },
    { header: '接待量得分', cell: (r) => r.parts.volume, format: 'percent' },
    { header: '满意度得分', cell: (r) => r.parts.satisfaction, format: 'percent' },
    { header: '达标率得分', cell: (r) => r.parts.serviceLevel, format: 'percent' },
    { header: '出勤得分', cell: (r) => r.parts.attendance, format: 'percent' },
    { header: '接待人次', cell: (r) => r.served },
    { header: '备注', cell: (r) => (r.rank === null ? `样本不足（接待少于 ${minVisits} 人次，不参与排名）` : null) },
  ];
  return { name, headers: columns.map((c) => c.header), formats: columns.map((c) => c.format), rows: rows.map((r) => columns.map((c) => c.cell(r))) };
}

/** One table per breakdown: 全馆, 部门, 窗口, 事项, 人员, then zero volume and rankings. */
export function summaryTables(report: SummaryReport): Table[] {
  return [
    { name: '全馆', ...figureColumns('统计期间'), rows: [[`${report.period.from} 至 ${report.period.to}`, ...figureCells(report.hall)]] },
    breakdown('部门', '部门编号', report.departments, (r) => r.id),
    breakdown('窗口', '窗口号', report.windows, (r) => r.number ?? r.id),
    breakdown('事项', '事项编号', report.services, (r) => r.id),
    breakdown('人员', '工号', report.clerks, (r) => r.staffNo ?? r.id),
    {
      name: '零办件',
      headers: ['类别', '名称', '是否有人签到'],
      rows: [
        ...report.zeroVolume.departments.map((d) => ['部门', d.name, d.anyoneSignedIn ? '是' : '否']),
        ...report.zeroVolume.windows.map((w) => ['窗口', `${w.number} 号窗口 ${w.name}`, w.anyoneSignedIn ? '是' : '否']),
      ],
    },
    ranking('优秀窗口', report.rankings.windows, report.rankings.minVisits),
    ranking('服务标兵', report.rankings.clerks, report.rankings.minVisits),
  ];
}

/** The whole summary as one flat table (CSV has no sheets): a 层级 column tells the breakdown. */
export function summaryFlatTable(report: SummaryReport): Table {
  const rows: Cell[][] = [['全馆', 'hall', '全馆', ...figureCells(report.hall)]];
  const add = (level: string, list: SummaryRow[], id: (r: SummaryRow) => Cell) => list.forEach((r) => rows.push([level, id(r), r.name, ...figureCells(r)]));
  add('部门', report.departments, (r) => r.id);
  add('窗口', report.windows, (r) => r.number ?? r.id);
  add('事项', report.services, (r) => r.id);
  add('人员', report.clerks, (r) => r.staffNo ?? r.id);
  return { name: `汇总 ${report.period.from} 至 ${report.period.to}`, ...figureColumns('层级', '编号', '名称'), rows };
}

const PAUSE_NAMES: Record<PauseReason, string> = { break: '休息', leave: '临时外出', meeting: '会议', other: '其他' };

export function attendanceTable(report: AttendanceReport, departmentName: (id: string) => string): Table {
  return {
    name: '考勤',
    headers: [
      '工号',
      '姓名',
      '部门',
      '应出勤天数',
      '出勤天数',
      '迟到天数',
      '早退天数',
      '未签退天数',
      '缺勤天数',
      '请假天数',
      '事假',
      '病假',
      '年休假',
      '公差',
      ...PAUSE_REASONS.flatMap((r) => [`${PAUSE_NAMES[r]}(次)`, `${PAUSE_NAMES[r]}(分钟)`]),
      '在岗分钟',
      '空闲分钟',
      '接待人次',
    ],
    rows: report.clerks.map((c) => [
      c.staffNo,
      c.name,
      departmentName(c.departmentId),
      c.workingDays,
      c.presentDays,
      c.lateDays,
      c.earlyLeaveDays,
      c.missingSignOutDays,
      c.absentDays,
      c.leaveDays ?? 0,
      c.leaveByKind?.personal ?? 0,
      c.leaveByKind?.sick ?? 0,
      c.leaveByKind?.annual ?? 0,
      c.leaveByKind?.business ?? 0,
      ...PAUSE_REASONS.flatMap((r) => [c.pauses[r].count, c.pauses[r].minutes]),
      c.dutyMinutes,
      c.idleMinutes,
      c.visitsServed,
    ]),
  };
}

export function hourlyTable(date: string, rows: HourRow[]): Table {
  return { name: `分时 ${date}`, headers: ['时段', '取号量', '接待人次', '等候人数'], rows: rows.map((r) => [`${String(r.hour).padStart(2, '0')}:00`, r.issued, r.served, r.waiting]) };
}
