import type { AttendanceEvent, CaseCompletion, LateRating, Ticket, VisitEnd } from '../types.ts';

/**
 * One business date reduced to what the reports read, in columns of typed arrays: a year
 * of days is 3.65 million tickets, too many to hold or parse as objects in the few
 * seconds a period report may take. Times are epoch milliseconds; NaN means "never".
 * Ids are indexes into the day's own dictionaries. A ticket's visits are consecutive in `v`,
 * in the order they happened.
 */
export interface DayFacts {
  businessDate: string;
  services: string[];
  windows: string[];
  staff: string[];
  departments: string[];
  /** Visit ids of accepted visits, for joining case completions. */
  caseVisitIds: string[];
  attendance: AttendanceEvent[];
  caseCompletions: CaseCompletion[];
  /** Phone ratings given after the day closed, of its visits (not in `v.score`). */
  lateRatings?: readonly LateRating[];
  t: {
    service: Int32Array;
    issuedAt: Float64Array;
    firstCalledAt: Float64Array;
    cancelledAt: Float64Array;
    firstWindow: Int32Array;
    firstStaff: Int32Array;
  };
  v: {
    ticket: Int32Array;
    window: Int32Array;
    staff: Int32Array;
    service: Int32Array;
    department: Int32Array;
    calledAt: Float64Array;
    startedAt: Float64Array;
    endedAt: Float64Array;
    end: Int8Array;
    score: Int8Array;
    caseKey: Int32Array;
  };
}

/** Visit ends as small codes; 0 = still open. */
export const END_CODES: readonly (VisitEnd | undefined)[] = [undefined, 'completed', 'accepted', 'consulted', 'rejected', 'transferred', 'no_show', 'day_closed'];
export const END = { open: 0, completed: 1, accepted: 2, consulted: 3, rejected: 4, transferred: 5, noShow: 6, dayClosed: 7 } as const;
const endCode = new Map(END_CODES.map((e, i) => [e, i]));

/** Served (接待): ended by finish (codes 1–4) or transfer (5). */
export function servedCode(code: number): boolean {
  return code >= 1 && code <= 5;
}

/** Strings numbered in the order first met. */
export class Dictionary {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  id(key: string): number {
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(key);
      this.index.set(key, i);
    }
    return i;
  }
}

export interface DayRecords {
  businessDate: string;
  tickets: readonly Ticket[];
  attendance: readonly AttendanceEvent[];
  caseCompletions: readonly CaseCompletion[];
}

export function toFacts(day: DayRecords): DayFacts {
  const services = new Dictionary();
  const windows = new Dictionary();
  const staff = new Dictionary();
  const departments = new Dictionary();
  const caseVisitIds: string[] = [];
  const n = day.tickets.length;
  let m = 0;
  for (const t of day.tickets) m += t.visits.length;
  const f: DayFacts = {
    businessDate: day.businessDate,
    services: services.list,
    windows: windows.list,
    staff: staff.list,
    departments: departments.list,
    caseVisitIds,
    attendance: [...day.attendance],
    caseCompletions: [...day.caseCompletions],
    t: {
      service: new Int32Array(n),
      issuedAt: new Float64Array(n),
      firstCalledAt: new Float64Array(n),
      cancelledAt: new Float64Array(n),
      firstWindow: new Int32Array(n),
      firstStaff: new Int32Array(n),
    },
    v: {
      ticket: new Int32Array(m),
      window: new Int32Array(m),
      staff: new Int32Array(m),
      service: new Int32Array(m),
      department: new Int32Array(m),
      calledAt: new Float64Array(m),
      startedAt: new Float64Array(m),
      endedAt: new Float64Array(m),
      end: new Int8Array(m),
      score: new Int8Array(m),
      caseKey: new Int32Array(m),
    },
  };
  let j = 0;
  day.tickets.forEach((t, i) => {
    f.t.service[i] = services.id(t.issuedServiceId);
    f.t.issuedAt[i] = t.issuedAt;
    f.t.firstCalledAt[i] = t.firstCalledAt ?? Number.NaN;
    f.t.cancelledAt[i] = t.cancelledAt ?? Number.NaN;
    const first = t.visits[0];
    f.t.firstWindow[i] = first ? windows.id(first.windowId) : -1;
    f.t.firstStaff[i] = first ? staff.id(first.staffId) : -1;
    for (const v of t.visits) {
      f.v.ticket[j] = i;
      f.v.window[j] = windows.id(v.windowId);
      f.v.staff[j] = staff.id(v.staffId);
      f.v.service[j] = services.id(v.serviceId);
      f.v.department[j] = departments.id(v.departmentId);
      f.v.calledAt[j] = v.calledAt;
      f.v.startedAt[j] = v.startedAt ?? Number.NaN;
      f.v.endedAt[j] = v.endedAt ?? Number.NaN;
      f.v.end[j] = endCode.get(v.end) ?? 0;
      f.v.score[j] = v.rating?.score ?? 0;
      f.v.caseKey[j] = v.end === 'accepted' ? caseVisitIds.push(v.id) - 1 : -1;
      j++;
    }
  });
  return f;
}

