import { open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { StoreCorruptError } from './errors.ts';
import { writeJsonInSlices } from './json-slices.ts';

/**
 * A lowdb adapter whose write survives a crash or power cut at any moment: the JSON goes
 * to a temporary file that is fsynced and then renamed over the old one, and the folder
 * is fsynced so the rename itself is on disk. The JSON is written in slices that yield to
 * the event loop (json-slices.ts), so a large file never stalls the server. A file that
 * exists but cannot be parsed is reported, never replaced.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  /** `depth`: how many levels of the data are walked entry by entry while writing. */
  constructor(
    readonly file: string,
    private readonly depth = 3,
  ) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new StoreCorruptError(this.file, (e as Error).message);
    }
    try {
      return JSON.parse(text) as T;
    } catch (e) {
      throw new StoreCorruptError(this.file, (e as Error).message);
    }
  }

  /** The caller must not change `data` until this resolves: records are replaced, never changed in place. */
  write(data: T): Promise<void> {
    return writeDurably(this.file, (write) => writeJsonInSlices(data, this.depth, write));
  }
}

const TEMP_SUFFIX = '.tmp';

/** Write a file through a temporary one, fsync it, rename it into place and fsync the folder. */
export async function writeDurably(file: string, produce: (write: (chunk: Buffer) => Promise<void>) => Promise<void>): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}${TEMP_SUFFIX}`);
  const fh = await open(tmp, 'w');
  try {
    await produce(async (chunk) => {
      // writeFile on a handle writes all of it from the current position, looping over short writes.
      await fh.writeFile(chunk);
    });
    await fh.sync();
  } catch (e) {
    // Disk full or I/O error: leave the old file as it was, and no half-written temp file.
    await fh.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await fh.close();
  await rename(tmp, file);
  await syncDir(dirname(file));
}

/** Remove what a write killed half-way left behind (it was never renamed into place). */
export async function removeStaleTemps(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const stale = names.filter((n) => n.startsWith('.') && n.endsWith(TEMP_SUFFIX));
  for (const n of stale) await unlink(join(dir, n)).catch(() => undefined);
  return stale;
}

export async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
