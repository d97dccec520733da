import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { StoreCorruptError } from './errors.ts';

/**
 * A lowdb adapter whose write survives a crash or power cut at any moment: the JSON goes
 * to a temporary file that is fsynced and then renamed over the old one, and the folder
 * is fsynced so the rename itself is on disk. A file that exists but cannot be parsed is
 * reported, never replaced.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  constructor(readonly file: string) {}

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

  write(data: T): Promise<void> {
    // Serialise now, before any await, so the file holds the data as it was at this call.
    return writeDurably(this.file, JSON.stringify(data));
  }
}

export async function writeDurably(file: string, text: string): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(text, 'utf8');
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

export async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
