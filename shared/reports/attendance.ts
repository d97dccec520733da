import type { HallConfig } from '../config-schema.ts';
import { businessDate, datesBetween, isWorkingDay, localTime, openingPeriods, zonedTime } from '../time.ts';
import { type AttendanceEvent, type LeaveKind, type LeaveRequest, PAUSE_REASONS, type PauseReason } from '../types.ts';
import { END_COUNT, isFigures } from './day-figures.ts';
import { servedCode } from './facts.ts';
import type { Period, ReportDay } from './summary.ts';

/**
 * Attendance per clerk (SPEC §6). A day's duty runs from each sign-in to its sign-out,
 * less pauses. A sign-in never signed out is counted up to the hall's last closing time
 * of that day (or the clerk's last recorded action, if later) and flagged.
 */

export interface AttendanceDay {
  date: string;
  firstSignIn?: number;
  lastSignOut?: number;
  late: boolean;
  earlyLeave: boolean;
  missingSignOut: boolean;
  dutyMinutes: number;
  idleMinutes: number;
}

export interface AttendanceRow {
  staffId: string;
  staffNo: string;
  name: string;
  departmentId: string;
  workingDays: number;
  presentDays: number;
  lateDays: number;
  earlyLeaveDays: number;
  missingSignOutDays: number;
  absentDays: number;
  /** Working days of the period on approved leave without a sign-in (not absences). */
  leaveDays: number;
  leaveByKind: Record<LeaveKind, number>;
  pauses: Record<PauseReason, { count: number; minutes: number }>;
  dutyMinutes: number;
  /** Signed in, not paused, not serving anyone. */
  idleMinutes: number;
  visitsServed: number;
  days: AttendanceDay[];
}

export interface AttendanceReport {
  period: Period;
  workingDays: number;
  clerks: AttendanceRow[];
}

const MINUTE = 60_000;
/** 23:59, the last minute a period can name. */
const DAY_LAST_MINUTE = 23 * 60 + 59;

interface DayTally {
  dutyMs: number;
  busyMs: number;
  pauses: Record<PauseReason, { count: number; ms: number }>;
  firstSignIn?: number;
  lastSignOut?: number;
  missingSignOut: boolean;
  stillOnDuty?: boolean;
}

function emptyPauses<T>(make: () => T): Record<PauseReason, T> {
  return Object.fromEntries(PAUSE_REASONS.map((r) => [r, make()])) as Record<PauseReason, T>;
}

/**
 * Walk one clerk's events of one day in time order. On the day still under way
 * (`liveNow` given) an open session runs to now and is not a missing sign-out.
 */
function tallyDay(events: AttendanceEvent[], dayEnd: number, liveNow?: number): DayTally {
  const tally: DayTally = { dutyMs: 0, busyMs: 0, pauses: emptyPauses(() => ({ count: 0, ms: 0 })), missingSignOut: false };
  let sessionStart: number | undefined;
  let pause: { reason: PauseReason; since: number } | undefined;
  let pausedInSession = 0;
  const endPause = (at: number) => {
    if (!pause) return;
    const ms = Math.max(0, at - pause.since);
    tally.pauses[pause.reason].count++;
    tally.pauses[pause.reason].ms += ms;
    pausedInSession += ms;
    pause = undefined;
  };
  const endSession = (at: number) => {
    if (sessionStart === undefined) return;
    endPause(at);
    tally.dutyMs += Math.max(0, at - sessionStart - pausedInSession);
    sessionStart = undefined;
    pausedInSession = 0;
  };
  for (const e of events) {
    switch (e.kind) {
      case 'sign-in':
        endSession(e.at);
        sessionStart = e.at;
        tally.firstSignIn ??= e.at;
        break;
      case 'pause':
        if (sessionStart !== undefined && !pause) pause = { reason: e.reason ?? 'other', since: e.at };
        break;
      case 'resume':
        endPause(e.at);
        break;
      case 'sign-out':
        endSession(e.at);
        tally.lastSignOut = e.at;
        break;
    }
  }
  if (sessionStart !== undefined) {
    const last = events[events.length - 1]?.at ?? sessionStart;
    if (liveNow !== undefined) {
      tally.stillOnDuty = true;
      endSession(Math.max(liveNow, last));
    } else {
      tally.missingSignOut = true;
      endSession(Math.max(dayEnd, last));
    }
  }
  return tally;
}

