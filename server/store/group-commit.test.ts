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

  it('writes the next batch while the last one is answered, and answers in commit order', async () => {
    const held = heldWrites();
    const commits = new GroupCommit(held.write, () => undefined);
    const log: string[] = [];
    void commits.commit(change(0));
    const batch = Array.from({ length: 2 * ANSWER_SLICE + 1 }, (_, i) => commits.commit(change(i + 1)).then(() => log.push(`answered ${i + 1}`)));
    held.finish(0);
    await until(() => held.batches.length === 2);
    const later = commits.commit(change(99)).then(() => log.push('answered 99'));
    held.finish(1);
    await until(() => held.batches.length === 3);
    log.push('third write began');
    // The third write began before the second batch's last slice was answered (it waited for all of them before).
    expect(log.indexOf('third write began')).toBeLessThan(2 * ANSWER_SLICE + 1);
    held.finish(2);
    await Promise.all([...batch, later]);
    expect(log.filter((x) => x.startsWith('answered'))).toEqual([...Array.from({ length: 2 * ANSWER_SLICE + 1 }, (_, i) => `answered ${i + 1}`), 'answered 99']);
  });

  it('writes a commit made as the last batch is answered (nothing is left queued when the writer stops)', async () => {
    const commits = new GroupCommit(async () => undefined, () => undefined);
    // Each commit is made by the answer to the one before, while its batch is still being answered.
    const chain = (async () => {
      for (let i = 0; i < 5; i++) await commits.commit(change(i));
      return 'all answered';
    })();
    expect(await Promise.race([chain, new Promise((r) => setTimeout(() => r('stuck'), 1000))])).toBe('all answered');
  });

  it('answers the batch before a failed write, then refuses the failed one and the rest', async () => {
    const finishers: Array<(e?: Error) => void> = [];
    const commits = new GroupCommit(
      () => new Promise<void>((resolve, reject) => finishers.push((e) => (e ? reject(e) : resolve()))),
      () => undefined,
    );
    const log: string[] = [];
    const record = (p: Promise<void>, name: string) => p.then(() => log.push(`${name} answered`), () => log.push(`${name} refused`));
    const first = record(commits.commit(change(0)), 'c0');
    const second = Array.from({ length: 2 * ANSWER_SLICE }, (_, i) => record(commits.commit(change(i + 1)), `c${i + 1}`));
    finishers[0]();
    await until(() => finishers.length === 2);
    const third = record(commits.commit(change(99)), 'c99');
    finishers[1]();
    await until(() => finishers.length === 3);
    finishers[2](new Error('disk full'));
    await Promise.all([first, ...second, third]);
    expect(log).toEqual(['c0 answered', ...Array.from({ length: 2 * ANSWER_SLICE }, (_, i) => `c${i + 1} answered`), 'c99 refused']);
    await expect(commits.commit(change(100))).rejects.toThrow();
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
