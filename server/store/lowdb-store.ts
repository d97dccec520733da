import { mkdir, open, readdir, readFile, rename, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { type FieldChanges, patchRecord } from '../../shared/changes.ts';
import { own } from '../../shared/records.ts';
import { applyChange, type Change, COLLECTIONS, type CollectionName, type DayArchive, emptyHallData, type HallData, hallDataFrom } from '../../shared/state.ts';
import { DurableJsonFile, syncDir } from './durable-json-file.ts';
import { StorageError, StoreCorruptError } from './errors.ts';
import type { Store } from './store.ts';

/**
 * Layout of DATA_DIR:
 *   hall.json         the live data at the last checkpoint (lowdb, written atomically)
 *   journal.ndjson    one line per commit since then: {"g":generation,"ch":[changes]}, each change
 *                     a record inserted {c,id,v}, removed {c,id,v:null}, or updated with only
 *                     the fields that changed {c,id,s:{path:value},u:[path]}
 *   days/DATE.json    one archive per closed business date, written once
 *
 * A commit appends a line and fsyncs before it resolves; commits that arrive while a
 * write is in flight are written together (group commit), so the fsync cost is shared
 * under load. Start-up reads hall.json and replays the journal: only the live day and
 * the cross-day records, never the history, which stays in days/ until a report asks.
 */

interface Snapshot {
  /** Journal lines of an older generation are already in this snapshot. */
  generation: number;
  data: HallData;
}

interface Pending {
  changes: Change[];
  resolve: () => void;
  reject: (e: unknown) => void;
}

export interface LowdbStoreOptions {
  /** Checkpoint when the journal grows past this many bytes... */
  checkpointBytes?: number;
  /** ...at the first pause of this long without commits (serialising a busy day holds the event loop). */
  quietMs?: number;
}

export class LowdbStore implements Store {
  private readonly db: Low<Snapshot>;
  private readonly journalPath: string;
  private readonly daysDir: string;
  private journal?: FileHandle;
  private journalBytes = 0;
  private queue: Pending[] = [];
  private writing = false;
  private failure?: StorageError;
  private readonly checkpointBytes: number;
  private readonly quietMs: number;
  private lastCommitAt = 0;
  private quietTimer?: NodeJS.Timeout;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => undefined;

  constructor(
    readonly dir: string,
    options: LowdbStoreOptions = {},
  ) {
    this.db = new Low<Snapshot>(new DurableJsonFile<Snapshot>(join(dir, 'hall.json')), { generation: 0, data: emptyHallData() });
    this.journalPath = join(dir, 'journal.ndjson');
    this.daysDir = join(dir, 'days');
    this.checkpointBytes = options.checkpointBytes ?? 64 * 1024 * 1024;
    this.quietMs = options.quietMs ?? 2000;
  }

  async open(): Promise<HallData> {
    await this.closeJournal();
    await mkdir(this.daysDir, { recursive: true });
    // Start from nothing so a reopen after a failed write drops what was never durable.
    this.db.data = { generation: 0, data: emptyHallData() };
    await this.db.read();
    const snapshot = this.db.data;
    // A snapshot from an older version may lack collections added since; ids from outside
    // are looked up in these collections, so none may inherit from Object.prototype.
    snapshot.data = hallDataFrom(snapshot.data);
    const validBytes = await this.replayJournal(snapshot);
    this.journal = await open(this.journalPath, 'a');
    if ((await this.journal.stat()).size > validBytes) {
      // A torn last line: written by a commit that never completed, so never acknowledged.
      await this.journal.truncate(validBytes);
      await this.journal.sync();
    }
    this.journalBytes = validBytes;
    this.failure = undefined;
    return snapshot.data;
  }

  private async replayJournal(snapshot: Snapshot): Promise<number> {
    let text: string;
    try {
      text = await readFile(this.journalPath, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw new StoreCorruptError(this.journalPath, (e as Error).message);
    }
    let offset = 0;
    let lineNo = 0;
    while (offset < text.length) {
      const end = text.indexOf('\n', offset);
      if (end === -1) break; // torn tail
      lineNo++;
      const line = text.slice(offset, end);
      let entry: { g: number; ch: JournalChange[] };
      try {
        entry = JSON.parse(line);
        if (!Array.isArray(entry.ch) || typeof entry.g !== 'number') throw new Error('not a journal entry');
        if (entry.g >= snapshot.generation) for (const c of entry.ch) applyChange(snapshot.data, fromJournal(snapshot.data, c));
      } catch (e) {
        throw new StoreCorruptError(this.journalPath, `line ${lineNo}: ${(e as Error).message}`);
      }
      offset = end + 1;
    }
    return Buffer.byteLength(text.slice(0, offset), 'utf8');
  }

  commit(changes: Change[]): Promise<void> {
    // Even an empty commit reports a failed store: what is in memory may not be on disk.
    if (this.failure) return Promise.reject(this.failure);
    if (changes.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ changes, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    this.idle = new Promise((r) => (this.markIdle = r));
    try {
      while (this.queue.length > 0 && !this.failure) {
        const batch = this.queue.splice(0);
        const generation = this.db.data.generation;
        const text = batch.map((p) => `${JSON.stringify({ g: generation, ch: p.changes.map(toJournal) })}\n`).join('');
        const bytes = Buffer.from(text, 'utf8');
        try {
          await this.appendAll(bytes);
          await this.journal!.datasync();
          this.journalBytes += bytes.length;
        } catch (e) {
          await this.fail(e, batch);
          break;
        }
        for (const p of batch) p.resolve();
        // Nothing is queued, so the in-memory data is exactly what is durable: a good moment.
        this.lastCommitAt = Date.now();
        if (this.journalBytes > this.checkpointBytes) this.checkpointWhenQuiet();
      }
    } finally {
      this.writing = false;
      this.markIdle();
    }
  }

  private async appendAll(bytes: Buffer): Promise<void> {
    let written = 0;
    while (written < bytes.length) {
      const { bytesWritten } = await this.journal!.write(bytes, written, bytes.length - written);
      written += bytesWritten;
    }
  }

  /** Undo a partial append and refuse everything queued: it was applied on top of what failed. */
  private async fail(cause: unknown, batch: Pending[]): Promise<void> {
    this.failure = new StorageError(cause);
    try {
      await this.journal!.truncate(this.journalBytes);
    } catch {
      // The next open() replays only complete lines, so a torn tail is harmless.
    }
    for (const p of [...batch, ...this.queue.splice(0)]) p.reject(this.failure);
  }

  async recover(): Promise<void> {
    if (!this.failure) return;
    // The refused tail was cut off when the write failed; cut again in case that failed too.
    try {
      await this.journal!.truncate(this.journalBytes);
    } catch (e) {
      throw new StorageError(e);
    }
    this.failure = undefined;
  }

  private checkpointWhenQuiet(): void {
    if (this.quietTimer) return;
    this.quietTimer = setTimeout(() => {
      this.quietTimer = undefined;
      if (this.journalBytes <= this.checkpointBytes || !this.journal) return;
      if (Date.now() - this.lastCommitAt < this.quietMs) this.checkpointWhenQuiet();
      else void this.checkpoint().catch(() => undefined);
    }, this.quietMs);
    this.quietTimer.unref();
  }

  async checkpoint(): Promise<void> {
    while (this.writing) await this.idle;
    if (this.failure) throw this.failure;
    // Hold the writer: a commit arriving now waits, so it cannot be journaled and then truncated away.
    this.writing = true;
    this.idle = new Promise((r) => (this.markIdle = r));
    try {
      await this.writeCheckpoint();
    } finally {
      this.writing = false;
      this.markIdle();
      if (this.queue.length > 0) void this.drain();
    }
  }

  private async writeCheckpoint(): Promise<void> {
    this.db.data.generation += 1;
    try {
      await this.db.write();
    } catch (e) {
      this.db.data.generation -= 1;
      throw new StorageError(e);
    }
    await this.journal!.truncate(0);
    await this.journal!.sync();
    this.journalBytes = 0;
  }

  /** The live data object the engine mutates; the snapshot serialises it. */
  get data(): HallData {
    return this.db.data.data;
  }

  async writeDay(archive: DayArchive): Promise<void> {
    const file = new DurableJsonFile<DayArchive>(this.dayPath(archive.businessDate));
    try {
      await file.write(archive);
    } catch (e) {
      throw new StorageError(e);
    }
    await syncDir(this.daysDir);
  }

  async readDay(date: string): Promise<DayArchive | null> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
    return new DurableJsonFile<DayArchive>(this.dayPath(date)).read();
  }

  async readDayFacts(date: string): Promise<Uint8Array | null> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
    try {
      return await readFile(join(this.daysDir, `${date}.facts`));
    } catch {
      return null;
    }
  }

  async writeDayFacts(date: string, bytes: Uint8Array): Promise<void> {
    // A cache: written atomically so a half-written file is never read, but not worth an fsync.
    const file = join(this.daysDir, `${date}.facts`);
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, file);
  }

  async listDays(): Promise<string[]> {
    const names = await readdir(this.daysDir).catch(() => [] as string[]);
    return names
      .filter((n) => /^\d{4}-\d{2}-\d{2}\.json$/.test(n))
      .map((n) => n.slice(0, 10))
      .sort();
  }

  private dayPath(date: string): string {
    return join(this.daysDir, `${date}.json`);
  }

  async journalSize(): Promise<number> {
    return (await stat(this.journalPath)).size;
  }

  private async closeJournal(): Promise<void> {
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.quietTimer = undefined;
    while (this.writing) await this.idle;
    await this.journal?.close().catch(() => undefined);
    this.journal = undefined;
  }

  async close(): Promise<void> {
    await this.closeJournal();
  }
}

/** A change as a journal line holds it: an update names only the fields that changed. */
type JournalChange = Change | { c: CollectionName; id: string; s?: FieldChanges['set']; u?: FieldChanges['unset'] };

function toJournal(change: Change): JournalChange {
  if (change.c === 'meta' || !change.patch || change.v === null) return { c: change.c, id: change.id, v: change.v } as Change;
  return { c: change.c, id: change.id, ...(change.patch.set ? { s: change.patch.set } : {}), ...(change.patch.unset ? { u: change.patch.unset } : {}) };
}

function fromJournal(data: HallData, entry: JournalChange): Change {
  if ('v' in entry) return entry;
  if (!COLLECTIONS.includes(entry.c)) throw new Error(`unknown collection "${String(entry.c)}"`);
  const before = own(data[entry.c] as Record<string, object>, entry.id);
  if (!before) throw new Error(`update of ${entry.c} "${entry.id}", which is not there`);
  return { c: entry.c, id: entry.id, v: patchRecord(before, { ...(entry.s ? { set: entry.s } : {}), ...(entry.u ? { unset: entry.u } : {}) }) } as Change;
}
