import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../types.ts';
import { makeDraft, min, NOW } from './fixture.ts';
import { delivered, failedAttempt, retryAll } from './outbox.ts';

const entry = (id: string, nextAttemptAt: number, attempts = 0): OutboxEntry => ({ id, createdAt: min(0), payload: { id } as OutboxEntry['payload'], attempts, nextAttemptAt });

function draftWith(...entries: OutboxEntry[]) {
  const d = makeDraft();
  for (const e of entries) d.model.data.outbox[e.id] = e;
  return d;
}

describe('failedAttempt', () => {
  it.each<{ name: string; stored: number; dueAt: number; next: number }>([
    { name: 'no 重试 meanwhile: the backoff holds', stored: min(50), dueAt: min(50), next: NOW + 30_000 },
    { name: 'a 重试 came during the attempt: due again at once', stored: min(58), dueAt: min(50), next: NOW },
  ])('$name', ({ stored, dueAt, next }) => {
    const d = draftWith(entry('ex-1', stored, 2));
    failedAttempt(d, 'ex-1', 'HTTP 503 maintenance', NOW + 30_000, dueAt);
    expect(d.model.data.outbox['ex-1']).toMatchObject({ attempts: 3, lastError: 'HTTP 503 maintenance', lastAttemptAt: NOW, nextAttemptAt: next });
    expect(d.events).toEqual([{ type: 'outbox-settled' }]);
  });

  it('an entry delivered meanwhile (or unknown) is left alone', () => {
    const d = draftWith();
    failedAttempt(d, 'ex-1', 'HTTP 503', NOW + 30_000, min(50));
    delivered(d, 'ex-1');
    expect(d.changes).toEqual([]);
    expect(d.events).toEqual([]);
  });
});

describe('retryAll', () => {
  it('makes every export due now, one being sent included, and wakes the sender', () => {
    const d = draftWith(entry('waiting', NOW + 600_000, 4), entry('in-flight', min(50), 1), entry('due-now', NOW));
    expect(retryAll(d)).toBe(2);
    expect(Object.values(d.model.data.outbox).map((e) => [e.id, e.nextAttemptAt])).toEqual([
      ['waiting', NOW],
      ['in-flight', NOW],
      ['due-now', NOW],
    ]);
    expect(d.events).toEqual([{ type: 'outbox' }]);
  });

  it('an empty outbox: nothing to do', () => {
    const d = draftWith();
    expect(retryAll(d)).toBe(0);
    expect(d.events).toEqual([]);
  });
});

describe('delivered', () => {
  it('removes the export and tells the managers', () => {
    const d = draftWith(entry('ex-1', min(50)));
    delivered(d, 'ex-1');
    expect(d.changes).toEqual([{ c: 'outbox', id: 'ex-1', v: null }]);
    expect(d.events).toEqual([{ type: 'outbox-settled' }]);
  });
});
