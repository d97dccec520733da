import type { AttendanceEvent, LateRating } from '../types.ts';
import { Dictionary, END, type DayFacts } from './facts.ts';
import { Durations } from './stats.ts';

/**
 * A closed business date's report figures, kept so that any period adds them up without
 * reading its visits again: counts, millisecond sums and whole-second histograms (see
 * Durations), grouped finely enough that every breakdown of SPEC §6 is a sum of groups.
 *
 * Nothing here depends on the configuration, which may change after the day closed:
 * tickets are grouped by (service, first window, first clerk), so the report adds them to
 * a department and compares waits with a target as configured when it runs; visits are
 * grouped by (department, window, service, clerk) as they were recorded. What is not a
 * sum of groups is kept as it is: 接待人数 per breakdown (a ticket counts once in each),
 * attendance events, and the accepted cases still open at the close, by visit id, for a
 * later day of the period to complete.
 */
export interface DayFigures {
  kind: 'figures';
  businessDate: string;
  services: string[];
  windows: string[];
  staff: string[];
  departments: string[];
  attendance: AttendanceEvent[];
  /** Cases accepted on an earlier day that this day completed. */
  laterCompletions: Array<{ visitId: string; acceptedDate: string }>;
  /**
   * Accepted visits of this day not completed by its close: their visit ids as UTF-8, one
   * per line (decoded only for a period in which a later day completed one of this day's
   * cases, see pendingCaseIds), and their visit groups.
   */
  pendingCases: { ids: Uint8Array; group: Int32Array };
  /** Phone ratings given after the day closed (not in the groups' scores). */
  lateRatings?: readonly LateRating[];
  tickets: TicketGroups;
  visits: VisitGroups;
  /** 接待人数 of the day: the whole hall, and per index of each dictionary. */
  ticketsServed: { hall: number; departments: Int32Array; windows: Int32Array; services: Int32Array; staff: Int32Array };
  /** Every histogram's (second, count) pairs; each group holds a range [from, to). */
  pairs: Int32Array;
}

export interface DurationColumns {
  n: Int32Array;
  sumMs: Float64Array;
  maxMs: Float64Array;
  from: Int32Array;
  to: Int32Array;
}

/** Tickets by (service as issued, window and clerk of the first call, -1 if never called). */
export interface TicketGroups {
  service: Int32Array;
  window: Int32Array;
  staff: Int32Array;
  issued: Int32Array;
  /** First call − issue. */
  wait: DurationColumns;
  /** Cancelled before any call: cancel − issue, to compare with the target (no `n`/sums needed, kept alike). */
  gaveUp: DurationColumns;
  /** Never called nor cancelled (history brought from elsewhere): group and issue time. */
  unresolvedGroup: Int32Array;
  unresolvedIssuedAt: Float64Array;
}

/** Visits by (department, window, service, clerk) as recorded on the visit. */
export interface VisitGroups {
  department: Int32Array;
  window: Int32Array;
  service: Int32Array;
  staff: Int32Array;
  /** Visits by END code, END_CODES.length per group. */
  ends: Int32Array;
  cases: Int32Array;
  /** Of the cases, completed on this day (completed ones, and accepted ones done before the close). */
  casesCompleted: Int32Array;
  /** Visits by score 0 (unrated) to 5, six per group. */
  scores: Int32Array;
  /** Served visits: end − (start or call). */
  serviceTime: DurationColumns;
  /** Sum of end − call over ended visits, for attendance's idle time. */
  busyMs: Float64Array;
}

export const END_COUNT = 8;
export const SCORE_COUNT = 6;

export function pendingCaseIds(day: DayFigures): string[] {
  return day.pendingCases.group.length === 0 ? [] : new TextDecoder().decode(day.pendingCases.ids).split('\n');
}

export function isFigures(day: DayFacts | DayFigures): day is DayFigures {
  return (day as DayFigures).kind === 'figures';
}

/** The groups of one kind, numbered in the order met, each keyed by its dictionary indexes. */
class GroupIndex {
  private readonly ids = new Dictionary();
  readonly keys: number[][] = [];
  row(key: number[]): number {
    const r = this.ids.id(key.join(','));
    if (r === this.keys.length) this.keys.push(key);
    return r;
  }
  column(i: number): Int32Array {
    return Int32Array.from(this.keys, (k) => k[i]);
  }
}

class DurationSets {
  readonly sets: Durations[] = [];
  at(row: number): Durations {
    while (this.sets.length <= row) this.sets.push(new Durations());
    return this.sets[row];
  }
  columns(rows: number, pairs: number[]): DurationColumns {
    const c: DurationColumns = { n: new Int32Array(rows), sumMs: new Float64Array(rows), maxMs: new Float64Array(rows), from: new Int32Array(rows), to: new Int32Array(rows) };
    for (let r = 0; r < rows; r++) {
      const d = this.sets[r];
      c.from[r] = pairs.length;
      if (d) {
        c.n[r] = d.n;
        c.sumMs[r] = d.n > 0 ? d.sumMs : 0;
        c.maxMs[r] = d.n > 0 ? d.maxMs : 0;
        for (const [s, count] of d.pairs()) pairs.push(s, count);
      }
      c.to[r] = pairs.length;
    }
    return c;
  }
}

