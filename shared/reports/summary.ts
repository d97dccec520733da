import type { HallConfig, ServiceConfig } from '../config-schema.ts';
import { isWorkingDay } from '../time.ts';
import { END_COUNT, type DayFigures, type DurationColumns, isFigures, pendingCaseIds, SCORE_COUNT } from './day-figures.ts';
import { END, servedCode, type DayFacts } from './facts.ts';
import { AttendanceBuilder, type AttendanceReport } from './attendance.ts';
import { minVisits, rankClerks, rankWindows, type Rankings } from './rankings.ts';
import { Durations, ratio } from './stats.ts';
import type { Distribution } from './stats.ts';
import type { RetiredConfig } from '../types.ts';

/**
 * The period summary of SPEC §6, for the whole hall and per department, window, service
 * and clerk. Pure: the caller loads the business dates of the period.
 */

/** A business date as the reports read it: its visits (the live day, one day's detail) or its kept figures (a closed day). */
export type ReportDay = DayFacts | DayFigures;

export interface Period {
  from: string;
  to: string;
}

export interface Figures {
  /** Tickets issued; not attributable to a window or a clerk (null there). */
  issued: number | null;
  calls: number;
  /** 接待人次: visits ended by finish or transfer (SPEC §6), so a transferred ticket counts at each window that received it. */
  served: number;
  /**
   * 接待人数: tickets with at least one served visit here, so each citizen counts once however
   * many windows a transfer took them to. Per department, service, window or clerk it is the
   * tickets that one received: a ticket transferred between two departments counts in each.
   */
  ticketsServed: number;
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
  /** Removed from the configuration since; listed because it worked in the period. */
  retired?: boolean;
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
  rankings: Rankings;
}

class Accumulator {
  issued = 0;
  calls = 0;
  served = 0;
  ticketsServed = 0;
  /** The last ticket counted in ticketsServed: a ticket's visits come one after another (see DayFacts). */
  private lastTicket = -1;
  noShows = 0;
  ends = [0, 0, 0, 0, 0, 0, 0, 0];
  cases = 0;
  casesCompleted = 0;
  waits = new Durations();
  slMet = 0;
  slTotal = 0;
  serviceTimes = new Durations();
  scores = [0, 0, 0, 0, 0, 0];

  addWait(ms: number, met: boolean): void {
    this.waits.add(ms);
    this.slTotal++;
    if (met) this.slMet++;
  }

  /**
   * `ticket`: the visit's ticket, unique within the builder; `serviceMs` NaN: not served;
   * `caseDone` < 0: not a case, else 1 when completed.
   */
  addVisit(ticket: number, end: number, serviceMs: number, caseDone: number, score: number): void {
    this.calls++;
    this.ends[end]++;
    if (end === END.noShow) this.noShows++;
    if (serviceMs === serviceMs) {
      this.served++;
      this.serviceTimes.add(serviceMs);
      if (ticket !== this.lastTicket) {
        this.ticketsServed++;
        this.lastTicket = ticket;
      }
    }
    if (caseDone >= 0) {
      this.cases++;
      this.casesCompleted += caseDone;
    }
    this.scores[score]++;
  }

  /** A kept ticket group's period total (see TicketTotal): `met` and `missed` already compared with the target. */
  addTicketTotal(issued: number, waits: Durations, pairs: Int32Array, met: number, missed: number): void {
    this.issued += issued;
    this.waits.mergeSet(waits, pairs);
    this.slTotal += waits.n + missed;
    this.slMet += met;
  }

  /** A kept visit group's period total (see VisitTotal). */
  addVisitTotal(t: VisitTotal, pairs: Int32Array): void {
    for (let e = 0; e < END_COUNT; e++) {
      this.ends[e] += t.ends[e];
      this.calls += t.ends[e];
      if (servedCode(e)) this.served += t.ends[e];
    }
    this.noShows += t.ends[END.noShow];
    this.cases += t.cases;
    this.casesCompleted += t.casesCompleted;
    for (let sc = 0; sc < SCORE_COUNT; sc++) this.scores[sc] += t.scores[sc];
    this.serviceTimes.mergeSet(t.serviceTimes, pairs);
  }

