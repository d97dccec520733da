import { constants as fsConstants } from 'node:fs';
import { open, statfs, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Each write durable when it returns (write and fdatasync in one system call): a commit
 * waits for one trip to the thread pool, not two. Where O_DSYNC is unknown, writes sync.
 */
const HAS_DSYNC = fsConstants.O_DSYNC !== undefined;
const FLAGS = HAS_DSYNC ? fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_DSYNC : fsConstants.O_WRONLY | fsConstants.O_CREAT;

/**
 * Zeros written ahead of the journal's end, a window at a time: the first small (a quiet
 * hall, or a test, writes little), each next one twice the last, up to ZERO_WINDOW.
 */
export const FIRST_ZERO_WINDOW = 64 << 10;
export const ZERO_WINDOW = 1 << 20;
/** The zeros ahead are extended only while the disk keeps this much free beside them. */
const KEEP_FREE = 64 * ZERO_WINDOW;

/**
 * One generation's journal: lines written one after another, each durable when its write
 * returns, over zeros written and made durable ahead of them.
 *
 * Why the zeros: on ext4 with its defaults (delalloc, dioread_nolock) a write past the end
 * of a file allocates a block as "unwritten", and its fdatasync returns only once a kernel
 * worker has converted the extent after the write completed. On the development machine
 * that worker once ran 1.9 s late while the disk was idle, and every commit of the hall
 * waited with it (bench/HISTORY.md, 2026-12-04). A write over blocks that already hold
 * data allocates nothing and converts nothing. So the zeros are extended a window at a
 * time, when the lines come within half the last window of their end, by a write of their
 * own beside the journal's; a line never goes where zeros are still being written. Where the disk is
 * nearly full, or the zeros cannot be written, lines simply extend the file.
 *
 * No journal line holds a zero byte (JSON escapes U+0000), so replay reads up to the first.
 */
export class JournalFile {
  /** Where the zeros already durable end: lines before it are overwrites. */
  private zeroed: number;
  /** Zeros being written from `extendingFrom` on: no line may reach them until they are. */
  private extending?: Promise<void>;
  private extendingFrom = 0;
  private zerosFailed = false;
  /** The size of the last window of zeros written (before the first, half of it). */
  private window = FIRST_ZERO_WINDOW / 2;

  private constructor(
    readonly path: string,
    private readonly fh: FileHandle,
    /** The bytes of complete lines: where the next line goes. */
    public end: number,
    zeroed: number,
  ) {
    this.zeroed = Math.max(zeroed, end);
  }

  /**
   * Open (or create) a journal whose complete lines end at `found.end`; a torn line after
   * them (anything but zeros) is cut off first. Resolves with the first zeros ahead durable.
   */
  static async open(path: string, found: { end: number; size: number; zerosAfter: boolean } = { end: 0, size: 0, zerosAfter: true }): Promise<JournalFile> {
    const fh = await open(path, FLAGS, 0o666);
    const file = new JournalFile(path, fh, found.end, found.zerosAfter ? found.size : found.end);
    try {
      if (!found.zerosAfter) {
        // A torn last line: written by a commit that never completed, so never acknowledged.
        await fh.truncate(found.end);
        await fh.sync();
      }
      file.extendZeros();
      await file.extending;
    } catch (e) {
      await fh.close().catch(() => undefined);
      throw e;
    }
    return file;
  }

  /** Write `bytes` after the last line; durable when this resolves. */
  async append(bytes: Buffer): Promise<void> {
    if (this.extending && this.end + bytes.length > this.extendingFrom) await this.extending;
    await this.writeAt(bytes, this.end);
    this.end += bytes.length;
    this.extendZeros();
  }

  /** Cut the file back to its complete lines (after a failed write): what follows is gone, zeros too. */
  async cut(): Promise<void> {
    await this.extending;
    await this.fh.truncate(this.end);
    this.zeroed = this.end;
  }

  async close(): Promise<void> {
    await this.extending;
    await this.fh.close();
  }

  /** Start writing the next window of zeros, if the lines are within half the last window of their end. */
  private extendZeros(): void {
    if (this.extending || this.zerosFailed || this.zeroed - this.end >= this.window / 2) return;
    const from = Math.max(this.zeroed, this.end);
    const size = Math.min(2 * this.window, ZERO_WINDOW);
    this.extendingFrom = from;
    this.extending = this.writeZeros(from, size)
      .then(
        (ok) => {
          if (!ok) {
            this.zerosFailed = true;
            return;
          }
          this.zeroed = from + size;
          this.window = size;
        },
        () => {
          // Disk full or an I/O error: lines extend the file instead; the next journal tries again.
          this.zerosFailed = true;
        },
      )
      .finally(() => {
        this.extending = undefined;
      });
  }

  private async writeZeros(from: number, size: number): Promise<boolean> {
    const fs = await statfs(dirname(this.path));
    if (fs.bavail * fs.bsize < size + KEEP_FREE) return false;
    await this.writeAt(Buffer.alloc(size), from);
    return true;
  }

  /** All of `bytes` at `position`, durable when this resolves. */
  private async writeAt(bytes: Buffer, position: number): Promise<void> {
    let written = 0;
    while (written < bytes.length) {
      const { bytesWritten } = await this.fh.write(bytes, written, bytes.length - written, position + written);
      written += bytesWritten;
    }
    if (!HAS_DSYNC) await this.fh.datasync();
  }
}

/** Whether every byte of `bytes` from `from` on is zero: a journal's tail holds nothing but zeros ahead. */
export function zerosFrom(bytes: Uint8Array, from: number): boolean {
  for (let i = from; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}
