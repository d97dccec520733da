import type { HallConfig } from '../../shared/config-schema.ts';
import type { DayFigures } from '../../shared/reports/day-figures.ts';
import type { DayFacts } from '../../shared/reports/facts.ts';
import type { ReportDay } from '../../shared/reports/summary.ts';
import type { Change, DayArchive, DayClose, HallData } from '../../shared/state.ts';

/**
 * Where the hall's data lives: the live state (today's records and the cross-day ones)
 * and the closed days. The engine decides each command in memory and hands the store its
 * changes; `commit` resolves only once they are durable, and only then does anyone see
 * them. Nothing here names a file: lowdb with a journal is the embedded default, a
 * database can implement the same.
 */
export interface Store {
  /**
   * Load the live state as it was at the last commit that was acknowledged. Throws
   * StoreCorruptError naming what is unreadable. The returned data is the caller's: the
   * store keeps its own account of what is committed.
   */
  open(): Promise<HallData>;
  /**
   * Make these changes durable as one, in the order commits were called. Rejects with
   * StorageError if they could not be written; then every commit queued behind it is
   * refused too (it was decided on top of the failed one), and so is every later one until
   * `recover()`.
   */
  commit(changes: Change[]): Promise<void>;
  /**
   * Accept commits again after a failure, once the caller has forgotten what was refused.
   * Returns the state as stored when it may differ from what the caller holds (a database
   * whose COMMIT went through though its answer was lost); the caller then starts from it.
   */
  recover(): Promise<HallData | void>;
  /**
   * Close the live business date, atomically (see DayClose): after a crash at any moment
   * either all of it happened or none of it. Called with no commit in flight.
   */
  closeDay(close: DayClose): Promise<void>;
  /** A closed business date's records, or null if that date was never closed here. */
  readClosedDay(date: string): Promise<DayArchive | null>;
  /** A closed date's visits as report input (the store may keep them precomputed), or null. */
  closedDayFacts(date: string): Promise<DayFacts | null>;
  /**
   * The kept report figures of closed dates, which add up across days (see DayFigures), by
   * date; a date never closed here is left out. A report reads a period a batch at a time.
   */
  closedDayFigures(dates: readonly string[]): Promise<Map<string, DayFigures>>;
  /** The closed business dates, ascending. */
  closedDays(): Promise<string[]>;
  /** Keep a day closed elsewhere (history brought over from another system, a generated year). */
  importClosedDay(archive: DayArchive): Promise<void>;
  close(): Promise<void>;
  /** Every hall in the same database, for network reports; absent on a store of one hall. */
  readonly network?: HallNetwork;
}

/** The halls that share a database, read-only (SPEC §9 network reports). */
export interface HallNetwork {
  /** Each hall with the configuration it last started with (no passwords or keys). */
  halls(): Promise<Array<{ hallId: string; name: string; config: HallConfig }>>;
  /** A hall's days of a period as report input, latest first: closed days' figures and its live day as committed. */
  days(hallId: string, from: string, to: string): AsyncGenerator<ReportDay>;
}