  /** Another accumulator's sums (another hall's, for a network's total). */
  addAccumulator(o: Accumulator): void {
    this.issued += o.issued;
    this.calls += o.calls;
    this.served += o.served;
    this.ticketsServed += o.ticketsServed;
    this.noShows += o.noShows;
    for (let e = 0; e < END_COUNT; e++) this.ends[e] += o.ends[e];
    this.cases += o.cases;
    this.casesCompleted += o.casesCompleted;
    this.waits.mergeSet(o.waits);
    this.slMet += o.slMet;
    this.slTotal += o.slTotal;
    this.serviceTimes.mergeSet(o.serviceTimes);
    for (let sc = 0; sc < SCORE_COUNT; sc++) this.scores[sc] += o.scores[sc];
  }

  /** A visit counted unrated is rated after its day closed. */
  rateLater(score: number): void {
    this.scores[0]--;
    this.scores[score]++;
  }

  figures(ticketLevel: boolean): Figures {
    const s = this.scores;
    const ratings = s[1] + s[2] + s[3] + s[4] + s[5];
    return {
      issued: ticketLevel ? this.issued : null,
      calls: this.calls,
      served: this.served,
      ticketsServed: this.ticketsServed,
      noShows: this.noShows,
      completed: this.ends[END.completed],
      accepted: this.ends[END.accepted],
      consulted: this.ends[END.consulted],
      rejected: this.ends[END.rejected],
      transferred: this.ends[END.transferred],
      cases: this.cases,
      casesCompleted: this.casesCompleted,
      completionRate: ratio(this.casesCompleted, this.cases),
      waitSeconds: this.waits.distribution(),
      serviceLevelTickets: this.slTotal,
      serviceLevel: ratio(this.slMet, this.slTotal),
      serviceSeconds: this.serviceTimes.distribution(),
      ratings: { byScore: { 1: s[1], 2: s[2], 3: s[3], 4: s[4], 5: s[5] }, count: ratings, ratedShare: ratio(ratings, this.served) },
      satisfactionRate: ratio(s[3] + s[4] + s[5], ratings),
    };
  }
}

/** Accumulators by id, and per day an array from the day's dictionary index to them. */
class Groups {
  private readonly map = new Map<string, Accumulator>();
  get(id: string): Accumulator {
    let a = this.map.get(id);
    if (!a) this.map.set(id, (a = new Accumulator()));
    return a;
  }
  forDay(ids: readonly string[]): Accumulator[] {
    return ids.map((id) => this.get(id));
  }
  figures(id: string, ticketLevel: boolean): Figures {
    return (this.map.get(id) ?? new Accumulator()).figures(ticketLevel);
  }
}

/**
 * A kept ticket group (see TicketGroups) summed over the period's closed days: the same
 * service, first window and first clerk on any day. Its figures reach the accumulators it
 * feeds once, when the report is made, not once a day: a year's histograms are merged
 * once per day instead of once per breakdown, and the target is compared once.
 */
class TicketTotal {
  issued = 0;
  /** Tickets never called nor cancelled, past the target (history brought from elsewhere). */
  missed = 0;
  readonly waits = new Durations();
  readonly gaveUp = new Durations();
  constructor(
    readonly serviceId: string,
    /** Hall, service and department: they count the tickets issued. */
    readonly issuedTo: Accumulator[],
    /** First window and first clerk. */
    readonly calledTo: Accumulator[],
  ) {}
}

/** A kept visit group (see VisitGroups) summed over the period's closed days, likewise. */
class VisitTotal {
  readonly ends: number[] = new Array(END_COUNT).fill(0);
  cases = 0;
  casesCompleted = 0;
  readonly scores: number[] = new Array(SCORE_COUNT).fill(0);
  readonly serviceTimes = new Durations();
  constructor(readonly feeds: Accumulator[]) {}
}

