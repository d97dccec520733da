import type { HallConfig } from '../config-schema.ts';
import { isServed } from '../ticket-machine.ts';
import type { AttendanceEvent, CaseCompletion, Outcome, Ticket } from '../types.ts';
import { computeAttendance, type AttendanceReport } from './attendance.ts';
import { rankClerks, rankWindows, type RankRow } from './rankings.ts';
import { type Distribution, distribution, ratio } from './stats.ts';

/**
 * The period summary of SPEC §6, for the whole hall and per department, window, service
 * and clerk. Pure: the caller loads the business dates of the period.
 */

export interface ReportDay {
  businessDate: string;
  tickets: readonly Ticket[];
  attendance: readonly AttendanceEvent[];
  caseCompletions: readonly CaseCompletion[];
}

export interface Period {
  from: string;
  to: string;
}

export interface Figures {
  /** Tickets issued; not attributable to a window or a clerk (null there). */
  issued: number | null;
  calls: number;
  served: number;
  noShows: number;
  completed: number;
  accepted: number;
  consulted: number;
  rejected: number;
  transferred: number;
  cases: number;
  casesCompleted: number;
  completionRate: number;
  waitSeconds: Distribution;
  /** Tickets counted for the service level (denominator). */
  serviceLevelTickets: number;
  serviceLevel: number;
  serviceSeconds: Distribution;
  ratings: { byScore: Record<1 | 2 | 3 | 4 | 5, number>; count: number; ratedShare: number };
  satisfactionRate: number;
}

export interface SummaryRow extends Figures {
  id: string;
  name: string;
  departmentId?: string;
  number?: number;
  staffNo?: string;
}

export interface ZeroVolume {
  departments: Array<{ id: string; name: string; anyoneSignedIn: boolean }>;
  windows: Array<{ id: string; number: number; name: string; anyoneSignedIn: boolean }>;
}

export interface SummaryReport {
  period: Period;
  hall: Figures;
  departments: SummaryRow[];
  windows: SummaryRow[];
  services: SummaryRow[];
  clerks: SummaryRow[];
  zeroVolume: ZeroVolume;
  rankings: { windows: RankRow[]; clerks: RankRow[] };
}

class Accumulator {
  issued = 0;
  calls = 0;
  served = 0;
  noShows = 0;
  ends: Record<Outcome | 'transferred', number> = { completed: 0, accepted: 0, consulted: 0, rejected: 0, transferred: 0 };
  cases = 0;
  casesCompleted = 0;
  waits: number[] = [];
  slMet = 0;
  slTotal = 0;
  serviceTimes: number[] = [];
  scores: [number, number, number, number, number] = [0, 0, 0, 0, 0];

  figures(ticketLevel: boolean): Figures {
    const ratings = this.scores.reduce((a, b) => a + b, 0);
    return {
      issued: ticketLevel ? this.issued : null,
      calls: this.calls,
      served: this.served,
      noShows: this.noShows,
      ...this.ends,
      cases: this.cases,
      casesCompleted: this.casesCompleted,
      completionRate: ratio(this.casesCompleted, this.cases),
      waitSeconds: distribution(this.waits),
      serviceLevelTickets: this.slTotal,
      serviceLevel: ratio(this.slMet, this.slTotal),
      serviceSeconds: distribution(this.serviceTimes),
      ratings: {
        byScore: { 1: this.scores[0], 2: this.scores[1], 3: this.scores[2], 4: this.scores[3], 5: this.scores[4] },
        count: ratings,
        ratedShare: ratio(ratings, this.served),
      },
      satisfactionRate: ratio(this.scores[2] + this.scores[3] + this.scores[4], ratings),
    };
  }
}

class Groups {
  private readonly map = new Map<string, Accumulator>();
  get(id: string): Accumulator {
    let a = this.map.get(id);
    if (!a) this.map.set(id, (a = new Accumulator()));
    return a;
  }
  figures(id: string, ticketLevel: boolean): Figures {
    return (this.map.get(id) ?? new Accumulator()).figures(ticketLevel);
  }
}

export interface SummaryOptions {
  /** For a period that includes today: tickets still waiting count against the service level once past target. */
  now?: number;
}

