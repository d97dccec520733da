import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeFacts, decodeFigures, encodeFacts } from '../server/store/report-codecs.ts';
import { LowdbStore } from '../server/store/lowdb-store.ts';
import { toFacts } from '../shared/reports/facts.ts';
import { distribution } from '../shared/reports/stats.ts';
import type { Ticket } from '../shared/types.ts';
import { tempDir } from './support/harness.ts';

function ticket(i: number, extra: Partial<Ticket> = {}): Ticket {
  const issuedAt = 1_764_118_800_000 + i * 60_000;
  return {
    id: `20261126-${String(i).padStart(10, '0')}`,
    token: 'secret',
    number: `A${String(i + 1).padStart(3, '0')}`,
    prefix: 'A',
    seq: i + 1,
    businessDate: '2026-11-26',
    serviceId: 'company',
    issuedServiceId: i % 2 ? 'trader' : 'company',
    priority: false,
    status: 'done',
    issuedAt,
    enqueuedAt: issuedAt,
    kioskId: 'k',
    firstCalledAt: issuedAt + 1000 * i,
    visits: [
      {
        id: `20261126-${String(i).padStart(10, '0')}-1`,
        windowId: `w${(i % 3) + 1}`,
        staffId: `c${(i % 3) + 1}`,
        serviceId: 'company',
        departmentId: 'scjg',
        calledAt: issuedAt + 1000 * i,
        lastCalledAt: issuedAt + 1000 * i,
        callCount: 1,
        endedAt: issuedAt + 1000 * i + 300_000,
        end: i % 2 ? 'accepted' : 'completed',
        ...(i % 4 === 0 ? { rating: { score: 4, at: 0, source: 'phone' } } : {}),
      },
    ],
    ...extra,
  };
}

describe('report facts', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('encode and decode give back every column, dictionary and record', () => {
    const day = {
      businessDate: '2026-11-26',
      tickets: [ticket(0), ticket(1), ticket(2, { visits: [], firstCalledAt: undefined, cancelledAt: 1_764_200_000_000, status: 'cancelled' })],
      attendance: [{ id: 'a1', staffId: 'c1', windowId: 'w1', kind: 'sign-in' as const, at: 5 }],
      caseCompletions: [],
    };
    const facts = toFacts(day);
    const back = decodeFacts(encodeFacts(facts));
    expect(back.services).toEqual(['company', 'trader']);
    expect(back.caseVisitIds).toEqual([day.tickets[1].visits[0].id]);
    expect(back.attendance).toEqual(day.attendance);
    expect([...back.t.issuedAt]).toEqual([...facts.t.issuedAt]);
    expect(Number.isNaN(back.t.firstCalledAt[2])).toBe(true);
    expect(back.t.cancelledAt[2]).toBe(1_764_200_000_000);
    expect([...back.t.firstWindow]).toEqual([0, 1, -1]);
    expect([...back.v.end]).toEqual([1, 2]);
    expect([...back.v.score]).toEqual([4, 0]);
    expect([...back.v.caseKey]).toEqual([-1, 0]);
  });

  it('rebuilds a damaged facts or figures file from the archive', async () => {
    dir = await tempDir('facts-');
    const store = new LowdbStore(dir);
    await store.open();
    await store.importClosedDay({ businessDate: '2026-11-25', closedAt: 0, tickets: [ticket(0), ticket(1)], attendance: [], caseCompletions: [], counters: {} });
    await writeFile(join(dir, 'days', '2026-11-25.facts'), 'garbage');
    const facts = await store.closedDayFacts('2026-11-25');
    expect(facts?.t.service.length).toBe(2);
    const rewritten = await readFile(join(dir, 'days', '2026-11-25.facts'));
    expect(decodeFacts(rewritten).t.service.length).toBe(2);
    // The kept figures likewise: a damaged file is read as missing and rebuilt.
    await writeFile(join(dir, 'days', '2026-11-25.figures'), 'HQG2 and then garbage');
    expect((await store.closedDayFigures(['2026-11-25'])).get('2026-11-25')?.tickets.issued.reduce((a, b) => a + b, 0)).toBe(2);
    expect(decodeFigures(await readFile(join(dir, 'days', '2026-11-25.figures'))).visits.cases.reduce((a, b) => a + b, 0)).toBe(2);
    await store.close();
  });

  it('takes the median, p90 and max by selection exactly as a full sort would', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 1000;
    for (const n of [1, 2, 3, 10, 11, 999, 1000]) {
      const values = Array.from({ length: n }, () => Math.round(random()));
      const sorted = [...values].sort((a, b) => a - b);
      const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
      const d = distribution(values);
      expect(d.median).toBe(Math.round(median * 10) / 10);
      expect(d.p90).toBe(sorted[Math.ceil(0.9 * n) - 1]);
      expect(d.max).toBe(sorted[n - 1]);
    }
  });
});