export interface SummaryOptions {
  /** For a period that includes today: tickets still waiting count against the service level once past target. */
  now?: number;
  /** What the configuration has removed: those that worked in the period keep their rows, named as they were. */
  retired?: RetiredConfig;
}

/**
 * Accumulates a period day by day, so a year never has to be in memory at once. Days must
 * come latest first: a case accepted on one day is completed on that day or a later one,
 * so its completion has been seen by the time its visit is counted.
 */
export class SummaryBuilder {
  private readonly serviceById: Map<string, ServiceConfig>;
  private readonly hall = new Accumulator();
  private readonly departments = new Groups();
  private readonly windows = new Groups();
  private readonly services = new Groups();
  private readonly clerks = new Groups();
  /** Stands in for "no first call", so the hot loop needs no branches. */
  private readonly none = new Accumulator();
  /** Closed days' kept groups by their ids, summed over the period (see TicketTotal). */
  private readonly ticketTotals = new Map<string, TicketTotal>();
  private readonly visitTotals = new Map<string, VisitTotal>();
  private readonly completedVisits = new Set<string>();
  /** The days whose cases those completed: a kept day's open cases are read only when it is one. */
  private readonly completedAcceptedDates = new Set<string>();
  private readonly signedInWindows = new Set<string>();
  private readonly signedInStaff = new Set<string>();
  private readonly staffedDays = new Map<string, Set<string>>();
  private readonly attendance: AttendanceBuilder;
  private lastDate = '\uffff';
  /** Tickets of the days added so far: a day's ticket index plus this is unique in the builder. */
  private ticketBase = 0;

  constructor(
    private readonly config: HallConfig,
    private readonly period: Period,
    private readonly options: SummaryOptions = {},
  ) {
    this.serviceById = new Map(config.services.map((s) => [s.id, s]));
    this.attendance = new AttendanceBuilder(config, period, options);
  }

  add(day: ReportDay): void {
    // Equal dates are several halls' same day (a network total).
    if (day.businessDate > this.lastDate) throw new Error('SummaryBuilder: add days latest first');
    this.lastDate = day.businessDate;
    this.attendance.add(day);
    for (const c of isFigures(day) ? day.laterCompletions : day.caseCompletions) {
      this.completedVisits.add(c.visitId);
      this.completedAcceptedDates.add(c.acceptedDate);
    }
    const working = isWorkingDay(this.config.hall, day.businessDate);
    for (const e of day.attendance) {
      if (e.kind !== 'sign-in') continue;
      this.signedInWindows.add(e.windowId);
      this.signedInStaff.add(e.staffId);
      if (!working) continue;
      const days = this.staffedDays.get(e.windowId) ?? new Set<string>();
      days.add(day.businessDate);
      this.staffedDays.set(e.windowId, days);
    }
    if (isFigures(day)) {
      this.addTicketGroups(day);
      this.addVisitGroups(day);
    } else {
      this.addTickets(day);
      this.addVisits(day);
      this.ticketBase += day.t.service.length;
    }
    for (const r of day.lateRatings ?? []) {
      for (const a of [this.hall, this.departments.get(r.departmentId), this.windows.get(r.windowId), this.services.get(r.serviceId), this.clerks.get(r.staffId)]) a.rateLater(r.rating.score);
    }
  }

  /** Target wait of each of the day's services, in whole seconds, as configured now. */
  private targets(day: ReportDay): number[] {
    return day.services.map((id) => (this.serviceById.get(id)?.targetWaitMinutes ?? 0) * 60);
  }