/** Accumulates attendance day by day, in any order. */
export class AttendanceBuilder {
  private readonly rows: AttendanceRow[];
  private readonly rowById: Map<string, AttendanceRow>;
  private readonly pauseMs: Map<string, Record<PauseReason, number>>;
  private readonly workingDates: Set<string>;

  constructor(
    private readonly config: HallConfig,
    private readonly period: Period,
    /** With `now`, the business date under way is counted up to now, not to its closing time; `leave`, the requests to look at (approved ones count). */
    private readonly options: { now?: number; leave?: readonly LeaveRequest[] } = {},
  ) {
    // Days still to come are not working days yet: nobody is absent from tomorrow.
    const today = options.now !== undefined ? businessDate(options.now, config.hall.timezone) : undefined;
    this.workingDates = new Set(datesBetween(period.from, period.to).filter((d) => isWorkingDay(config.hall, d) && (today === undefined || d <= today)));
    this.rows = config.staff.filter((s) => s.role === 'clerk').map((s) => this.newRow(s.id));
    this.rowById = new Map(this.rows.map((r) => [r.staffId, r]));
    this.pauseMs = new Map(this.rows.map((r) => [r.staffId, emptyPauses(() => 0)]));
  }

  private newRow(staffId: string): AttendanceRow {
    const s = this.config.staff.find((x) => x.id === staffId)!;
    return {
      staffId: s.id,
      staffNo: s.staffNo,
      name: s.name,
      departmentId: s.departmentId,
      workingDays: this.workingDates.size,
      presentDays: 0,
      lateDays: 0,
      earlyLeaveDays: 0,
      missingSignOutDays: 0,
      absentDays: 0,
      leaveDays: 0,
      leaveByKind: { personal: 0, sick: 0, annual: 0, business: 0 },
      pauses: emptyPauses(() => ({ count: 0, minutes: 0 })),
      dutyMinutes: 0,
      idleMinutes: 0,
      visitsServed: 0,
      days: [],
    };
  }

  /** A manager who signs in to serve at a window is counted too. */
  private row(staffId: string): AttendanceRow | undefined {
    let row = this.rowById.get(staffId);
    if (!row && this.config.staff.some((s) => s.id === staffId)) {
      row = this.newRow(staffId);
      this.rows.push(row);
      this.rowById.set(staffId, row);
      this.pauseMs.set(staffId, emptyPauses(() => 0));
    }
    return row;
  }

  add(day: ReportDay): void {
    const hall = this.config.hall;
    const grace = hall.lateGraceMinutes;
    const date = day.businessDate;
    const periods = openingPeriods(hall, date);
    // A day open around the clock (00:00–23:59, as the demo hall) has no start of duty to be
    // late for and no end to leave early from: its clerks work shifts the hours do not give.
    const aroundTheClock = periods.length === 1 && periods[0][0] === 0 && periods[0][1] >= DAY_LAST_MINUTE;
    const firstOpen = aroundTheClock ? undefined : periods[0]?.[0];
    const lastClose = periods[periods.length - 1]?.[1];
    const dayEnd = lastClose !== undefined ? zonedTime(date, lastClose, hall.timezone) : 0;

    const eventsByStaff = new Map<string, AttendanceEvent[]>();
    for (const e of day.attendance) {
      const list = eventsByStaff.get(e.staffId) ?? [];
      list.push(e);
      eventsByStaff.set(e.staffId, list);
    }
    for (const staffId of eventsByStaff.keys()) this.row(staffId);

    const dayRows = day.staff.map((id) => this.rowById.get(id));
    const { served, busyMs } = staffWork(day);
    served.forEach((n, s) => {
      const row = dayRows[s];
      if (row) row.visitsServed += n;
    });
    const busyByStaff = new Map(day.staff.map((id, i) => [id, busyMs[i]]));

    for (const [staffId, events] of eventsByStaff) {
      const row = this.rowById.get(staffId);
      if (!row) continue;
      events.sort((a, b) => a.at - b.at);
      const now = this.options.now;
      const tally = tallyDay(events, dayEnd, now !== undefined && businessDate(now, hall.timezone) === date ? now : undefined);
      if (tally.firstSignIn === undefined) continue;
      const late = firstOpen !== undefined && localTime(tally.firstSignIn, hall.timezone).minutes > firstOpen + grace;
      const earlyLeave =
        !aroundTheClock && !tally.missingSignOut && !tally.stillOnDuty && tally.lastSignOut !== undefined && lastClose !== undefined && localTime(tally.lastSignOut, hall.timezone).minutes < lastClose - grace;
      const idleMs = Math.max(0, tally.dutyMs - (busyByStaff.get(staffId) ?? 0));
      row.presentDays++;
      if (late) row.lateDays++;
      if (earlyLeave) row.earlyLeaveDays++;
      if (tally.missingSignOut) row.missingSignOutDays++;
      row.dutyMinutes += tally.dutyMs / MINUTE;
      row.idleMinutes += idleMs / MINUTE;
      const ms = this.pauseMs.get(staffId)!;
      for (const r of PAUSE_REASONS) {
        row.pauses[r].count += tally.pauses[r].count;
        ms[r] += tally.pauses[r].ms;
      }
      row.days.push({
        date,
        firstSignIn: tally.firstSignIn,
        ...(tally.lastSignOut !== undefined ? { lastSignOut: tally.lastSignOut } : {}),
        late,
        earlyLeave,
        missingSignOut: tally.missingSignOut,
        dutyMinutes: Math.round(tally.dutyMs / MINUTE),
        idleMinutes: Math.round(idleMs / MINUTE),
      });
    }
  }

