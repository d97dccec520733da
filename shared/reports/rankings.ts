import type { HallConfig } from '../config-schema.ts';
import type { AttendanceReport } from './attendance.ts';
import type { SummaryRow } from './summary.ts';

/**
 * 优秀窗口 and 服务标兵: windows and clerks ordered by a combined score in 0..100,
 *
 *   score = 100 × Σ weight_k × part_k ÷ Σ weight_k
 *
 * with the weights from the config (`rankings`) and each part in 0..1:
 *   volume        served ÷ the most served by any window (clerk) in the period
 *   satisfaction  satisfaction rate; with no ratings, the hall's rate (neither rewarded nor punished)
 *   serviceLevel  service level of the tickets it first called; with none, the hall's
 *   attendance    clerk: (days present − ½ late days − ½ early-leave days) ÷ working days;
 *                 window: share of working days on which someone signed in there
 * Ties go to the higher volume.
 *
 * Minimum volume: only a window (clerk) with at least `rankings.minVisits` served visits
 * (接待人次, default 20) in the period is ranked. The others keep their score for reference,
 * come after the ranked ones with `rank: null` (样本不足), most served first. A rate over three
 * visits says little: three ratings of 5 would otherwise outrank a clerk who served hundreds.
 * A minimum rather than shrinking each rate toward the hall's: it is one number a clerk can
 * be told, it covers every part at once, and the parts shown stay the rates the report shows.
 */

export interface RankRow {
  /** 1 for the best; null below the minimum volume (样本不足), not ranked. */
  rank: number | null;
  id: string;
  name: string;
  score: number;
  parts: { volume: number; satisfaction: number; serviceLevel: number; attendance: number };
  served: number;
}

export interface Rankings {
  /** Served visits needed to be ranked. */
  minVisits: number;
  windows: RankRow[];
  clerks: RankRow[];
}

/** A configuration stored before `minVisits` existed (another hall's, read from the database) ranks as it did then: everyone. */
export function minVisits(config: HallConfig): number {
  return config.rankings.minVisits ?? 0;
}

function rank(config: HallConfig, rows: Array<{ row: SummaryRow; attendance: number }>, hallSatisfaction: number, hallServiceLevel: number): RankRow[] {
  const w = config.rankings;
  const total = w.volume + w.satisfaction + w.serviceLevel + w.attendance || 1;
  const maxServed = Math.max(0, ...rows.map((r) => r.row.served));
  const scored = rows.map(({ row, attendance }): RankRow => {
    const parts = {
      volume: maxServed > 0 ? row.served / maxServed : 0,
      satisfaction: row.ratings.count > 0 ? row.satisfactionRate : hallSatisfaction,
      serviceLevel: row.serviceLevelTickets > 0 ? row.serviceLevel : hallServiceLevel,
      attendance: Math.max(0, Math.min(1, attendance)),
    };
    const score = (100 * (w.volume * parts.volume + w.satisfaction * parts.satisfaction + w.serviceLevel * parts.serviceLevel + w.attendance * parts.attendance)) / total;
    const round = (x: number) => Math.round(x * 10_000) / 10_000;
    return {
      rank: null,
      id: row.id,
      name: row.number !== undefined ? `${row.number} 号窗口 ${row.name}` : row.name,
      score: Math.round(score * 10) / 10,
      parts: { volume: round(parts.volume), satisfaction: round(parts.satisfaction), serviceLevel: round(parts.serviceLevel), attendance: round(parts.attendance) },
      served: row.served,
    };
  });
  const least = minVisits(config);
  const byId = (a: RankRow, b: RankRow) => (a.id < b.id ? -1 : 1);
  const ranked = scored.filter((r) => r.served >= least).sort((a, b) => b.score - a.score || b.served - a.served || byId(a, b));
  const few = scored.filter((r) => r.served < least).sort((a, b) => b.served - a.served || byId(a, b));
  ranked.forEach((r, i) => (r.rank = i + 1));
  return [...ranked, ...few];
}

function hallRates(rows: SummaryRow[]): { satisfaction: number; serviceLevel: number } {
  let good = 0;
  let ratings = 0;
  let met = 0;
  let tickets = 0;
  for (const r of rows) {
    ratings += r.ratings.count;
    good += r.ratings.byScore[3] + r.ratings.byScore[4] + r.ratings.byScore[5];
    met += r.serviceLevel * r.serviceLevelTickets;
    tickets += r.serviceLevelTickets;
  }
  return { satisfaction: ratings ? good / ratings : 0, serviceLevel: tickets ? met / tickets : 0 };
}

/** `staffedDays`: per window, the working days on which someone signed in there. */
export function rankWindows(config: HallConfig, rows: SummaryRow[], attendance: AttendanceReport, staffedDays: ReadonlyMap<string, ReadonlySet<string>>): RankRow[] {
  const hall = hallRates(rows);
  const working = attendance.workingDays;
  return rank(
    config,
    rows.map((row) => ({ row, attendance: working > 0 ? (staffedDays.get(row.id)?.size ?? 0) / working : 0 })),
    hall.satisfaction,
    hall.serviceLevel,
  );
}

export function rankClerks(config: HallConfig, rows: SummaryRow[], attendance: AttendanceReport): RankRow[] {
  const byId = new Map(attendance.clerks.map((a) => [a.staffId, a]));
  const hall = hallRates(rows);
  return rank(
    config,
    rows.map((row) => {
      const a = byId.get(row.id);
      const value = a && a.workingDays > 0 ? (a.presentDays - 0.5 * a.lateDays - 0.5 * a.earlyLeaveDays) / a.workingDays : 0;
      return { row, attendance: value };
    }),
    hall.satisfaction,
    hall.serviceLevel,
  );
}