  private addTickets(day: DayFacts): void {
    const { t } = day;
    const { hall, none } = this;
    const svc = this.services.forDay(day.services);
    const svcDept = this.departments.forDay(day.services.map((id) => this.serviceById.get(id)?.departmentId ?? ''));
    const win = this.windows.forDay(day.windows);
    const stf = this.clerks.forDay(day.staff);
    const target = this.targets(day);
    const now = this.options.now;
    for (let i = 0; i < t.service.length; i++) {
      const s = t.service[i];
      const byService = svc[s];
      const byDepartment = svcDept[s];
      // Wait and service level are per ticket: window and clerk are those of the first call.
      const byWindow = t.firstWindow[i] >= 0 ? win[t.firstWindow[i]] : none;
      const byClerk = t.firstStaff[i] >= 0 ? stf[t.firstStaff[i]] : none;
      hall.issued++;
      byService.issued++;
      byDepartment.issued++;
      const called = t.firstCalledAt[i];
      if (called === called) {
        const wait = called - t.issuedAt[i];
        const met = wait <= target[s] * 1000;
        hall.addWait(wait, met);
        byService.addWait(wait, met);
        byDepartment.addWait(wait, met);
        byWindow.addWait(wait, met);
        byClerk.addWait(wait, met);
      } else {
        // Never called: a miss once it waited past the target (gave up, or the day closed).
        const cancelled = t.cancelledAt[i];
        const left = cancelled === cancelled ? cancelled : (now ?? t.issuedAt[i]);
        if (left - t.issuedAt[i] > target[s] * 1000) {
          hall.slTotal++;
          byService.slTotal++;
          byDepartment.slTotal++;
          byWindow.slTotal++;
          byClerk.slTotal++;
        }
      }
    }
  }

  private addVisits(day: DayFacts): void {
    const { v } = day;
    const { hall } = this;
    const svc = this.services.forDay(day.services);
    const win = this.windows.forDay(day.windows);
    const stf = this.clerks.forDay(day.staff);
    const dept = this.departments.forDay(day.departments);
    for (let j = 0; j < v.ticket.length; j++) {
      const end = v.end[j];
      const started = v.startedAt[j];
      const ms = servedCode(end) ? v.endedAt[j] - (started === started ? started : v.calledAt[j]) : Number.NaN;
      const caseDone = end === END.completed ? 1 : end === END.accepted ? (v.caseKey[j] >= 0 && this.completedVisits.has(day.caseVisitIds[v.caseKey[j]]) ? 1 : 0) : -1;
      const score = v.score[j];
      const ticket = this.ticketBase + v.ticket[j];
      hall.addVisit(ticket, end, ms, caseDone, score);
      dept[v.department[j]].addVisit(ticket, end, ms, caseDone, score);
      win[v.window[j]].addVisit(ticket, end, ms, caseDone, score);
      svc[v.service[j]].addVisit(ticket, end, ms, caseDone, score);
      stf[v.staff[j]].addVisit(ticket, end, ms, caseDone, score);
    }
  }

  private ticketTotal(serviceId: string, windowId: string | undefined, staffId: string | undefined): TicketTotal {
    const key = `${serviceId}\n${windowId ?? ''}\n${staffId ?? ''}`;
    let t = this.ticketTotals.get(key);
    if (!t) {
      const department = this.departments.get(this.serviceById.get(serviceId)?.departmentId ?? '');
      const called = [windowId === undefined ? this.none : this.windows.get(windowId), staffId === undefined ? this.none : this.clerks.get(staffId)];
      this.ticketTotals.set(key, (t = new TicketTotal(serviceId, [this.hall, this.services.get(serviceId), department], called)));
    }
    return t;
  }

  private visitTotal(departmentId: string, windowId: string, serviceId: string, staffId: string): VisitTotal {
    const key = `${departmentId}\n${windowId}\n${serviceId}\n${staffId}`;
    let t = this.visitTotals.get(key);
    if (!t) this.visitTotals.set(key, (t = new VisitTotal([this.hall, this.departments.get(departmentId), this.windows.get(windowId), this.services.get(serviceId), this.clerks.get(staffId)])));
    return t;
  }