/** Reduce a closed day's facts to the figures kept for it. */
export function toFigures(f: DayFacts): DayFigures {
  const { t, v } = f;
  const pairs: number[] = [];

  const ticketIndex = new GroupIndex();
  const issued: number[] = [];
  const waits = new DurationSets();
  const gaveUp = new DurationSets();
  const unresolvedGroup: number[] = [];
  const unresolvedIssuedAt: number[] = [];
  for (let i = 0; i < t.service.length; i++) {
    const row = ticketIndex.row([t.service[i], t.firstWindow[i], t.firstStaff[i]]);
    issued[row] = (issued[row] ?? 0) + 1;
    const called = t.firstCalledAt[i];
    const cancelled = t.cancelledAt[i];
    if (called === called) waits.at(row).add(called - t.issuedAt[i]);
    else if (cancelled === cancelled) gaveUp.at(row).add(cancelled - t.issuedAt[i]);
    else {
      unresolvedGroup.push(row);
      unresolvedIssuedAt.push(t.issuedAt[i]);
    }
  }
  const ticketRows = ticketIndex.keys.length;
  const tickets: TicketGroups = {
    service: ticketIndex.column(0),
    window: ticketIndex.column(1),
    staff: ticketIndex.column(2),
    issued: Int32Array.from({ length: ticketRows }, (_, r) => issued[r] ?? 0),
    wait: waits.columns(ticketRows, pairs),
    gaveUp: gaveUp.columns(ticketRows, pairs),
    unresolvedGroup: Int32Array.from(unresolvedGroup),
    unresolvedIssuedAt: Float64Array.from(unresolvedIssuedAt),
  };

  const completedToday = new Set(f.caseCompletions.map((c) => c.visitId));
  const visitIndex = new GroupIndex();
  const ends: number[] = [];
  const cases: number[] = [];
  const casesCompleted: number[] = [];
  const scores: number[] = [];
  const serviceTimes = new DurationSets();
  const busy: number[] = [];
  const pendingCases: string[] = [];
  const pendingCaseGroup: number[] = [];
  const served = {
    departments: new Int32Array(f.departments.length),
    windows: new Int32Array(f.windows.length),
    services: new Int32Array(f.services.length),
    staff: new Int32Array(f.staff.length),
  };
  let hallServed = 0;
  // 接待人数: a ticket counts once per breakdown entry that served it; its visits are consecutive.
  let ticket = -1;
  let counted = { d: new Set<number>(), w: new Set<number>(), s: new Set<number>(), c: new Set<number>(), hall: false };
  for (let j = 0; j < v.ticket.length; j++) {
    const d = v.department[j];
    const w = v.window[j];
    const s = v.service[j];
    const c = v.staff[j];
    const row = visitIndex.row([d, w, s, c]);
    const end = v.end[j];
    ends[row * END_COUNT + end] = (ends[row * END_COUNT + end] ?? 0) + 1;
    scores[row * SCORE_COUNT + v.score[j]] = (scores[row * SCORE_COUNT + v.score[j]] ?? 0) + 1;
    const ended = v.endedAt[j];
    if (ended === ended) busy[row] = (busy[row] ?? 0) + (ended - v.calledAt[j]);
    if (end >= END.completed && end <= END.transferred) {
      const started = v.startedAt[j];
      serviceTimes.at(row).add(ended - (started === started ? started : v.calledAt[j]));
      if (v.ticket[j] !== ticket) {
        ticket = v.ticket[j];
        counted = { d: new Set(), w: new Set(), s: new Set(), c: new Set(), hall: false };
      }
      if (!counted.hall) hallServed++;
      counted.hall = true;
      for (const [set, i, into] of [
        [counted.d, d, served.departments],
        [counted.w, w, served.windows],
        [counted.s, s, served.services],
        [counted.c, c, served.staff],
      ] as const) {
        if (set.has(i)) continue;
        set.add(i);
        into[i]++;
      }
    }
    if (end === END.completed || end === END.accepted) {
      cases[row] = (cases[row] ?? 0) + 1;
      const visitId = end === END.accepted ? f.caseVisitIds[v.caseKey[j]] : undefined;
      if (visitId === undefined || completedToday.has(visitId)) casesCompleted[row] = (casesCompleted[row] ?? 0) + 1;
      else {
        pendingCases.push(visitId);
        pendingCaseGroup.push(row);
      }
    }
  }
  const visitRows = visitIndex.keys.length;
  const visits: VisitGroups = {
    department: visitIndex.column(0),
    window: visitIndex.column(1),
    service: visitIndex.column(2),
    staff: visitIndex.column(3),
    ends: Int32Array.from({ length: visitRows * END_COUNT }, (_, i) => ends[i] ?? 0),
    cases: Int32Array.from({ length: visitRows }, (_, r) => cases[r] ?? 0),
    casesCompleted: Int32Array.from({ length: visitRows }, (_, r) => casesCompleted[r] ?? 0),
    scores: Int32Array.from({ length: visitRows * SCORE_COUNT }, (_, i) => scores[i] ?? 0),
    serviceTime: serviceTimes.columns(visitRows, pairs),
    busyMs: Float64Array.from({ length: visitRows }, (_, r) => busy[r] ?? 0),
  };

  return {
    kind: 'figures',
    businessDate: f.businessDate,
    services: f.services,
    windows: f.windows,
    staff: f.staff,
    departments: f.departments,
    attendance: f.attendance,
    laterCompletions: f.caseCompletions.filter((c) => c.acceptedDate < f.businessDate).map((c) => ({ visitId: c.visitId, acceptedDate: c.acceptedDate })),
    pendingCases: { ids: new TextEncoder().encode(pendingCases.join('\n')), group: Int32Array.from(pendingCaseGroup) },
    ...(f.lateRatings ? { lateRatings: f.lateRatings } : {}),
    tickets,
    visits,
    ticketsServed: { hall: hallServed, ...served },
    pairs: Int32Array.from(pairs),
  };
}
