import { appendFile, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LowdbStore } from '../server/store/lowdb-store.ts';
import { applyChange, type Change, type HallData } from '../shared/state.ts';
import type { Ticket } from '../shared/types.ts';
import { tempDir } from './support/harness.ts';

const ticket = (id: string, number: string): Ticket => ({
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
});

/** As the engine does: apply to the live data the store returned, then commit. */
function commit(store: LowdbStore, data: HallData, changes: Change[]): Promise<void> {
  for (const c of changes) applyChange(data, c);
  return store.commit(changes);
}

describe('the lowdb store with its journal', () => {
  let dir: string;
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
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
    expect(data.counters).toEqual({ A: 2 });
    await b.close();
    await a.close();
  });

  it('drops a torn last line (a commit that never finished) and keeps appending after it', async () => {
    dir = await tempDir('store-');
    const a = new LowdbStore(dir);
    await a.open();
    await a.commit([{ c: 'counters', id: 'A', v: 1 }]);
    await a.close();
    await appendFile(join(dir, 'journal.ndjson'), '{"g":0,"ch":[{"c":"counters","id":"A","v":');
    const b = new LowdbStore(dir);
    expect((await b.open()).counters).toEqual({ A: 1 });
    await b.commit([{ c: 'counters', id: 'B', v: 1 }]);
    await b.close();
    const c = new LowdbStore(dir);
    expect((await c.open()).counters).toEqual({ A: 1, B: 1 });
    await c.close();
  });

  it('a checkpoint moves the journal into hall.json; lines from before it are never replayed twice', async () => {
    dir = await tempDir('store-');
    const a = new LowdbStore(dir);
    const live = await a.open();
    await commit(a, live, [{ c: 'counters', id: 'A', v: 1 }]);
    await commit(a, live, [{ c: 'counters', id: 'A', v: 2 }]);
    const journalBefore = await readFile(join(dir, 'journal.ndjson'), 'utf8');
    await a.checkpoint();
    expect((await stat(join(dir, 'journal.ndjson'))).size).toBe(0);
    // As if the process died after writing hall.json but before emptying the journal.
    await writeFile(join(dir, 'journal.ndjson'), journalBefore.split('\n')[0] + '\n');
    const b = new LowdbStore(dir);
    expect((await b.open()).counters).toEqual({ A: 2 });
    await b.close();
    await a.close();
  });

  it('checkpoints by itself once the journal passes its size limit, at the first quiet moment', async () => {
    dir = await tempDir('store-');
    const a = new LowdbStore(dir, { checkpointBytes: 2000, quietMs: 50 });
    const live = await a.open();
    for (let i = 1; i <= 30; i++) await commit(a, live, [{ c: 'tickets', id: `t${i}`, v: ticket(`t${i}`, `A${String(i).padStart(3, '0')}`) }]);
    expect((await stat(join(dir, 'journal.ndjson'))).size).toBeGreaterThan(2000); // still busy: not yet
    await new Promise((r) => setTimeout(r, 300));
    expect((await stat(join(dir, 'journal.ndjson'))).size).toBe(0);
    await a.close();
    const b = new LowdbStore(dir);
    expect(Object.keys((await b.open()).tickets)).toHaveLength(30);
    await b.close();
  });

  it('group-commits concurrent writes and keeps their order', async () => {
    dir = await tempDir('store-');
    const a = new LowdbStore(dir);
    await a.open();
    await Promise.all(Array.from({ length: 100 }, (_, i) => a.commit([{ c: 'counters', id: 'A', v: i + 1 }])));
    const lines = (await readFile(join(dir, 'journal.ndjson'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(100);
    const b = new LowdbStore(dir);
    expect((await b.open()).counters.A).toBe(100);
    await b.close();
    await a.close();
  });

  it('archives a business date once and reads it back', async () => {
    dir = await tempDir('store-');
    const a = new LowdbStore(dir);
    await a.open();
    await a.writeDay({ businessDate: '2026-11-25', closedAt: 5, tickets: [ticket('t1', 'A001')], attendance: [], caseCompletions: [], counters: { A: 1 } });
    expect(await a.listDays()).toEqual(['2026-11-25']);
    expect((await a.readDay('2026-11-25'))?.tickets[0].number).toBe('A001');
    expect(await a.readDay('2026-11-24')).toBeNull();
    expect(await a.readDay('../../etc/passwd')).toBeNull();
    await a.close();
  });
});
