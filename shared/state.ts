import type { FieldChanges } from './changes.ts';
import { records, toRecords } from './records.ts';
import type { Appointment, AttendanceEvent, Case, CaseCompletion, ConfigAudit, LateRating, LeaveRequest, OutboxEntry, PrinterFault, Review, StaffSession, StoredConfig, Ticket, WindowState } from './types.ts';

/**
 * Everything the hall keeps live: today's tickets and attendance, plus the cross-day
 * records (pending cases, reviews, sessions, printer faults). Every collection is a
 * record keyed by id, so every write is an upsert or a delete of one record — the unit
 * the store journals.
 */
export interface HallData {
  meta: {
    businessDate?: string;
    /** Key of the ticket tokens (HMAC of the ticket id), so a holder is checked before any lookup. */
    tokenKey?: string;
  };
  /** Last sequence per ticket prefix for the business date. */
  counters: Record<string, number>;
  tickets: Record<string, Ticket>;
  windows: Record<string, WindowState>;
  attendance: Record<string, AttendanceEvent>;
  caseCompletions: Record<string, CaseCompletion>;
  cases: Record<string, Case>;
  reviews: Record<string, Review>;
  sessions: Record<string, StaffSession>;
  printerFaults: Record<string, PrinterFault>;
  /** The configuration (one record, `hall`) and who changed it. */
  config: Record<string, StoredConfig>;
  configAudit: Record<string, ConfigAudit>;
  /** Ratings and review steps on their way to the province's platform. */
  outbox: Record<string, OutboxEntry>;
  /** Phone ratings of visits whose day has closed, by visit id. */
  lateRatings: Record<string, LateRating>;
  /** Bookings (预约), across days. */
  appointments: Record<string, Appointment>;
  /** Clerks' leave requests (请假), across days. */
  leave: Record<string, LeaveRequest>;
}

export type CollectionName = Exclude<keyof HallData, 'meta'>;
export type RecordOf<C extends CollectionName> = HallData[C][string];

/**
 * One record's change in a commit: `v` is the record after it (null: removed). An update of
 * a record that was there carries `patch`, the fields that changed, which is all the
 * journal writes of it.
 */
export type Change =
  | { [C in CollectionName]: { c: C; id: string; v: RecordOf<C> | null; patch?: FieldChanges } }[CollectionName]
  | { c: 'meta'; id: 'businessDate' | 'tokenKey'; v: string };

export const COLLECTIONS: readonly CollectionName[] = [
  'counters',
  'tickets',
  'windows',
  'attendance',
  'caseCompletions',
  'cases',
  'reviews',
  'sessions',
  'printerFaults',
  'config',
  'configAudit',
  'outbox',
  'lateRatings',
  'appointments',
  'leave',
];

/** Day-scoped collections: archived and emptied when the business date closes. */
export const DAY_COLLECTIONS: readonly CollectionName[] = ['counters', 'tickets', 'attendance', 'caseCompletions'];

export function emptyHallData(): HallData {
  return {
    meta: {},
    counters: records(),
    tickets: records(),
    windows: records(),
    attendance: records(),
    caseCompletions: records(),
    cases: records(),
    reviews: records(),
    sessions: records(),
    printerFaults: records(),
    config: records(),
    configAudit: records(),
    outbox: records(),
    lateRatings: records(),
    appointments: records(),
    leave: records(),
  };
}

/** A copy whose collections can change without touching the original's (the records themselves are shared). */
export function copyHallData(data: HallData): HallData {
  return hallDataFrom(data);
}

/** Data read from JSON, with every collection prototype-free (see records.ts). */
export function hallDataFrom(parsed: Partial<HallData> | undefined): HallData {
  const data = emptyHallData();
  data.meta = { ...parsed?.meta };
  for (const c of COLLECTIONS) data[c] = toRecords(parsed?.[c] as Record<string, never> | undefined);
  return data;
}

export function applyChange(data: HallData, change: Change): void {
  if (change.c === 'meta') {
    data.meta[change.id] = change.v;
    return;
  }
  const col = data[change.c] as Record<string, unknown>;
  if (change.v === null) delete col[change.id];
  else col[change.id] = change.v;
}

/**
 * The close of a business date, one atomic step: the day's last changes (open tickets
 * cancelled, windows closed, expired sessions removed), then the day's records as they
 * stand are kept as the closed day `date`, the day collections are emptied, and
 * `nextDate` becomes the business date.
 */
export interface DayClose {
  date: string;
  nextDate: string;
  closedAt: number;
  changes: Change[];
}

/** The closed day that `close` keeps, from the data with its last changes applied. */
export function dayArchive(data: HallData, close: Pick<DayClose, 'date' | 'closedAt'>): DayArchive {
  return {
    businessDate: close.date,
    closedAt: close.closedAt,
    tickets: Object.values(data.tickets),
    attendance: Object.values(data.attendance),
    caseCompletions: Object.values(data.caseCompletions),
    counters: { ...data.counters },
  };
}

/** Empty the day collections and start `nextDate` (after the closed day was kept). */
export function startDay(data: HallData, nextDate: string): void {
  for (const c of DAY_COLLECTIONS) data[c] = records() as never;
  data.meta = { ...data.meta, businessDate: nextDate };
}

/** What a closed business date leaves behind, written once and never changed. */
export interface DayArchive {
  businessDate: string;
  closedAt: number;
  tickets: Ticket[];
  attendance: AttendanceEvent[];
  caseCompletions: CaseCompletion[];
  counters: Record<string, number>;
}
