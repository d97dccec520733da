import { readFile as readFileCallback } from 'node:fs';
import { promisify } from 'node:util';
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { type DayFigures, toFigures } from '../../shared/reports/day-figures.ts';
import { type DayFacts, toFacts } from '../../shared/reports/facts.ts';
import { applyChange, type Change, copyHallData, type DayArchive, type DayClose, dayArchive, emptyHallData, type HallData, hallDataFrom, startDay } from '../../shared/state.ts';
import { DurableJsonFile, removeStaleTemps } from './durable-json-file.ts';
import { StorageError, StoreCorruptError } from './errors.ts';
import { decodedOrNull, decodeFacts, decodeFigures, encodeFacts, encodeFigures } from './report-codecs.ts';
import { decodeLine, encodeLine, type JournalLine } from './journal-codec.ts';
import { copyHallDataInSlices } from './copy-in-slices.ts';
import { GroupCommit } from './group-commit.ts';
import { JournalFile, zerosFrom } from './journal-file.ts';
import type { Store } from './store.ts';

/** fs.readFile with a callback: half the time of the promise API's for a year of small cache files (measured, Node 20). */
const readBytes = promisify(readFileCallback);

/**
 * Layout of DATA_DIR:
 *   hall.json            the live state at the last checkpoint, {generation: G, data} (lowdb)
 *   journal.N.ndjson     one line per commit made while generation N was current; a
 *                        checkpoint of generation G holds every line of the files before G
 *   days/DATE.json       one closed business date, written once
 *   days/DATE.facts      its visits as report input, a cache rebuilt from DATE.json when missing
 *   days/DATE.figures    its kept report figures, a cache rebuilt from the facts likewise
 *
 * A commit writes a line after the last in the current journal, durable before it resolves
 * (journal-file.ts: O_DSYNC, over zeros written ahead); commits that arrive while a write is
 * in flight are written together (group commit).
 * A checkpoint starts a new journal file, copies the committed state (its records are
 * shared, never changed in place), and writes it in slices that yield to the event loop,
 * so it never stalls the server; once the new hall.json is durable the older journals go.
 * A crash at any moment leaves either the old hall.json with its journals or the new one
 * with the newer journals: start-up replays at most one checkpoint's worth of lines.
 */

interface Snapshot {
  generation: number;
  data: HallData;
}

export interface LowdbStoreOptions {
  /** Start a checkpoint when the current journal grows past this many bytes. */
  checkpointBytes?: number;
}