  /** A closed day's kept ticket groups, added to the period's (see TicketTotal). */
  private addTicketGroups(day: DayFigures): void {
    const g = day.tickets;
    const { pairs } = day;
    const totals: TicketTotal[] = [];
    for (let row = 0; row < g.service.length; row++) {
      totals.push(this.ticketTotal(day.services[g.service[row]], g.window[row] >= 0 ? day.windows[g.window[row]] : undefined, g.staff[row] >= 0 ? day.staff[g.staff[row]] : undefined));
    }
    const now = this.options.now;
    if (now !== undefined && g.unresolvedGroup.length > 0) {
      const target = this.targets(day);
      for (let i = 0; i < g.unresolvedGroup.length; i++) {
        const row = g.unresolvedGroup[i];
        if (now - g.unresolvedIssuedAt[i] > target[g.service[row]] * 1000) totals[row].missed++;
      }
    }
    for (let row = 0; row < totals.length; row++) {
      const t = totals[row];
      t.issued += g.issued[row];
      t.waits.merge(g.wait.n[row], g.wait.sumMs[row], g.wait.maxMs[row], pairs, g.wait.from[row], g.wait.to[row]);
      t.gaveUp.merge(g.gaveUp.n[row], g.gaveUp.sumMs[row], g.gaveUp.maxMs[row], pairs, g.gaveUp.from[row], g.gaveUp.to[row]);
    }
  }

  /** A closed day's kept visit groups (see VisitTotal), its 接待人数, and its open cases completed later in the period. */
  private addVisitGroups(day: DayFigures): void {
    const g = day.visits;
    const { pairs } = day;
    const totals: VisitTotal[] = [];
    for (let row = 0; row < g.department.length; row++) {
      const t = this.visitTotal(day.departments[g.department[row]], day.windows[g.window[row]], day.services[g.service[row]], day.staff[g.staff[row]]);
      totals.push(t);
      for (let e = 0; e < END_COUNT; e++) t.ends[e] += g.ends[row * END_COUNT + e];
      t.cases += g.cases[row];
      t.casesCompleted += g.casesCompleted[row];
      for (let sc = 0; sc < SCORE_COUNT; sc++) t.scores[sc] += g.scores[row * SCORE_COUNT + sc];
      const st = g.serviceTime;
      t.serviceTimes.merge(st.n[row], st.sumMs[row], st.maxMs[row], pairs, st.from[row], st.to[row]);
    }
    if (this.completedAcceptedDates.has(day.businessDate)) {
      pendingCaseIds(day).forEach((id, i) => {
        if (this.completedVisits.has(id)) totals[day.pendingCases.group[i]].casesCompleted++;
      });
    }
    const served = day.ticketsServed;
    this.hall.ticketsServed += served.hall;
    const count = (groups: Groups, ids: readonly string[], n: Int32Array) => n.forEach((x, i) => x > 0 && (groups.get(ids[i]).ticketsServed += x));
    count(this.departments, day.departments, served.departments);
    count(this.windows, day.windows, served.windows);
    count(this.services, day.services, served.services);
    count(this.clerks, day.staff, served.staff);
  }

  /** The period's kept groups, into every breakdown they feed: once, whatever the period's length. */
  private addTotals(): void {
    for (const t of this.ticketTotals.values()) {
      const target = (this.serviceById.get(t.serviceId)?.targetWaitMinutes ?? 0) * 60;
      const met = t.waits.atMost(target);
      const missed = t.missed + t.gaveUp.n - t.gaveUp.atMost(target);
      const pairs = t.waits.flatPairs();
      for (const a of t.issuedTo) a.addTicketTotal(t.issued, t.waits, pairs, met, missed);
      for (const a of t.calledTo) a.addTicketTotal(0, t.waits, pairs, met, missed);
    }
    for (const t of this.visitTotals.values()) {
      const pairs = t.serviceTimes.flatPairs();
      for (const a of t.feeds) a.addVisitTotal(t, pairs);
    }
    this.ticketTotals.clear();
    this.visitTotals.clear();
  }

