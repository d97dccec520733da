import { describe, expect, it } from 'vitest';
import { ConfigError } from '../server/config.ts';
import type { HallConfig } from '../shared/config-schema.ts';
import type { AttendanceReport, AttendanceRow } from '../shared/reports/attendance.ts';
import { rankClerks, rankWindows } from '../shared/reports/rankings.ts';
import { distribution } from '../shared/reports/stats.ts';
import type { SummaryRow } from '../shared/reports/summary.ts';
import { testConfig } from './support/config.ts';

/**
 * The rankings' minimum volume (shared/reports/rankings.ts): a window or clerk with fewer
 * than `rankings.minVisits` served visits in the period is not ranked (样本不足).
 * Rows are made by hand; the scores are worked out in the comments.
 */

const WORKING_DAYS = 22;

interface Clerk {
  id: string;
  served: number;
  /** Ratings of 3–5 and of 1–2. */
  good: number;
  bad: number;
  /** Tickets first called within their target, of all it first called. */
  met: number;
  tickets: number;
  presentDays: number;
}

function summaryRow(c: Clerk): SummaryRow {
  const ratings = c.good + c.bad;
  return {
    id: c.id,
    name: c.id,
    issued: null,
    calls: c.served,
    served: c.served,
    ticketsServed: c.served,
    noShows: 0,
    completed: c.served,
    accepted: 0,
    consulted: 0,
    rejected: 0,
    transferred: 0,
    cases: c.served,
    casesCompleted: c.served,
    completionRate: c.served > 0 ? 1 : 0,
    waitSeconds: distribution([]),
    serviceLevelTickets: c.tickets,
    serviceLevel: c.tickets > 0 ? c.met / c.tickets : 0,
    serviceSeconds: distribution([]),
    ratings: { byScore: { 1: c.bad, 2: 0, 3: 0, 4: 0, 5: c.good }, count: ratings, ratedShare: c.served > 0 ? ratings / c.served : 0 },
    satisfactionRate: ratings > 0 ? c.good / ratings : 0,
  };
}

function attendanceRow(c: Clerk): AttendanceRow {
  const none = { count: 0, minutes: 0 };
  return {
    staffId: c.id,
    staffNo: c.id,
    name: c.id,
    departmentId: 'scjg',
    workingDays: WORKING_DAYS,
    presentDays: c.presentDays,
    lateDays: 0,
    earlyLeaveDays: 0,
    missingSignOutDays: 0,
    absentDays: WORKING_DAYS - c.presentDays,
    leaveDays: 0,
    leaveByKind: { personal: 0, sick: 0, annual: 0, business: 0 },
    pauses: { break: none, leave: none, meeting: none, other: none },
    dutyMinutes: 0,
    idleMinutes: 0,
    visitsServed: c.served,
    days: [],
  };
}

function rank(config: HallConfig, clerks: Clerk[]) {
  const attendance: AttendanceReport = { period: { from: '2026-12-01', to: '2026-12-31' }, workingDays: WORKING_DAYS, clerks: clerks.map(attendanceRow) };
  return rankClerks(config, clerks.map(summaryRow), attendance).map((r) => ({ id: r.id, rank: r.rank, score: r.score }));
}

const withMinimum = (minVisits: number) =>
  testConfig((c) => {
    c.rankings = { minVisits };
  });

/** A month in which the busiest clerk had a bad time of it, and a colleague took three citizens between other work. */
const busy: Clerk = { id: 'busy', served: 24, good: 2, bad: 4, met: 5, tickets: 24, presentDays: WORKING_DAYS };
const three: Clerk = { id: 'three', served: 3, good: 3, bad: 0, met: 3, tickets: 3, presentDays: WORKING_DAYS };

describe('rankings need a minimum volume', () => {
  it('ranks from 20 served visits unless the hall says otherwise, and refuses a minimum that is not a whole number ≥ 0', () => {
    expect(testConfig().rankings).toEqual({ volume: 0.4, satisfaction: 0.3, serviceLevel: 0.2, attendance: 0.1, minVisits: 20 });
    expect(withMinimum(5).rankings).toMatchObject({ volume: 0.4, minVisits: 5 });
    for (const bad of [-1, 2.5, '20']) {
      expect(() => testConfig((c) => (c.rankings = { minVisits: bad as number }))).toThrow(ConfigError);
      expect(() => testConfig((c) => (c.rankings = { minVisits: bad as number }))).toThrow(/rankings\.minVisits/);
    }
  });

  it('does not put a clerk with three visits, all rated 5, at the top', () => {
    // Default weights 0.4 volume, 0.3 satisfaction, 0.2 service level, 0.1 attendance; volume = served ÷ 24.
    // busy:  0.4×1     + 0.3×(2/6) + 0.2×(5/24) + 0.1×1 = 0.4 + 0.1 + 0.0417 + 0.1 = 0.6417 → 64.2
    // three: 0.4×(3/24) + 0.3×1   + 0.2×1      + 0.1×1 = 0.05 + 0.3 + 0.2 + 0.1    = 0.65   → 65.0
    // Without the minimum, three would be 服务标兵 on three visits; with it only busy is ranked.
    expect(rank(testConfig(), [three, busy])).toEqual([
      { id: 'busy', rank: 1, score: 64.2 },
      { id: 'three', rank: null, score: 65 },
    ]);
    // With no minimum (0) the combined score alone decides, as before.
    expect(rank(withMinimum(0), [three, busy]).map((r) => [r.id, r.rank])).toEqual([
      ['three', 1],
      ['busy', 2],
    ]);
  });

  it('ranks nobody in a period too quiet for anyone to reach the minimum', () => {
    const quiet = [{ ...busy, served: 8, tickets: 8, met: 2 }, three];
    expect(rank(testConfig(), quiet).map((r) => [r.id, r.rank])).toEqual([
      ['busy', null],
      ['three', null],
    ]);
  });

  it('ranks one at the minimum exactly and not one a visit short; the unranked follow, the most served first', () => {
    const clerk = (id: string, served: number): Clerk => ({ id, served, good: served, bad: 0, met: served, tickets: served, presentDays: WORKING_DAYS });
    const rows = rank(withMinimum(10), [clerk('nine', 9), clerk('ten', 10), clerk('two', 2), clerk('twelve', 12), clerk('none', 0)]);
    expect(rows.map((r) => [r.id, r.rank])).toEqual([
      ['twelve', 1],
      ['ten', 2],
      ['nine', null],
      ['two', null],
      ['none', null],
    ]);
  });

  it('holds windows to the same minimum', () => {
    const config = withMinimum(10);
    const windows = [
      { ...summaryRow({ ...three, id: 'w1' }), number: 1 },
      { ...summaryRow({ ...busy, id: 'w2', served: 10, tickets: 10 }), number: 2 },
    ];
    const attendance: AttendanceReport = { period: { from: '2026-12-01', to: '2026-12-31' }, workingDays: WORKING_DAYS, clerks: [] };
    const staffed = new Map([
      ['w1', new Set(['2026-12-01'])],
      ['w2', new Set(['2026-12-01'])],
    ]);
    expect(rankWindows(config, windows, attendance, staffed).map((r) => [r.id, r.rank, r.served])).toEqual([
      ['w2', 1, 10],
      ['w1', null, 3],
    ]);
  });
});
