import type { HallConfig } from '../config-schema.ts';
import type { AttendanceReport } from './attendance.ts';
import type { ReviewFigures } from './reviews.ts';
import type { Period, SummaryReport } from './summary.ts';

/**
 * The hall's periodic bulletin (通报, SPEC §12), written from the period's figures in the
 * register such bulletins use: counts as plain integers, the completion rate as a whole
 * percentage, departments by their names. Every sentence comes from the data; a section
 * with nothing to say says so in one line.
 */

export interface Bulletin {
  title: string;
  period: Period;
  sections: Array<{ heading: string; paragraphs: string[] }>;
  attachments: string[];
}

/** A service below this share called within its target wait is a problem worth naming. */
export const SERVICE_LEVEL_GOAL = 0.8;
const TOP_DEPARTMENTS = 5;
const TOP_RANKED = 3;

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${Math.round(x * 100)}%`);
const n = (x: number | null | undefined) => String(x ?? 0);

function periodText(p: Period): string {
  const d = (s: string) => `${Number(s.slice(0, 4))}年${Number(s.slice(5, 7))}月${Number(s.slice(8, 10))}日`;
  return p.from === p.to ? d(p.from) : `${d(p.from)}至${d(p.to)}`;
}

export function composeBulletin(config: HallConfig, summary: SummaryReport, attendance: AttendanceReport, reviews: ReviewFigures): Bulletin {
  const hall = summary.hall;
  const name = (id: string) => config.departments.find((d) => d.id === id)?.name ?? id;
  const period = periodText(summary.period);
  const clerks = config.staff.filter((s) => s.role === 'clerk' && !s.disabled).length;

  // 一、管理运行情况
  const run: string[] = [];
  run.push(
    `${period}，${config.hall.name}共进驻部门${config.departments.length}个、政务服务事项${config.services.length}项，设窗口${config.windows.length}个，在岗窗口工作人员${clerks}名。`,
  );
  run.push(
    `期间共受理办件${n(hall.cases)}件，办结${n(hall.casesCompleted)}件，办结率${pct(hall.cases > 0 ? hall.completionRate : null)}；接待群众${n(hall.served)}人次（${n(hall.ticketsServed)}人），取号${n(hall.issued)}个。`,
  );
  const busy = summary.departments.filter((d) => !d.retired && d.cases > 0).sort((a, b) => b.cases - a.cases || a.name.localeCompare(b.name, 'zh'));
  if (busy.length > 0) {
    const top = busy.slice(0, TOP_DEPARTMENTS);
    run.push(`办件量居前${top.length}位的部门依次为：${top.map((d) => `${d.name}（${d.cases}件）`).join('、')}。`);
  }
  // 无办件: no case (受理 or 办结) in the period, whatever else the department's windows did.
  const idle = summary.departments.filter((d) => !d.retired && d.cases === 0);
  if (idle.length > 0) run.push(`${idle.map((d) => d.name).join('、')}等${idle.length}个部门本期无办件。`);
  else run.push('本期各进驻部门均有办件。');
  const rated = hall.ratings.count;
  run.push(
    rated > 0
      ? `群众评价${rated}次，满意率${pct(hall.satisfactionRate)}；按时叫号率（服务达标率）${pct(hall.serviceLevel)}。`
      : `本期暂无群众评价；按时叫号率（服务达标率）${pct(hall.serviceLevelTickets > 0 ? hall.serviceLevel : null)}。`,
  );

  // 二、考核情况
  const assess: string[] = [];
  const windows = summary.rankings.windows.filter((r) => r.rank !== null).slice(0, TOP_RANKED);
  const stars = summary.rankings.clerks.filter((r) => r.rank !== null).slice(0, TOP_RANKED);
  assess.push(windows.length > 0 ? `优秀窗口：${windows.map((r) => `${r.name}（综合得分${r.score}）`).join('、')}。` : `本期无窗口达到排名所需的接待量（${summary.rankings.minVisits}人次），不评优秀窗口。`);
  assess.push(stars.length > 0 ? `服务标兵：${stars.map((r) => `${r.name}（综合得分${r.score}）`).join('、')}。` : `本期无工作人员达到排名所需的接待量（${summary.rankings.minVisits}人次），不评服务标兵。`);

  // 三、存在问题
  const problems: string[] = [];
  if (idle.length > 0) problems.push(`${idle.length}个部门本期无办件：${idle.map((d) => d.name).join('、')}。`);
  const neverStaffed = summary.zeroVolume.windows.filter((w) => !w.anyoneSignedIn);
  if (neverStaffed.length > 0) problems.push(`${neverStaffed.length}个窗口本期无人签到：${neverStaffed.map((w) => `${w.number}号窗口`).join('、')}。`);
  const absent = attendance.clerks.filter((c) => c.absentDays > 0).sort((a, b) => b.absentDays - a.absentDays);
  if (absent.length > 0) problems.push(`${absent.length}名工作人员有缺勤：${absent.map((c) => `${c.name}（${name(c.departmentId)}，${c.absentDays}天）`).join('、')}。`);
  const late = attendance.clerks.filter((c) => c.lateDays > 0).sort((a, b) => b.lateDays - a.lateDays);
  if (late.length > 0) problems.push(`${late.length}名工作人员有迟到：${late.map((c) => `${c.name}（${c.lateDays}次）`).join('、')}。`);
  if (reviews.overdue > 0) problems.push(`差评${reviews.badReviews}件，其中${reviews.overdue}件未在期限内办结。`);
  const slow = summary.services.filter((s) => !s.retired && s.serviceLevelTickets > 0 && s.serviceLevel < SERVICE_LEVEL_GOAL);
  if (slow.length > 0) problems.push(`${slow.length}个事项按时叫号率低于${pct(SERVICE_LEVEL_GOAL)}：${slow.map((s) => `${s.name}（${pct(s.serviceLevel)}）`).join('、')}。`);
  if (problems.length === 0) problems.push('本期未发现突出问题。');

  return {
    title: `${config.hall.name}运行情况通报（${period}）`,
    period: summary.period,
    sections: [
      { heading: '一、管理运行情况', paragraphs: run },
      { heading: '二、考核情况', paragraphs: assess },
      { heading: '三、存在问题', paragraphs: problems.map((p, i) => `（${'一二三四五六七八九十'[i] ?? i + 1}）${p}`) },
    ],
    attachments: [`服务统计_${summary.period.from}_${summary.period.to}.xlsx`, `考勤_${summary.period.from}_${summary.period.to}.xlsx`],
  };
}

/** The bulletin as Markdown. */
export function bulletinMarkdown(b: Bulletin): string {
  const lines = [`# ${b.title}`, ''];
  for (const s of b.sections) {
    lines.push(`## ${s.heading}`, '');
    for (const p of s.paragraphs) lines.push(p, '');
  }
  lines.push('## 附件', '');
  b.attachments.forEach((a, i) => lines.push(`${i + 1}. ${a}`));
  return `${lines.join('\n')}\n`;
}
