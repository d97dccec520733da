import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIRST_ZERO_WINDOW, JournalFile } from './journal-file.ts';

type Write = (buffer: Buffer, offset: number, length: number, position: number) => Promise<{ bytesWritten: number }>;

/** Hold back every write of zeros by `ms`, as a slow disk would: lines go straight through. */
function slowZeros(file: JournalFile, ms: number): void {
  const fh = (file as unknown as { fh: { write: Write } }).fh;
  const write = fh.write.bind(fh);
  fh.write = async (buffer, offset, length, position) => {
    if (buffer.subarray(offset, offset + length).every((b) => b === 0)) await new Promise((r) => setTimeout(r, ms));
    return write(buffer, offset, length, position);
  };
}

const line = (char: string, bytes: number) => Buffer.from(`${char.repeat(bytes - 1)}\n`);

describe('JournalFile', () => {
  let dir: string;
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('holds a line back while zeros are still being written where it would go, so no zero lands on it', async () => {
    dir = await mkdtemp(join(tmpdir(), 'journal-file-'));
    const path = join(dir, 'journal.0.ndjson');
    const file = await JournalFile.open(path);
    slowZeros(file, 100);
    // Past half the first window: the next window starts, from the first window's end.
    const a = line('a', Math.floor(FIRST_ZERO_WINDOW * 0.6));
    await file.append(a);
    // This one reaches past the first window's end, where the zeros are still on their way.
    const b = line('b', Math.floor(FIRST_ZERO_WINDOW * 0.6));
    await file.append(b);
    await file.close();
    const bytes = await readFile(path);
    expect(bytes.subarray(0, a.length + b.length).equals(Buffer.concat([a, b]))).toBe(true);
    expect(bytes.subarray(a.length + b.length).every((x) => x === 0)).toBe(true);
    expect(bytes.length).toBe(3 * FIRST_ZERO_WINDOW);
  });

  it('cuts a torn tail off at open, then writes its zeros and the next line after the last complete one', async () => {
    dir = await mkdtemp(join(tmpdir(), 'journal-file-'));
    const path = join(dir, 'journal.0.ndjson');
    await writeFile(path, 'one\ntwo\n{"ch":[["+"');
    const file = await JournalFile.open(path, { end: 8, size: 19, zerosAfter: false });
    expect((await stat(path)).size).toBe(8 + FIRST_ZERO_WINDOW);
    await file.append(Buffer.from('three\n'));
    await file.close();
    const bytes = await readFile(path);
    expect(bytes.toString('utf8', 0, bytes.indexOf(0))).toBe('one\ntwo\nthree\n');
  });
});
