import type { Change, DayArchive, HallData } from '../../shared/state.ts';

/**
 * Where the hall's data lives. The engine holds the live data in memory and hands the
 * store every change; `commit` resolves only once the change is durable. lowdb with a
 * journal is the embedded default; a PostgreSQL store can sit behind the same interface.
 */
export interface Store {
  /**
   * Load the live data (snapshot plus journal). Throws StoreCorruptError naming a bad file.
   * The returned object is the live data: the caller applies each change to it before
   * committing that change, and checkpoints serialise it as it stands.
   */
  open(): Promise<HallData>;
  /**
   * Make these changes durable, in the order commits were called. Rejects with StorageError
   * if they could not be written; then every commit queued behind it is refused too (it was
   * decided on top of the failed one), and so is every later one until `recover()`.
   */
  commit(changes: Change[]): Promise<void>;
  /** Accept commits again after a failure, once the caller has forgotten what was refused. */
  recover(): Promise<void>;
  /** Persist the whole live data as the new base and start an empty journal. */
  checkpoint(): Promise<void>;
  /** Write a closed business date, once. */
  writeDay(archive: DayArchive): Promise<void>;
  readDay(date: string): Promise<DayArchive | null>;
  /** A closed date's report facts (a derived, rebuildable cache of its archive), if written. */
  readDayFacts(date: string): Promise<Uint8Array | null>;
  writeDayFacts(date: string, bytes: Uint8Array): Promise<void>;
  /** Business dates that have an archive, ascending. */
  listDays(): Promise<string[]>;
  close(): Promise<void>;
}
