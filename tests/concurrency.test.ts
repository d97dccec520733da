import { afterEach, describe, expect, it } from 'vitest';
import { startHall, type TestHall } from './support/harness.ts';

describe('many windows calling at once', () => {
  let h: TestHall;
  afterEach(async () => {
    await h.close();
  });

  it('twenty windows calling next at the same moment on a queue of fifty call every ticket exactly once', async () => {
    h = await startHall();
    const issued: string[] = [];
    for (let i = 0; i < 50; i++) issued.push((await h.api.issue('company')).body.ticket.number);
    // Windows 5..20 serve only "company"; 1 serves company+trader; 4 does not serve company.
    const windows = [1, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20];
    const extra = [2, 3, 4]; // they serve other services: they must get nothing of company's
    const tokens = await Promise.all([...windows, ...extra].map((n) => h.api.openWindow(n)));
    const all = [...windows, ...extra];
    const called: Array<{ window: number; number: string | null }> = [];
    let round = 0;
    for (;;) {
      round++;
      const results = await Promise.all(
        all.map(async (n, i) => {
          const r = await h.api.post(`/windows/w${n}/call-next`, {}, tokens[i]);
          expect(r.status).toBe(200);
          const number = r.body.ticket?.number ?? null;
          if (number) {
            const done = await h.api.post(`/windows/w${n}/finish`, { outcome: 'consulted' }, tokens[i]);
            expect(done.status).toBe(200);
          }
          return { window: n, number };
        }),
      );
      called.push(...results);
      if (results.every((r) => r.number === null)) break;
      expect(round).toBeLessThan(10);
    }
    const numbers = called.map((c) => c.number).filter((n): n is string => n !== null);
    expect(numbers).toHaveLength(50);
    expect(new Set(numbers).size).toBe(50);
    expect([...numbers].sort()).toEqual([...issued].sort());
    expect(called.filter((c) => extra.includes(c.window) && c.number)).toEqual([]);
    const tickets = Object.values(h.hall.engine.data.tickets);
    expect(tickets.every((t) => t.visits.length === 1 && t.status === 'done')).toBe(true);
  });

  it('a double click on call-next calls one ticket; the second click is refused as busy', async () => {
    h = await startHall();
    await h.api.issue('company');
    await h.api.issue('company');
    const clerk = await h.api.openWindow(5);
    const [a, b] = await Promise.all([h.api.post('/windows/w5/call-next', {}, clerk), h.api.post('/windows/w5/call-next', {}, clerk)]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    expect([a, b].find((r) => r.status === 409)!.body.error.code).toBe('WINDOW_BUSY');
    const waiting = Object.values(h.hall.engine.data.tickets).filter((t) => t.status === 'waiting');
    expect(waiting).toHaveLength(1);
  });
});
