import { describe, expect, it } from 'vitest';
import { copyHallData, emptyHallData } from '../../shared/state.ts';
import type { Ticket } from '../../shared/types.ts';
import { copyHallDataInSlices } from './copy-in-slices.ts';

describe('copyHallDataInSlices', () => {
  it('copies what copyHallData copies, into records of their own, letting the loop turn on a big state', async () => {
    const data = emptyHallData();
    data.meta.businessDate = '2026-11-26';
    for (let i = 0; i < 200_000; i++) data.tickets[`t${i}`] = { id: `t${i}`, number: `A${i}` } as unknown as Ticket;
    data.counters.A = { id: 'A', next: 7 } as never;

    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    const copy = await copyHallDataInSlices(data);
    clearInterval(ticking);

    expect(copy).toEqual(copyHallData(data));
    expect(Object.getPrototypeOf(copy.tickets)).toBe(null);
    expect(copy.tickets).not.toBe(data.tickets);
    expect(copy.tickets.t5).toBe(data.tickets.t5);
    delete copy.tickets.t1;
    expect(data.tickets.t1).toBeDefined();
    // 200,000 records do not copy in one slice on any machine this runs on.
    expect(turns).toBeGreaterThan(0);
  });
});