export function computeSummary(config: HallConfig, days: readonly ReportDay[], period: Period, options: SummaryOptions = {}): SummaryReport {
  const serviceById = new Map(config.services.map((s) => [s.id, s]));
  const departmentOf = (serviceId: string) => serviceById.get(serviceId)?.departmentId ?? '';
  const hall = new Accumulator();
  const departments = new Groups();
  const windows = new Groups();
  const services = new Groups();
  const clerks = new Groups();

  const completedVisits = new Set<string>();
  for (const day of days) for (const c of day.caseCompletions) completedVisits.add(c.visitId);

  for (const day of days) {
    for (const t of day.tickets) {
      const issuedService = t.issuedServiceId;
      const first = t.visits[0];
      const ticketGroups = [hall, services.get(issuedService), departments.get(departmentOf(issuedService))];
      const firstCallGroups = first ? [windows.get(first.windowId), clerks.get(first.staffId)] : [];
      for (const g of ticketGroups) g.issued++;

      // Wait and service level are per ticket: window and clerk are those of the first call.
      const target = (serviceById.get(issuedService)?.targetWaitMinutes ?? 0) * 60;
      const wait = t.firstCalledAt !== undefined ? (t.firstCalledAt - t.issuedAt) / 1000 : undefined;
      const leftUncalledAfter = t.firstCalledAt === undefined ? ((t.cancelledAt ?? options.now ?? t.issuedAt) - t.issuedAt) / 1000 : undefined;
      for (const g of [...ticketGroups, ...firstCallGroups]) {
        if (wait !== undefined) {
          g.waits.push(wait);
          g.slTotal++;
          if (wait <= target) g.slMet++;
        } else if (leftUncalledAfter !== undefined && leftUncalledAfter > target) {
          // Never called and waited past the target (gave up, or the day closed): a miss.
          g.slTotal++;
        }
      }

      for (const v of t.visits) {
        const groups = [hall, departments.get(v.departmentId), windows.get(v.windowId), services.get(v.serviceId), clerks.get(v.staffId)];
        for (const g of groups) {
          g.calls++;
          if (v.end === 'no_show') g.noShows++;
          if (v.end && isServed(v.end)) {
            g.served++;
            g.ends[v.end as Outcome | 'transferred']++;
            g.serviceTimes.push((v.endedAt! - (v.startedAt ?? v.calledAt)) / 1000);
          }
          if (v.end === 'accepted' || v.end === 'completed') {
            g.cases++;
            if (v.end === 'completed' || completedVisits.has(v.id)) g.casesCompleted++;
          }
          if (v.rating) g.scores[v.rating.score - 1]++;
        }
      }
    }
  }

  const attendance = computeAttendance(config, days, period, options);
  const signedInWindows = new Set<string>();
  const signedInStaff = new Set<string>();
  for (const day of days)
    for (const e of day.attendance)
      if (e.kind === 'sign-in') {
        signedInWindows.add(e.windowId);
        signedInStaff.add(e.staffId);
      }

  const departmentRows = config.departments.map((d) => ({ id: d.id, name: d.name, ...departments.figures(d.id, true) }));
  const windowRows = config.windows.map((w) => ({ id: w.id, name: w.name, number: w.number, ...(w.departmentId ? { departmentId: w.departmentId } : {}), ...windows.figures(w.id, false) }));
  const serviceRows = config.services.map((s) => ({ id: s.id, name: s.name, departmentId: s.departmentId, ...services.figures(s.id, true) }));
  const clerkRows = config.staff
    .filter((s) => s.role === 'clerk' || clerks.figures(s.id, false).calls > 0)
    .map((s) => ({ id: s.id, name: s.name, staffNo: s.staffNo, departmentId: s.departmentId, ...clerks.figures(s.id, false) }));

  return {
    period,
    hall: hall.figures(true),
    departments: departmentRows,
    windows: windowRows,
    services: serviceRows,
    clerks: clerkRows,
    zeroVolume: {
      departments: departmentRows
        .filter((d) => d.served === 0)
        .map((d) => ({
          id: d.id,
          name: d.name,
          anyoneSignedIn:
            config.staff.some((s) => s.departmentId === d.id && signedInStaff.has(s.id)) || config.windows.some((w) => w.departmentId === d.id && signedInWindows.has(w.id)),
        })),
      windows: windowRows.filter((w) => w.served === 0).map((w) => ({ id: w.id, number: w.number!, name: w.name, anyoneSignedIn: signedInWindows.has(w.id) })),
    },
    rankings: {
      windows: rankWindows(config, windowRows, attendance, days),
      clerks: rankClerks(config, clerkRows, attendance),
    },
  };
}

export type { AttendanceReport };
