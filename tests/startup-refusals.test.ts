import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runChildToExit, writeAllDayConfig } from './support/child-server.ts';
import { startHall, tempDir, type TestHall } from './support/harness.ts';
import { ManualClock } from '../server/clock.ts';
import { THURSDAY_10AM } from './support/config.ts';

describe('a start that must not happen', () => {
  let dir: string;
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a corrupt data file stops the start with a message naming it, and is left as it was', async () => {
    dir = await tempDir('hall-corrupt-');
    const data = join(dir, 'data');
    await mkdir(data, { recursive: true });
    const garbage = '{"generation": 3, "data": {"tickets": {"x": tru';
    await writeFile(join(data, 'hall.json'), garbage);
    const { code, output } = await runChildToExit({ DATA_DIR: data, HALL_CONFIG: await writeAllDayConfig(dir) });
    expect(code).not.toBe(0);
    expect(output).toContain(join(data, 'hall.json'));
    expect(await readFile(join(data, 'hall.json'), 'utf8')).toBe(garbage);
  });

  it('a corrupt line inside the journal stops the start and names the journal and the line', async () => {
    dir = await tempDir('hall-corrupt-');
    const data = join(dir, 'data');
    await mkdir(data, { recursive: true });
    const journal = '{"g":0,"ch":[{"c":"counters","id":"A","v":1}]}\nnot json at all\n{"g":0,"ch":[]}\n';
    await writeFile(join(data, 'journal.ndjson'), journal);
    const { code, output } = await runChildToExit({ DATA_DIR: data, HALL_CONFIG: await writeAllDayConfig(dir) });
    expect(code).not.toBe(0);
    expect(output).toContain('journal.ndjson');
    expect(output).toContain('line 2');
    expect(await readFile(join(data, 'journal.ndjson'), 'utf8')).toBe(journal);
  });

  it('an invalid hall configuration stops the start naming the field', async () => {
    dir = await tempDir('hall-config-');
    const file = await writeAllDayConfig(dir, (c) => {
      c.services[1].prefix = 'b2';
    });
    const { code, output } = await runChildToExit({ DATA_DIR: join(dir, 'data'), HALL_CONFIG: file });
    expect(code).toBe(1);
    expect(output).toContain('services[1].prefix');
    expect(output).toContain(file);
  });

  it('a configuration that is not JSON stops the start naming the file', async () => {
    dir = await tempDir('hall-config-');
    const file = join(dir, 'hall.json');
    await writeFile(file, '{ "hall": ');
    const { code, output } = await runChildToExit({ DATA_DIR: join(dir, 'data'), HALL_CONFIG: file });
    expect(code).toBe(1);
    expect(output).toContain(file);
    expect(output).toContain('not valid JSON');
  });
});

describe('a damaged file of the embedded store while running', () => {
  let h: TestHall | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('names a damaged day archive in the report’s answer instead of a 500', async () => {
    const clock = new ManualClock(THURSDAY_10AM);
    h = await startHall({ clock });
    await h.api.issue('company');
    clock.set('2026-11-27T10:00:00+08:00');
    await h.hall.engine.ensureBusinessDate();
    const file = join(h.dataDir, 'days', '2026-11-26.json');
    await writeFile(file, '{"businessDate": "2026-11-26", "tick');
    await rm(join(h.dataDir, 'days', '2026-11-26.facts'), { force: true });
    const manager = await h.api.login('9001');
    const r = await h.api.get('/reports/summary?from=2026-11-26&to=2026-11-27', manager);
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('ARCHIVE_UNREADABLE');
    expect(r.body.error.message).toContain('2026-11-26.json');
    expect((await h.api.get('/health')).status).toBe(200);
  });
});