/** A journal fdatasync slower than this is counted (the disk, not the server, is then the wait). */
const SLOW_SYNC_MS = 25;
/** Syncs this slow are kept with their time, to be set beside what else the store was doing. */
const VERY_SLOW_SYNC_MS = 100;
const JOURNAL = /^journal\.(\d+)\.ndjson$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class LowdbStore implements Store {
  private readonly db: Low<Snapshot>;
  private readonly daysDir: string;
  private readonly checkpointBytes: number;
  /** What is durable: the last checkpoint plus every journal line written since. */
  private state: HallData = emptyHallData();
  private generation = 0;
  private journal?: JournalFile;
  private readonly commits = new GroupCommit(
    (batch) => this.append(batch.map((changes) => encodeLine({ changes }, this.state)).join('')),
    (batch) => {
      for (const changes of batch) for (const c of changes) applyChange(this.state, c);
      this.counts.commits += batch.length;
    },
    () => {
      if (this.journal && this.journal.end > this.checkpointBytes && !this.checkpointing) void this.checkpoint().catch(() => undefined);
    },
  );
  private checkpointing?: Promise<void>;
  private readonly counts = { journalBytesWritten: 0, commits: 0, checkpoints: 0, syncs: 0, syncMs: 0, syncMaxMs: 0, slowSyncs: 0 };
  /** The latest syncs over VERY_SLOW_SYNC_MS: [start on performance.now()'s clock, ms]. */
  private readonly verySlowSyncs: Array<[number, number]> = [];
  /** The latest checkpoints' [start, end] on performance.now()'s clock, to set beside slow syncs. */
  private readonly checkpointSpans: Array<[number, number]> = [];

  constructor(
    readonly dir: string,
    options: LowdbStoreOptions = {},
  ) {
    this.db = new Low<Snapshot>(new DurableJsonFile<Snapshot>(join(dir, 'hall.json'), 3), { generation: 0, data: emptyHallData() });
    this.daysDir = join(dir, 'days');
    this.checkpointBytes = options.checkpointBytes ?? 16 * 1024 * 1024;
  }

  // ---- Live state ---------------------------------------------------------------------

  async open(): Promise<HallData> {
    await this.close();
    await mkdir(this.daysDir, { recursive: true });
    await removeStaleTemps(this.dir);
    await removeStaleTemps(this.daysDir);
    // Start from nothing so a reopen after a failed write drops what was never durable.
    this.db.data = { generation: 0, data: emptyHallData() };
    await this.db.read();
    this.generation = this.db.data.generation;
    // A snapshot from an older version may lack collections added since; ids from outside
    // are looked up in these collections, so none may inherit from Object.prototype.
    this.state = hallDataFrom(this.db.data.data);
    this.db.data = { generation: 0, data: emptyHallData() }; // the parsed copy is not kept twice

    // The single journal of earlier versions: its lines say their generation.
    let replayed = (await this.replay(this.legacyJournal, this.generation)).lines;
    let current = { generation: this.generation, validBytes: 0, size: 0, zerosAfter: true };
    for (const { generation, file } of await this.journals()) {
      if (generation < this.generation) {
        // Already in hall.json: a checkpoint died before it could delete it.
        await unlink(file).catch(() => undefined);
        continue;
      }
      const replay = await this.replay(file);
      replayed += replay.lines;
      current = { generation, ...replay };
    }
    this.generation = current.generation;
    this.journal = await JournalFile.open(this.journalPath(this.generation), { end: current.validBytes, size: current.size, zerosAfter: current.zerosAfter });
    this.commits.failure = undefined;
    if (replayed > 0) {
      // Start-up compacts what it replayed; a full disk must not stop the hall from starting.
      const compacted = await this.checkpoint().then(
        () => true,
        (e) => (e instanceof StorageError ? false : Promise.reject(e)),
      );
      if (compacted) await unlink(this.legacyJournal).catch(() => undefined);
    }
    return copyHallData(this.state);
  }

  private async journals(): Promise<Array<{ generation: number; file: string }>> {
    const names = await readdir(this.dir);
    return names
      .flatMap((n) => {
        const m = JOURNAL.exec(n);
        return m ? [{ generation: Number(m[1]), file: join(this.dir, n) }] : [];
      })
      .sort((a, b) => a.generation - b.generation);
  }

  private get legacyJournal(): string {
    return join(this.dir, 'journal.ndjson');
  }

  private journalPath(generation: number): string {
    return join(this.dir, `journal.${generation}.ndjson`);
  }

  /**
   * Apply a journal's complete lines to the state; a torn last line is left out. Lines of
   * the older format that name a generation before `fromGeneration` are in hall.json already.
   */
  private async replay(file: string, fromGeneration = 0): Promise<{ lines: number; validBytes: number; size: number; zerosAfter: boolean }> {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { lines: 0, validBytes: 0, size: 0, zerosAfter: true };
      throw new StoreCorruptError(file, (e as Error).message);
    }
    // The lines end at the first zero byte: after them come the zeros written ahead.
    const firstZero = bytes.indexOf(0);
    const text = bytes.toString('utf8', 0, firstZero === -1 ? bytes.length : firstZero);
    let offset = 0;
    let lineNo = 0;
    while (offset < text.length) {
      const end = text.indexOf('\n', offset);
      if (end === -1) break; // torn tail
      lineNo++;
      try {
        const line = decodeLine(this.state, text.slice(offset, end), fromGeneration);
        if (!line) {
          offset = end + 1;
          continue;
        }
        if (line.close) await this.replayClose(line.close, line.changes);
        else for (const c of line.changes) applyChange(this.state, c);
      } catch (e) {
        if (e instanceof StorageError) throw e;
        throw new StoreCorruptError(file, `line ${lineNo}: ${(e as Error).message}`);
      }
      offset = end + 1;
    }
    const validBytes = Buffer.byteLength(text.slice(0, offset), 'utf8');
    return { lines: lineNo, validBytes, size: bytes.length, zerosAfter: zerosFrom(bytes, validBytes) };
  }

  commit(changes: Change[]): Promise<void> {
    return this.commits.commit(changes);
  }

  /** Write after the current journal's last line, durably; a failed write is cut off again. */
  private async append(text: string): Promise<void> {
    const bytes = Buffer.from(text, 'utf8');
    try {
      const t0 = performance.now();
      await this.journal!.append(bytes);
      const ms = performance.now() - t0;
      this.counts.syncs++;
      this.counts.syncMs += ms;
      if (ms > this.counts.syncMaxMs) this.counts.syncMaxMs = ms;
      if (ms > VERY_SLOW_SYNC_MS && this.verySlowSyncs.push([t0, ms]) > 32) this.verySlowSyncs.shift();
      if (ms > SLOW_SYNC_MS) this.counts.slowSyncs++;
    } catch (e) {
      // The next open() replays only complete lines, and this cut removes even those.
      await this.journal!.cut().catch(() => undefined);
      throw e;
    }
    this.counts.journalBytesWritten += bytes.length;
  }

  async recover(): Promise<void> {
    if (!this.commits.failure) return;
    // The refused tail was cut off when the write failed; cut again in case that failed too.
    try {
      await this.journal!.cut();
    } catch (e) {
      throw new StorageError(e);
    }
    this.commits.failure = undefined;
  }

  // ---- Checkpoints ------------------------------------------------------------------------

  /**
   * Fold the journal into hall.json. Only the switch to a new journal file and the copy of
   * the state's collections (in slices, the loop turning between them) hold commits back;
   * the snapshot is written in slices while commits go on into the new file.
   */
  checkpoint(): Promise<void> {
    this.checkpointing ??= this.writeCheckpoint().finally(() => {
      this.checkpointing = undefined;
    });
    return this.checkpointing;
  }

  private async writeCheckpoint(): Promise<void> {
    if (this.commits.failure) throw this.commits.failure;
    const startedAt = performance.now();
    const generation = this.generation + 1;
    let next: JournalFile;
    try {
      // Made, with its first zeros, before commits are held: a journal of zeros alone replays as empty.
      next = await JournalFile.open(this.journalPath(generation));
    } catch (e) {
      throw new StorageError(e);
    }
    const { snapshot, old } = await this.commits.exclusive(async () => {
      // A write that failed while the new journal was made: its refused lines are in the old one.
      if (this.commits.failure) {
        await next.close().catch(() => undefined);
        throw this.commits.failure;
      }
      const old = this.journal!;
      this.journal = next;
      this.generation = generation;
      return { snapshot: { generation, data: await copyHallDataInSlices(this.state) }, old };
    });
    // Its zeros may still be on their way to the disk: closed with commits going on.
    await old.close().catch(() => undefined);
    this.db.data = snapshot;
    try {
      await this.db.write();
    } catch (e) {
      // The older journals stay and are replayed: nothing is lost, the next checkpoint retries.
      throw new StorageError(e);
    } finally {
      this.db.data = { generation: 0, data: emptyHallData() };
    }
    for (const j of await this.journals()) if (j.generation < snapshot.generation) await unlink(j.file).catch(() => undefined);
    this.counts.checkpoints++;
    this.checkpointSpans.push([startedAt, performance.now()]);
    if (this.checkpointSpans.length > 16) this.checkpointSpans.shift();
  }

  // ---- Closed days ------------------------------------------------------------------------

  /**
   * The closed day is written first (a file nobody reads as closed until the journal says
   * so), then one journal line commits the close. A crash before that line leaves the day
   * open, to be closed again and its file rewritten; after it, replay starts the new day.
   */
  async closeDay(close: DayClose): Promise<void> {
    if (this.commits.failure) throw this.commits.failure;
    await this.commits.exclusive(async () => {
      const after = await copyHallDataInSlices(this.state);
      for (const c of close.changes) applyChange(after, c);
      await this.writeArchive(dayArchive(after, close));
      try {
        await this.append(encodeLine({ close: { date: close.date, nextDate: close.nextDate, closedAt: close.closedAt }, changes: close.changes }, this.state));
      } catch (e) {
        throw new StorageError(e);
      }
      startDay(after, close.nextDate);
      this.state = after;
    });
    // A new day starts with a short journal; if this fails the journal still has it all.
    void this.checkpoint().catch(() => undefined);
  }

  private async replayClose(close: NonNullable<JournalLine['close']>, changes: Change[]): Promise<void> {
    for (const c of changes) applyChange(this.state, c);
    // Written before the line that closes it; written again if it has gone missing since.
    if (!(await this.hasClosedDay(close.date))) await this.writeArchive(dayArchive(this.state, close));
    startDay(this.state, close.nextDate);
  }

  private async writeArchive(archive: DayArchive): Promise<void> {
    try {
      await new DurableJsonFile<DayArchive>(this.dayPath(archive.businessDate), 2).write(archive);
    } catch (e) {
      throw new StorageError(e);
    }
  }

  async importClosedDay(archive: DayArchive): Promise<void> {
    if (!DAY.test(archive.businessDate)) throw new Error(`not a business date: ${archive.businessDate}`);
    await this.writeArchive(archive);
    const facts = toFacts(archive);
    await this.writeCache(archive.businessDate, 'facts', encodeFacts(facts));
    await this.writeCache(archive.businessDate, 'figures', encodeFigures(toFigures(facts)));
  }

  async readClosedDay(date: string): Promise<DayArchive | null> {
    if (!DAY.test(date)) return null;
    return new DurableJsonFile<DayArchive>(this.dayPath(date)).read();
  }

  async closedDayFacts(date: string): Promise<DayFacts | null> {
    return this.cached(date, 'facts', decodeFacts, encodeFacts, async () => {
      const archive = await this.readClosedDay(date);
      return archive && toFacts(archive);
    });
  }

  async closedDayFigures(dates: readonly string[]): Promise<Map<string, DayFigures>> {
    const kept = await Promise.all(dates.map((date) => (DAY.test(date) ? this.readCache(date, 'figures', decodeFigures) : null)));
    const found = new Map<string, DayFigures>();
    for (const [i, date] of dates.entries()) {
      // Missing or older figures are rebuilt one day at a time: each holds a day's visits meanwhile.
      const f = kept[i] ?? (await this.closedDayFiguresOf(date));
      if (f) found.set(date, f);
    }
    return found;
  }

  private closedDayFiguresOf(date: string): Promise<DayFigures | null> {
    return this.cached(date, 'figures', decodeFigures, encodeFigures, async () => {
      const facts = await this.closedDayFacts(date);
      return facts && toFigures(facts);
    });
  }

  /** A closed day's cache as decoded, or null when missing, damaged or of an older format. */
  private readCache<T>(date: string, kind: 'facts' | 'figures', decode: (b: Uint8Array) => T): Promise<T | null> {
    return readBytes(join(this.daysDir, `${date}.${kind}`)).then((b) => decodedOrNull(decode, b), () => null);
  }

  /** The cached form of a closed day, else built from it and cached for the next report. */
  private async cached<T>(date: string, kind: 'facts' | 'figures', decode: (b: Uint8Array) => T, encode: (x: T) => Buffer, build: () => Promise<T | null>): Promise<T | null> {
    if (!DAY.test(date)) return null;
    // Not cached yet, or a damaged or older cache: rebuilt from the closed day.
    const kept = await this.readCache(date, kind, decode);
    if (kept) return kept;
    const built = await build();
    if (built) await this.writeCache(date, kind, encode(built)).catch(() => undefined);
    return built;
  }

  /** A cache: written atomically so a half-written file is never read, but not worth an fsync. */
  private async writeCache(date: string, kind: 'facts' | 'figures', bytes: Buffer): Promise<void> {
    const tmp = join(this.daysDir, `.${date}.${kind}.${process.pid}.tmp`);
    await writeFile(tmp, bytes);
    await rename(tmp, join(this.daysDir, `${date}.${kind}`));
  }

  async closedDays(): Promise<string[]> {
    const names = await readdir(this.daysDir).catch(() => [] as string[]);
    const live = this.state.meta.businessDate;
    return names
      .filter((n) => /^\d{4}-\d{2}-\d{2}\.json$/.test(n))
      .map((n) => n.slice(0, 10))
      .filter((d) => d !== live) // written by a close that a crash cut short: the day is still open
      .sort();
  }

  private async hasClosedDay(date: string): Promise<boolean> {
    return stat(this.dayPath(date)).then(
      () => true,
      () => false,
    );
  }

  private dayPath(date: string): string {
    return join(this.daysDir, `${date}.json`);
  }

  // ---- The rest ----------------------------------------------------------------------------

  /** What this store has written since it was created, and how long the disk took (for the bench and the soak). */
  stats(): { journalBytesWritten: number; commits: number; checkpoints: number; syncs: number; syncMs: number; syncMaxMs: number; slowSyncs: number; verySlowSyncs: Array<[number, number]>; checkpointSpans: Array<[number, number]> } {
    return { ...this.counts, verySlowSyncs: [...this.verySlowSyncs], checkpointSpans: [...this.checkpointSpans] };
  }

  async close(): Promise<void> {
    await this.checkpointing?.catch(() => undefined);
    await this.commits.settled();
    await this.journal?.close().catch(() => undefined);
    this.journal = undefined;
  }
}
