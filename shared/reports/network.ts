import type { AttendanceReport } from './attendance.ts';
import type { Figures, SummaryReport } from './summary.ts';

/** Reports over every hall of a database (SPEC §9, `scope=network`). */

export interface NetworkSummary {
  scope: 'network';
  period: { from: string; to: string };
  /** Each hall's report as its own managers see it. */
  halls: Array<{ hallId: string; name: string } & SummaryReport>;
  /** The network's figures: counts are the halls' sums; medians and rates are over every visit. */
  total: Figures;
}

export interface NetworkAttendance {
  scope: 'network';
  period: { from: string; to: string };
  halls: Array<{ hallId: string; name: string } & AttendanceReport>;
}
