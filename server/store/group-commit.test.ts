import { describe, expect, it } from 'vitest';
import type { Change } from '../../shared/state.ts';
import { ANSWER_SLICE, GroupCommit } from './group-commit.ts';

/** A write the test finishes by hand, as a slow sync would finish. */
function heldWrites() {
  const finishers: Array<() => void> = [];
  const batches: number[] = [];
  const write = (batch: Change[][]) =>
    new Promise<void>((resolve) => {
      batches.push(batch.length);
      finishers.push(resolve);
    });
  return { write, batches, finish: (i: number) => finishers[i]() };
}

const change = (n: number): Change[] => [{ c: 'meta', id: 'businessDate', v: `day ${n}` }];
const until = async (check: () => boolean) => {
  while (!check()) await new Promise((r) => setImmediate(r));
};

describe('GroupCommit', () => {
  it('answers a batch held behind a slow write in commit order, a slice per turn of the event loop', async () => {
    const held = heldWrites();
    const commits = new GroupCommit(held.write, () => undefined);
    const log: string[] = [];
    const first = commits.commit(change(0)).then(() => log.push('c0'));
    const queued = 2 * ANSWER_SLICE + 8;
    const rest = Array.from({ length: queued }, (_, i) => commits.commit(change(i + 1)).then(() => log.push(`c${i + 1}`)));
    held.finish(0);
    await first;
    await until(() => held.batches.length === 2);
    expect(held.batches).toEqual([1, queued]);

    // The sync ends in one turn; a timer or request due then runs in the next turn.
    setImmediate(() => {
      held.finish(1);
      setImmediate(() => log.push('next turn'));
    });
    await Promise.all(rest);

    const answers = log.filter((x) => x !== 'next turn');
    expect(answers).toEqual(Array.from({ length: queued + 1 }, (_, i) => `c${i}`));
    // Without slices, all of them were answered before anything else ran.
    expect(log.indexOf('next turn')).toBe(1 + ANSWER_SLICE);
  });

  it('begins the next write only after the last batch is answered', async () => {
    const held = heldWrites();
    const commits = new GroupCommit(held.write, () => undefined);
    const log: string[] = [];
    void commits.commit(change(0));
    const batch = Array.from({ length: ANSWER_SLICE + 1 }, (_, i) => commits.commit(change(i + 1)).then(() => log.push(`answered ${i + 1}`)));
    held.finish(0);
    await until(() => held.batches.length === 2);
    const later = commits.commit(change(99));
    held.finish(1);
    await until(() => held.batches.length === 3);
    log.push('third write began');
    await Promise.all(batch);
    expect(log.at(-1)).toBe('third write began');
    expect(log.indexOf('third write began')).toBe(ANSWER_SLICE + 1);
    held.finish(2);
    await later;
  });

  it('lets a checkpoint or day close in before the batches still queued', async () => {
    const held = heldWrites();
    const commits = new GroupCommit(held.write, () => undefined);
    const log: string[] = [];
    const first = commits.commit(change(0));
    const queued = commits.commit(change(1)).then(() => log.push('queued commit answered'));
    const exclusive = commits.exclusive(async () => {
      log.push(`exclusive ran after ${held.batches.length} write(s)`);
    });
    held.finish(0);
    await first;
    await Promise.race([exclusive, new Promise((r) => setTimeout(r, 1000))]);
    expect(log).toEqual(['exclusive ran after 1 write(s)']);
    // The queued commit goes next.
    await until(() => held.batches.length === 2);
    held.finish(1);
    await queued;
    expect(log).toEqual(['exclusive ran after 1 write(s)', 'queued commit answered']);
  });
});