  result(): AttendanceReport {
    // Approved leave, by clerk and working date: a day on leave without a sign-in is not an absence.
    const onLeave = new Map<string, Map<string, LeaveKind>>();
    for (const l of this.options.leave ?? []) {
      if (l.status !== 'approved') continue;
      const days = onLeave.get(l.staffId) ?? new Map<string, LeaveKind>();
      for (const date of l.dates) if (this.workingDates.has(date)) days.set(date, l.kind);
      onLeave.set(l.staffId, days);
    }
    const clerks = this.rows.map((r) => {
      const ms = this.pauseMs.get(r.staffId)!;
      const present = new Set(r.days.filter((d) => this.workingDates.has(d.date)).map((d) => d.date));
      const leave = [...(onLeave.get(r.staffId) ?? [])].filter(([date]) => !present.has(date));
      const leaveByKind = { personal: 0, sick: 0, annual: 0, business: 0 };
      for (const [, kind] of leave) leaveByKind[kind]++;
      return {
        ...r,
        leaveDays: leave.length,
        leaveByKind,
        absentDays: r.workingDays - present.size - leave.length,
        dutyMinutes: Math.round(r.dutyMinutes),
        idleMinutes: Math.round(r.idleMinutes),
        pauses: Object.fromEntries(PAUSE_REASONS.map((p) => [p, { count: r.pauses[p].count, minutes: Math.round(ms[p] / MINUTE) }])) as AttendanceRow['pauses'],
        days: [...r.days].sort((a, b) => (a.date < b.date ? -1 : 1)),
      };
    });
    return { period: this.period, workingDays: this.workingDates.size, clerks };
  }
}

export function computeAttendance(config: HallConfig, days: readonly ReportDay[], period: Period, options: { now?: number } = {}): AttendanceReport {
  const builder = new AttendanceBuilder(config, period, options);
  for (const day of days) builder.add(day);
  return builder.result();
}

/** Visits served and time busy with visits (call to end), by the day's staff index. */
function staffWork(day: ReportDay): { served: Int32Array; busyMs: Float64Array } {
  const served = new Int32Array(day.staff.length);
  const busyMs = new Float64Array(day.staff.length);
  if (isFigures(day)) {
    const g = day.visits;
    for (let row = 0; row < g.staff.length; row++) {
      const s = g.staff[row];
      for (let e = 0; e < END_COUNT; e++) if (servedCode(e)) served[s] += g.ends[row * END_COUNT + e];
      busyMs[s] += g.busyMs[row];
    }
    return { served, busyMs };
  }
  const { v } = day;
  for (let j = 0; j < v.ticket.length; j++) {
    const s = v.staff[j];
    if (servedCode(v.end[j])) served[s]++;
    const ended = v.endedAt[j];
    if (ended === ended) busyMs[s] += ended - v.calledAt[j];
  }
  return { served, busyMs };
}
