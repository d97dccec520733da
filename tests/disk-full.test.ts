import { execFileSync } from 'node:child_process';
import { mkdir, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHall, type TestHall } from './support/harness.ts';

/** A real full disk: a 1 MiB tmpfs (needs root, as CI runs), filled up by a spare file. */
describe('a full disk', () => {
  const mnt = `/tmp/hall-full-${process.pid}`;
  let h: TestHall | undefined;
  afterEach(async () => {
    await h?.stop();
    try {
      execFileSync('umount', [mnt]);
    } catch {
      // not mounted
    }
    await rm(mnt, { recursive: true, force: true });
  });

  it('fails the request with a clear 503, damages nothing stored, and recovers when space returns', async () => {
    await mkdir(mnt, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mnt]);
    const dataDir = join(mnt, 'data');
    h = await startHall({ dataDir });
    await writeFile(join(mnt, 'filler'), Buffer.alloc(1024 * 1024 - 64 * 1024));

    const acknowledged: string[] = [];
    let refusal: { status: number; body: any } | undefined;
    for (let i = 0; i < 2000 && !refusal; i++) {
      const r = await h.api.issue('company');
      if (r.status === 201) acknowledged.push(r.body.ticket.number);
      else refusal = r;
    }
    expect(refusal, 'the disk never filled up').toBeDefined();
    expect(refusal!.status).toBe(503);
    expect(refusal!.body.error.code).toBe('STORAGE_UNAVAILABLE');
    expect(refusal!.body.error.message).toContain('磁盘');
    expect(acknowledged.length).toBeGreaterThan(10);

    // Still up; what failed is not in the queue.
    expect((await h.api.get('/health')).status).toBe(200);
    const hall = await h.api.get('/hall');
    expect(hall.body.services.find((s: { id: string }) => s.id === 'company').waiting).toBe(acknowledged.length);

    // Space comes back: issuing carries on with the next number, without a restart.
    await unlink(join(mnt, 'filler'));
    const next = await h.api.issue('company');
    expect(next.status).toBe(201);
    expect(Number(next.body.ticket.number.slice(1))).toBe(acknowledged.length + 1);

    // A restart finds every acknowledged ticket.
    await h.stop();
    h = await startHall({ dataDir });
    const numbers = Object.values(h.hall.engine.data.tickets).map((t) => t.number).sort();
    expect(numbers).toEqual([...acknowledged, next.body.ticket.number].sort());
  });
});
