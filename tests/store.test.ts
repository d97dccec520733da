import { constants } from 'node:fs';
import { appendFile, open, readdir, readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ticketToken } from '../server/ids.ts';
import { FIRST_ZERO_WINDOW, type JournalFile, ZERO_WINDOW } from '../server/store/journal-file.ts';
import { LowdbStore } from '../server/store/lowdb-store.ts';
import type { Ticket } from '../shared/types.ts';
import { tempDir } from './support/harness.ts';

const ticket = (id: string, number: string, extra: Partial<Ticket> = {}): Ticket => ({
  id,
  token: 't',
  number,
  prefix: 'A',
  seq: Number(number.slice(1)),
  businessDate: '2026-11-26',
  serviceId: 'company',
  issuedServiceId: 'company',
  priority: false,
  status: 'waiting',
  issuedAt: 1,
  enqueuedAt: 1,
  kioskId: 'k',
  visits: [],
  ...extra,
});

async function files(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

/** A journal's lines: what comes before the zeros written ahead of them. */
async function journalLines(dir: string, name = 'journal.0.ndjson'): Promise<string[]> {
  const bytes = await readFile(join(dir, name));
  const end = bytes.indexOf(0);
  return bytes.toString('utf8', 0, end === -1 ? bytes.length : end).trim().split('\n');
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('the lowdb store with its journal', () => {
  let dir: string;
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('opens each journal so that a write returns only once it is on the disk (O_DSYNC), after a checkpoint too', async () => {
    dir = await tempDir('store-');
    const store = new LowdbStore(dir);
    await store.open();
    // The kernel's view of the file as this process holds it: the flags it was opened with.
    const journalFlags = async () => {
      for (const fd of await readdir('/proc/self/fd')) {
        const target = await readlink(`/proc/self/fd/${fd}`).catch(() => '');
        if (target.startsWith(dir) && /journal\.\d+\.ndjson$/.test(target)) {
          const info = await readFile(`/proc/self/fdinfo/${fd}`, 'utf8');
          return { file: target.slice(dir.length + 1), flags: parseInt(/flags:\s+(\d+)/.exec(info)![1], 8) };
        }
      }
      return undefined;
    };
    expect(await journalFlags()).toMatchObject({ file: 'journal.0.ndjson' });
    expect((await journalFlags())!.flags & constants.O_DSYNC).toBe(constants.O_DSYNC);
    await store.commit([{ c: 'tickets', id: 't1', v: ticket('t1', 'A001') }]);
    await store.checkpoint();
    expect(await journalFlags()).toMatchObject({ file: 'journal.1.ndjson' });
    expect((await journalFlags())!.flags & constants.O_DSYNC).toBe(constants.O_DSYNC);
    await store.close();
  });

  it('replays committed changes after a restart without a checkpoint', async () => {
    dir = await tempDir('store-');
    const a = new LowdbStore(dir);
    await a.open();
    await a.commit([{ c: 'tickets', id: 't1', v: ticket('t1', 'A001') }, { c: 'counters', id: 'A', v: 1 }]);
    await a.commit([{ c: 'tickets', id: 't2', v: ticket('t2', 'A002') }, { c: 'counters', id: 'A', v: 2 }]);
    await a.commit([{ c: 'tickets', id: 't1', v: null }]);
    // No close: as after a crash.
    const b = new LowdbStore(dir);
    const data = await b.open();
    expect(Object.keys(data.tickets)).toEqual(['t2']);
    expect(data.tickets.t2).toEqual(ticket('t2', 'A002'));
    expect(data.counters).toEqual({ A: 2 });
    await b.close();
    await a.close();
  });

  it('journals an update as the fields that changed, and a new ticket without what follows from the rest', async () => {
    dir = await tempDir('store-');
    const a = new LowdbStore(dir);
    await a.open();
    const key = 'k'.repeat(32);
    const id = '20261126-abcdefghij';
    const t = ticket(id, 'A001', { token: ticketToken(key, id) });
    await a.commit([{ c: 'meta', id: 'tokenKey', v: key }]);
    await a.commit([{ c: 'tickets', id, v: t }]);
    const called = { ...t, status: 'called' as const, firstCalledAt: 5 };
    await a.commit([{ c: 'tickets', id, v: called, patch: { set: { status: 'called', firstCalledAt: 5 } } }]);
    const lines = await journalLines(dir);
    expect(lines[1]).not.toContain(t.token);
    expect(lines[1]).not.toContain('2026-11-26');
    expect(lines[2]).toBe(`{"ch":[["~","t","${id}",{"status":"called","firstCalledAt":5}]]}`);
    const b = new LowdbStore(dir);
    expect((await b.open()).tickets[id]).toEqual(called);
    await b.close();
    await a.close();
  });

  it('drops a torn last line (a commit that never finished) and keeps appending after it', async () => {
    dir = await tempDir('store-');
    const a = new LowdbStore(dir);
    await a.open();
    await a.commit([{ c: 'counters', id: 'A', v: 1 }]);
    await a.close();
    await appendFile(join(dir, 'journal.0.ndjson'), '{"ch":[["+","n","A",');
    const b = new LowdbStore(dir);
    expect((await b.open()).counters).toEqual({ A: 1 });
    await b.commit([{ c: 'counters', id: 'B', v: 1 }]);
    await b.close();
    const c = new LowdbStore(dir);
    expect((await c.open()).counters).toEqual({ A: 1, B: 1 });
    await c.close();
  });

  it('writes its lines over zeros made durable ahead of them, in windows that grow, and reads up to the first zero', async () => {
    dir = await tempDir('store-');
    const a = new LowdbStore(dir);
    await a.open();
    const path = join(dir, 'journal.0.ndjson');
    // Before the first commit the first window of zeros is on the disk.
    expect((await stat(path)).size).toBe(FIRST_ZERO_WINDOW);
    const big = 'x'.repeat(20_000);
    let n = 0;
    const linesEnd = async () => (await readFile(path)).indexOf(0);
    const commitUntil = async (bytes: number) => {
      while ((await linesEnd()) < bytes) {
        n++;
        await a.commit([{ c: 'tickets', id: `t${n}`, v: ticket(`t${n}`, `A${String(n).padStart(3, '0')}`, { kioskId: big }) }]);
      }
    };
    // Within half a window of the zeros' end, the next window, twice as large, is written.
    await commitUntil(FIRST_ZERO_WINDOW * 0.6);
    await until(async () => (await stat(path)).size === 3 * FIRST_ZERO_WINDOW, 'the second window of zeros');
    // Windows double up to ZERO_WINDOW, and stay there.
    let size = 3 * FIRST_ZERO_WINDOW;
    for (let window = 4 * FIRST_ZERO_WINDOW; window <= 2 * ZERO_WINDOW; window *= 2) {
      await commitUntil(size - Math.min(window, 2 * ZERO_WINDOW) / 4 + 1);
      size += Math.min(window, ZERO_WINDOW);
      await until(async () => (await stat(path)).size === size, `zeros up to ${size}`);
    }
    expect(size).toBe(3 * FIRST_ZERO_WINDOW + 4 * FIRST_ZERO_WINDOW + 8 * FIRST_ZERO_WINDOW + 2 * ZERO_WINDOW);
    const bytes = await readFile(path);
    expect(bytes.subarray(bytes.indexOf(0)).every((b) => b === 0)).toBe(true);
    expect(await journalLines(dir)).toHaveLength(n);
    await a.close();
    const b = new LowdbStore(dir);
    expect(Object.keys((await b.open()).tickets)).toHaveLength(n);
    await b.close();
  });

  it('drops a line torn inside the zeros ahead: the first zero byte ends the lines', async () => {
    dir = await tempDir('store-');
    const a = new LowdbStore(dir);
    await a.open();
    await a.commit([{ c: 'counters', id: 'A', v: 1 }]);
    await a.close();
    const path = join(dir, 'journal.0.ndjson');
    const end = (await readFile(path)).indexOf(0);
    // A write cut short by a crash: its start and its end on the disk, a sector between still zeros.
    const torn = Buffer.from('{"ch":[["+","n","B",1]]}\n');
    torn.fill(0, 8, 16);
    const fh = await open(path, 'r+');
    await fh.write(torn, 0, torn.length, end);
    await fh.close();
    const b = new LowdbStore(dir);
    expect((await b.open()).counters).toEqual({ A: 1 });
    await b.commit([{ c: 'counters', id: 'C', v: 1 }]);
    await b.close();
    // What it replayed went into hall.json; the next line starts the next journal.
    expect(await journalLines(dir, 'journal.1.ndjson')).toEqual(['{"ch":[["+","n","C",1]]}']);
    const c = new LowdbStore(dir);
    expect((await c.open()).counters).toEqual({ A: 1, C: 1 });
    await c.close();
  });

  it('a checkpoint starts a new journal and removes the old; an old journal left by a crash is never replayed twice', async () => {
    dir = await tempDir('store-');
    const a = new LowdbStore(dir);
    await a.open();
    await a.commit([{ c: 'tickets', id: 't1', v: ticket('t1', 'A001') }]);
    await a.commit([{ c: 'tickets', id: 't1', v: ticket('t1', 'A001', { status: 'called' }), patch: { set: { status: 'called' } } }]);
    await a.commit([{ c: 'tickets', id: 't1', v: null }]);
    const journalBefore = await readFile(join(dir, 'journal.0.ndjson'), 'utf8');
    await a.checkpoint();
    expect(await files(dir)).toEqual(['days', 'hall.json', 'journal.1.ndjson']);
    expect(JSON.parse(await readFile(join(dir, 'hall.json'), 'utf8')).generation).toBe(1);
    await a.commit([{ c: 'counters', id: 'A', v: 1 }]);
    await a.close();
    // As if the process died after writing hall.json but before removing the old journal:
    // replaying it would bring back t1, which was removed.
    await writeFile(join(dir, 'journal.0.ndjson'), journalBefore);
    const b = new LowdbStore(dir);
    const data = await b.open();
    expect(data.tickets).toEqual({});
    expect(data.counters).toEqual({ A: 1 });
    expect(await files(dir)).not.toContain('journal.0.ndjson');
    await b.close();
  });

  it('checkpoints by itself once the journal passes its size limit, while commits go on', async () => {
    dir = await tempDir('store-');
    const a = new LowdbStore(dir, { checkpointBytes: 2000 });
    await a.open();
    const commits: Array<Promise<void>> = [];
    for (let i = 1; i <= 300; i++) {
      const c = a.commit([{ c: 'tickets', id: `t${i}`, v: ticket(`t${i}`, `A${String(i).padStart(3, '0')}`) }]);
      commits.push(c);
      if (i % 10 === 0) await c;
    }
    await Promise.all(commits);
    await until(() => a.stats().checkpoints >= 2, 'checkpoints');
    await a.close();
    const b = new LowdbStore(dir);
    expect(Object.keys((await b.open()).tickets)).toHaveLength(300);
    await b.close();
  });

  it('group-commits concurrent writes and keeps their order', async () => {
    dir = await tempDir('store-');
    const a = new LowdbStore(dir);
    await a.open();
    await Promise.all(Array.from({ length: 100 }, (_, i) => a.commit([{ c: 'counters', id: 'A', v: i + 1 }])));
    const lines = await journalLines(dir);
    expect(lines).toHaveLength(100);
    const b = new LowdbStore(dir);
    expect((await b.open()).counters.A).toBe(100);
    await b.close();
    await a.close();
  });

  it('closes a day in one step: its last changes, the closed day, the new date; a restart sees the same', async () => {
    dir = await tempDir('store-');
    const a = new LowdbStore(dir);
    await a.open();
    await a.commit([{ c: 'meta', id: 'businessDate', v: '2026-11-25' }]);
    await a.commit([{ c: 'tickets', id: 't1', v: ticket('t1', 'A001') }, { c: 'counters', id: 'A', v: 1 }]);
    await a.commit([{ c: 'reviews', id: 'rv-1', v: { id: 'rv-1' } as never }]);
    const cancelled = ticket('t1', 'A001', { status: 'cancelled', cancelReason: 'day-closed' });
    await a.closeDay({ date: '2026-11-25', nextDate: '2026-11-26', closedAt: 5, changes: [{ c: 'tickets', id: 't1', v: cancelled }] });
    const day = await a.readClosedDay('2026-11-25');
    expect(day).toMatchObject({ businessDate: '2026-11-25', closedAt: 5, counters: { A: 1 }, tickets: [cancelled] });
    expect(await a.closedDays()).toEqual(['2026-11-25']);
    expect((await a.closedDayFacts('2026-11-25'))?.t.service.length).toBe(1);
    expect(await a.readClosedDay('2026-11-24')).toBeNull();
    expect(await a.readClosedDay('../../etc/passwd')).toBeNull();
    await a.close();
    const b = new LowdbStore(dir);
    const data = await b.open();
    expect(data.meta.businessDate).toBe('2026-11-26');
    expect(data.tickets).toEqual({});
    expect(data.counters).toEqual({});
    expect(Object.keys(data.reviews)).toEqual(['rv-1']);
    await b.close();
  });

  it('a day close whose journal line failed leaves the day open, before and after a restart', async () => {
    dir = await tempDir('store-');
    const a = new LowdbStore(dir);
    await a.open();
    await a.commit([{ c: 'meta', id: 'businessDate', v: '2026-11-25' }]);
    await a.commit([{ c: 'tickets', id: 't1', v: ticket('t1', 'A001') }]);
    // The closed day's file is written; then the journal's write fails as a full disk's would.
    const journal = (a as unknown as { journal: JournalFile }).journal;
    journal.append = () => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
    await expect(a.closeDay({ date: '2026-11-25', nextDate: '2026-11-26', closedAt: 5, changes: [] })).rejects.toThrow(/storage write failed/);
    expect(await files(join(dir, 'days'))).toEqual(['2026-11-25.json']);
    expect(await a.closedDays()).toEqual([]);
    expect(await a.readClosedDay('2026-11-25')).not.toBeNull(); // there, but not closed: nobody asks for it
    await a.close();
    const b = new LowdbStore(dir);
    const data = await b.open();
    expect(data.meta.businessDate).toBe('2026-11-25');
    expect(Object.keys(data.tickets)).toEqual(['t1']);
    expect(await b.closedDays()).toEqual([]);
    // Closed again, the file is rewritten with what the day holds now.
    await b.commit([{ c: 'tickets', id: 't2', v: ticket('t2', 'A002') }]);
    await b.closeDay({ date: '2026-11-25', nextDate: '2026-11-26', closedAt: 9, changes: [] });
    expect((await b.readClosedDay('2026-11-25'))?.tickets.map((t) => t.id)).toEqual(['t1', 't2']);
    expect(await b.closedDays()).toEqual(['2026-11-25']);
    await b.close();
  });

  it('removes temp files a killed write left behind', async () => {
    dir = await tempDir('store-');
    const a = new LowdbStore(dir);
    await a.open();
    await a.close();
    await writeFile(join(dir, '.hall.json.12345.tmp'), '{"generation":');
    await writeFile(join(dir, 'days', '.2026-11-25.json.12345.tmp'), '{');
    const b = new LowdbStore(dir);
    await b.open();
    expect((await files(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(await files(join(dir, 'days'))).toEqual([]);
    await b.close();
  });

  it('reads the single journal of earlier versions once, then folds it in', async () => {
    dir = await tempDir('store-');
    await writeFile(join(dir, 'hall.json'), JSON.stringify({ generation: 3, data: { meta: { businessDate: '2026-11-26' }, counters: { A: 1 } } }));
    const older = [
      '{"g":2,"ch":[{"c":"counters","id":"A","v":99}]}', // already in hall.json
      `{"g":3,"ch":[{"c":"tickets","id":"t1","v":${JSON.stringify(ticket('t1', 'A002'))}},{"c":"counters","id":"A","v":2}]}`,
      '{"g":3,"ch":[{"c":"tickets","id":"t1","s":{"status":"called"}}]}',
    ];
    await writeFile(join(dir, 'journal.ndjson'), `${older.join('\n')}\n`);
    const a = new LowdbStore(dir);
    const data = await a.open();
    expect(data.counters).toEqual({ A: 2 });
    expect(data.tickets.t1.status).toBe('called');
    expect(await files(dir)).not.toContain('journal.ndjson');
    await a.close();
    const b = new LowdbStore(dir);
    expect((await b.open()).tickets.t1.status).toBe('called');
    await b.close();
  });
});
