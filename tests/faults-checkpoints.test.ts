import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { kill9, writeAllDayConfig } from './support/child-server.ts';
import { Api, tempDir } from './support/harness.ts';
import { after, newHall, report, runUntilKill, SEED, type Server, startServer, verbose, verify } from './support/mixed-day.ts';
import { seededRandom, sleep } from './support/restarts.ts';

/**
 * The embedded store's checkpoints under kill -9: the mixed day of the fault tests with a
 * journal limit so small that a checkpoint runs every few commits, so most kills land
 * inside one (switching journals, writing hall.json in slices, removing old journals).
 */
describe('faults: kill -9 during checkpoints of the embedded store', () => {
  const dirs: string[] = [];
  let server: Server | undefined;
  afterEach(async () => {
    if (server && server.child.proc.exitCode === null && server.child.proc.signalCode === null) await kill9(server.child);
    server = undefined;
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  it('kill -9 while checkpoints run all the time: nothing lost, nothing twice, and no checkpoint half-kept', async () => {
    const plan = fc.sample(fc.array(fc.integer({ min: 200, max: 900 }), { minLength: 6, maxLength: 6 }), { seed: SEED + 2, numRuns: 1 })[0];
    const rand = seededRandom(SEED + 2);
    const dir = await tempDir('hall-checkpoints-');
    dirs.push(dir);
    const data = join(dir, 'data');
    // A checkpoint every few commits: a kill at a random moment often lands inside one.
    const env = { DATA_DIR: data, HALL_CONFIG: await writeAllDayConfig(dir), HALL_CHECKPOINT_BYTES: '3000' };
    const day = '2026-11-26';
    server = await startServer(env, Date.parse(`${day}T10:00:00+08:00`));
    const hall = await newHall(new Api(server.child.url), [1, 2, 3, 4, 5, 6]);
    let caughtMidCheckpoint = 0;
    // Six kills at the planned moments; on a loaded machine a few more, until one lands inside a checkpoint.
    const MAX_KILLS = 14;
    for (let round = 0; round < plan.length || (caughtMidCheckpoint === 0 && round < MAX_KILLS); round++) {
      const delay = plan[round] ?? 150 + Math.floor(rand() * 600);
      await runUntilKill(hall, server, rand, () => day, () => sleep(delay));
      // A temp snapshot, or more than one journal, is a checkpoint the kill cut short.
      const left = await readdir(data);
      if (left.some((f) => f.endsWith('.tmp')) || left.filter((f) => f.startsWith('journal.')).length > 1) caughtMidCheckpoint++;
      const killed = server;
      server = await startServer(env, after(killed));
      hall.api = new Api(server.child.url);
      await verify(hall, `after kill ${round + 1} (at ${delay} ms, ${hall.uncertain.length} requests in flight)`, day);
      const after9 = await readdir(data);
      if (after9.some((f) => f.endsWith('.tmp'))) hall.failures.push(`after restart ${round + 1}: temp files left: ${after9.join(', ')}`);
    }
    if (verbose) console.log('checkpoints:', JSON.stringify({ kills: plan.length, caughtMidCheckpoint, tickets: hall.tickets.size, acks: hall.acks }));
    expect(hall.tickets.size).toBeGreaterThan(50);
    expect(caughtMidCheckpoint, 'no kill landed inside a checkpoint').toBeGreaterThan(0);
    expect(hall.failures.length, report(hall, 'checkpoints')).toBe(0);
  }, 90_000);

});
