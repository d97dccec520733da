import { open, type FileHandle } from 'node:fs/promises';

/**
 * The physical limit of an acknowledged write on this disk, for the durable baseline: each
 * request's line is appended to one file and `fdatasync`ed before it is answered. Lines
 * that arrive while a write is in flight wait and go together in the next one (group
 * commit), as any journal that keeps up with a busy hall must.
 */
export class DurableLog {
  private waiting: Array<{ line: string; done: (e?: unknown) => void }> = [];
  private writing = false;
  /** fdatasync calls, the longest, and how many took over 25 ms (as LowdbStore.stats counts them). */
  readonly syncs = { n: 0, maxMs: 0, slow: 0 };

  private constructor(private readonly file: FileHandle) {}

  static async open(path: string): Promise<DurableLog> {
    return new DurableLog(await open(path, 'a'));
  }

  append(line: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ line, done: (e) => (e ? reject(e) : resolve()) });
      if (!this.writing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.writing = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting;
      this.waiting = [];
      try {
        await this.file.write(batch.map((b) => `${b.line}\n`).join(''));
        const t0 = performance.now();
        await this.file.datasync();
        const ms = performance.now() - t0;
        this.syncs.n++;
        this.syncs.maxMs = Math.max(this.syncs.maxMs, ms);
        if (ms > 25) this.syncs.slow++;
        for (const b of batch) b.done();
      } catch (e) {
        for (const b of batch) b.done(e);
      }
    }
    this.writing = false;
  }

  close(): Promise<void> {
    return this.file.close();
  }
}