  /**
   * The whole-hall figures of several halls' builders together (a network's total): each
   * hall's tickets measured against its own targets.
   */
  static hallsTogether(builders: readonly SummaryBuilder[]): Figures {
    const total = new Accumulator();
    for (const b of builders) {
      b.addTotals();
      total.addAccumulator(b.hall);
    }
    return total.figures(true);
  }

  result(): SummaryReport {
    this.addTotals();
    const { config } = this;
    const attendance = this.attendance.result();
    const departmentRows = config.departments.map((d) => ({ id: d.id, name: d.name, ...this.departments.figures(d.id, true) }));
    const windowRows = config.windows.map((w) => ({ id: w.id, name: w.name, number: w.number, ...(w.departmentId ? { departmentId: w.departmentId } : {}), ...this.windows.figures(w.id, false) }));
    const serviceRows = config.services.map((s) => ({ id: s.id, name: s.name, departmentId: s.departmentId, ...this.services.figures(s.id, true) }));
    const clerkRows = config.staff
      .filter((s) => s.role === 'clerk' || this.clerks.figures(s.id, false).calls > 0)
      .map((s) => ({ id: s.id, name: s.name, staffNo: s.staffNo, departmentId: s.departmentId, ...this.clerks.figures(s.id, false) }));
    // Removed since, but worked in the period: listed after the others, never in 零办件 or the rankings.
    const retired = this.options.retired;
    const worked = <T extends { calls: number }>(rows: T[]) => rows.filter((r) => r.calls > 0).map((r) => ({ ...r, retired: true }));
    return {
      period: this.period,
      hall: this.hall.figures(true),
      departments: [...departmentRows, ...worked((retired?.departments ?? []).map((d) => ({ id: d.id, name: d.name, ...this.departments.figures(d.id, true) })))],
      windows: [...windowRows, ...worked((retired?.windows ?? []).map((w) => ({ id: w.id, name: w.name, number: w.number, ...(w.departmentId ? { departmentId: w.departmentId } : {}), ...this.windows.figures(w.id, false) })))],
      services: [...serviceRows, ...worked((retired?.services ?? []).map((x) => ({ id: x.id, name: x.name, departmentId: x.departmentId, ...this.services.figures(x.id, true) })))],
      clerks: [...clerkRows, ...worked((retired?.staff ?? []).map((x) => ({ id: x.id, name: x.name, staffNo: x.staffNo, departmentId: x.departmentId, ...this.clerks.figures(x.id, false) })))],
      zeroVolume: {
        departments: departmentRows
          .filter((d) => d.served === 0)
          .map((d) => ({
            id: d.id,
            name: d.name,
            anyoneSignedIn:
              config.staff.some((s) => s.departmentId === d.id && this.signedInStaff.has(s.id)) ||
              config.windows.some((w) => w.departmentId === d.id && this.signedInWindows.has(w.id)),
          })),
        windows: windowRows.filter((w) => w.served === 0).map((w) => ({ id: w.id, number: w.number!, name: w.name, anyoneSignedIn: this.signedInWindows.has(w.id) })),
      },
      rankings: {
        minVisits: minVisits(config),
        windows: rankWindows(config, windowRows, attendance, this.staffedDays),
        clerks: rankClerks(config, clerkRows, attendance),
      },
    };
  }
}

export function computeSummary(config: HallConfig, days: readonly ReportDay[], period: Period, options: SummaryOptions = {}): SummaryReport {
  const builder = new SummaryBuilder(config, period, options);
  for (const day of [...days].sort((a, b) => (a.businessDate < b.businessDate ? 1 : -1))) builder.add(day);
  return builder.result();
}

export type { AttendanceReport };
