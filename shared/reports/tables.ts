import { PAUSE_REASONS, type PauseReason } from '../types.ts';
import type { AttendanceReport } from './attendance.ts';
import type { HourRow } from './hourly.ts';
import type { RankRow } from './rankings.ts';
import type { Figures, SummaryReport, SummaryRow } from './summary.ts';

/** Reports as tables with Chinese headings, for CSV and XLSX alike. */

export type Cell = string | number | null;
export interface Table {
  name: string;
  headers: string[];
  rows: Cell[][];
}

const FIGURE_COLUMNS: Array<[string, (f: Figures) => Cell]> = [
  ['取号量', (f) => f.issued],
  ['叫号量', (f) => f.calls],
  ['接待人次', (f) => f.served],
  ['过号', (f) => f.noShows],
  ['办结', (f) => f.completed],
  ['受理', (f) => f.accepted],
  ['咨询', (f) => f.consulted],
  ['退回', (f) => f.rejected],
  ['转移', (f) => f.transferred],
  ['办件量', (f) => f.cases],
  ['已办结件', (f) => f.casesCompleted],
  ['办结率', (f) => f.completionRate],
  ['平均等候(秒)', (f) => f.waitSeconds.average],
  ['等候中位数(秒)', (f) => f.waitSeconds.median],
  ['等候P90(秒)', (f) => f.waitSeconds.p90],
  ['最长等候(秒)', (f) => f.waitSeconds.max],
  ['服务达标率', (f) => f.serviceLevel],
  ['平均办理(秒)', (f) => f.serviceSeconds.average],
  ['办理中位数(秒)', (f) => f.serviceSeconds.median],
  ['办理P90(秒)', (f) => f.serviceSeconds.p90],
  ['评价数', (f) => f.ratings.count],
  ['非常满意', (f) => f.ratings.byScore[5]],
  ['满意', (f) => f.ratings.byScore[4]],
  ['基本满意', (f) => f.ratings.byScore[3]],
  ['不满意', (f) => f.ratings.byScore[2]],
  ['非常不满意', (f) => f.ratings.byScore[1]],
  ['参评率', (f) => f.ratings.ratedShare],
  ['满意率', (f) => f.satisfactionRate],
];

export const FIGURE_HEADERS = FIGURE_COLUMNS.map(([h]) => h);

export function figureCells(f: Figures): Cell[] {
  return FIGURE_COLUMNS.map(([, get]) => get(f));
}

function breakdown(name: string, idHeader: string, rows: SummaryRow[], id: (r: SummaryRow) => Cell): Table {
  return { name, headers: [idHeader, '名称', ...FIGURE_HEADERS], rows: rows.map((r) => [id(r), r.name, ...figureCells(r)]) };
}

function ranking(name: string, rows: RankRow[]): Table {
  return {
    name,
    headers: ['名次', '名称', '综合得分', '接待量得分', '满意度得分', '达标率得分', '出勤得分', '接待人次'],
    rows: rows.map((r) => [r.rank, r.name, r.score, r.parts.volume, r.parts.satisfaction, r.parts.serviceLevel, r.parts.attendance, r.served]),
  };
}

/** One table per breakdown: 全馆, 部门, 窗口, 事项, 人员, then zero volume and rankings. */
export function summaryTables(report: SummaryReport): Table[] {
  return [
    { name: '全馆', headers: ['统计期间', ...FIGURE_HEADERS], rows: [[`${report.period.from} 至 ${report.period.to}`, ...figureCells(report.hall)]] },
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
    ranking('优秀窗口', report.rankings.windows),
    ranking('服务标兵', report.rankings.clerks),
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
  return { name: `汇总 ${report.period.from} 至 ${report.period.to}`, headers: ['层级', '编号', '名称', ...FIGURE_HEADERS], rows };
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
