import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../server/clock.ts';
import { startHall, type TestHall } from './support/harness.ts';

/**
 * 接待人次 and 接待人数 over a day of transfers, replayed through the real API and worked out
 * by hand. SPEC §6 defines 接待人次 (served) as visits ended by finish or transfer, at every
 * level; 接待人数 (ticketsServed) counts each ticket, that is each citizen, once per hall,
 * department, service, window or clerk that received it.
 *
 * Thursday 2026-11-26, the test hall: w1 serves company and trader (市场监管), w3 property
 * (自然资源), w5 company (市场监管).
 *
 *   A001  V1 w1 transferred to window w5 · V2 w5 completed
 *   E001  V3 w3 (property) transferred to service company · V4 w5 consulted
 *   B001  V5 w1 rejected
 *   A002  V6 w1 no-show (not served) · V7 w5 completed
 *   A003  V8 w5 transferred to w1 · V9 w1 transferred back to w5 · V10 w5 completed
 */

const DAY = '2026-11-26';
const at = (hhmm: string, day = DAY) => Date.parse(`${day}T${hhmm}:00+08:00`);

type Summary = Record<string, any>;

describe('接待人数: a citizen transferred between windows is received once', () => {
  let h: TestHall;
  let live: Summary;
  let closed: Summary;
  let csv: string[][];

  beforeAll(async () => {
    const clock = new ManualClock(at('08:55'));
    h = await startHall({ clock });
    const api = h.api;
    const set = (hhmm: string) => clock.set(at(hhmm));
    const ok = async (p: Promise<{ status: number; body: any }>) => {
      const r = await p;
      expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
      return r.body;
    };
    const c1 = await api.openWindow(1);
    const c3 = await api.openWindow(3);
    const c5 = await api.openWindow(5);
    set('09:00');
    for (const serviceId of ['company', 'property', 'trader', 'company', 'company']) expect((await api.issue(serviceId)).status).toBe(201);
    const call = (w: string, number: string, token: string) => ok(api.post(`/windows/${w}/call`, { number }, token));

    set('09:10');
    await call('w1', 'A001', c1);
    set('09:12');
    await ok(api.post('/windows/w1/transfer', { windowId: 'w5' }, c1)); // V1
    set('09:13');
    await call('w5', 'A001', c5);
    set('09:14');
    await call('w3', 'E001', c3);
    set('09:15');
    await call('w1', 'B001', c1);
    set('09:18');
    await ok(api.post('/windows/w3/transfer', { serviceId: 'company' }, c3)); // V3
    set('09:20');
    await ok(api.post('/windows/w5/finish', { outcome: 'completed' }, c5)); // V2
    await ok(api.post('/windows/w1/finish', { outcome: 'rejected' }, c1)); // V5
    set('09:21');
    await call('w5', 'E001', c5);
    set('09:22');
    await call('w1', 'A002', c1);
    set('09:24');
    await ok(api.post('/windows/w1/no-show', {}, c1)); // V6
    set('09:25');
    await ok(api.post('/windows/w5/finish', { outcome: 'consulted' }, c5)); // V4
    set('09:26');
    await call('w5', 'A002', c5); // back from no-show and called at once
    set('09:30');
    await ok(api.post('/windows/w5/finish', { outcome: 'completed' }, c5)); // V7
    set('09:31');
    await call('w5', 'A003', c5);
    set('09:33');
    await ok(api.post('/windows/w5/transfer', { windowId: 'w1' }, c5)); // V8
    set('09:34');
    await call('w1', 'A003', c1);
    set('09:36');
    await ok(api.post('/windows/w1/transfer', { windowId: 'w5' }, c1)); // V9
    set('09:37');
    await call('w5', 'A003', c5);
    set('09:45');
    await ok(api.post('/windows/w5/finish', { outcome: 'completed' }, c5)); // V10

    const manager = await api.login('9001');
    live = (await api.get(`/reports/summary?from=${DAY}&to=${DAY}`, manager)).body;

    // The next morning the day is closed: its report is read back from the store.
    clock.set(at('09:00', '2026-11-27'));
    expect((await api.issue('company')).status).toBe(201);
    expect(await h.hall.engine.store.closedDays()).toContain(DAY);
    const nextManager = await api.login('9001');
    closed = (await api.get(`/reports/summary?from=${DAY}&to=${DAY}`, nextManager)).body;
    const res = await fetch(`${h.url}/api/reports/summary?from=${DAY}&to=${DAY}&format=csv`, { headers: { authorization: `Bearer ${nextManager}` } });
    csv = parseCsv(Buffer.from(await res.arrayBuffer()).subarray(3).toString('utf8'));
  });

  afterAll(async () => {
    await h?.close();
  });

  const row = (s: Summary, list: string, id: string) => s[list].find((r: { id: string }) => r.id === id);

  it('counts the hall’s visits in 接待人次 and its citizens once in 接待人数', () => {
    expect(live.hall).toMatchObject({
      issued: 5,
      calls: 10, // V1..V10
      served: 9, // all but the no-show V6
      ticketsServed: 5, // A001 E001 B001 A002 A003, each once however many windows it saw
      noShows: 1,
      transferred: 4, // V1 V3 V8 V9
      completed: 3, // V2 V7 V10
      consulted: 1, // V4
      rejected: 1, // V5
    });
  });

  it('counts a department’s and a service’s citizens once, each counting the citizens it received', () => {
    // 市场监管: every visit but V3; E001 came to it by transfer. 自然资源: V3 only.
    expect(row(live, 'departments', 'scjg')).toMatchObject({ issued: 4, calls: 9, served: 8, ticketsServed: 5 });
    expect(row(live, 'departments', 'zrzy')).toMatchObject({ issued: 1, calls: 1, served: 1, ticketsServed: 1 });
    // company: V1 V2 V4 V6 V7 V8 V9 V10, of A001 E001 A002 A003.
    expect(row(live, 'services', 'company')).toMatchObject({ issued: 3, calls: 8, served: 7, ticketsServed: 4 });
    expect(row(live, 'services', 'property')).toMatchObject({ issued: 1, calls: 1, served: 1, ticketsServed: 1 });
    expect(row(live, 'services', 'trader')).toMatchObject({ issued: 1, calls: 1, served: 1, ticketsServed: 1 });
  });

  it('counts every visit for a window’s and a clerk’s volume, and a ticket back at the same window once in 接待人数', () => {
    // w1: V1 V5 V6 V9 (A001 B001 A002 A003, A002 a no-show); w5: V2 V4 V7 V8 V10 (A003 twice).
    expect(row(live, 'windows', 'w1')).toMatchObject({ calls: 4, served: 3, ticketsServed: 3 });
    expect(row(live, 'windows', 'w5')).toMatchObject({ calls: 5, served: 5, ticketsServed: 4 });
    expect(row(live, 'windows', 'w3')).toMatchObject({ calls: 1, served: 1, ticketsServed: 1 });
    expect(row(live, 'clerks', 'c1')).toMatchObject({ served: 3, ticketsServed: 3 });
    expect(row(live, 'clerks', 'c5')).toMatchObject({ served: 5, ticketsServed: 4 });
  });

  it('gives the same figures once the day is closed and read from the store', () => {
    expect(closed.hall).toEqual(live.hall);
    for (const list of ['departments', 'services', 'windows', 'clerks']) expect(closed[list], list).toEqual(live[list]);
  });

  it('exports 接待人数 beside 接待人次', () => {
    const col = (name: string) => csv[0].indexOf(name);
    expect(col('接待人数')).toBe(col('接待人次') + 1);
    const hall = csv.find((r) => r[0] === '全馆')!;
    expect([hall[col('接待人次')], hall[col('接待人数')]]).toEqual(['9', '5']);
    const zrzy = csv.find((r) => r[0] === '部门' && r[1] === 'zrzy')!;
    expect([zrzy[col('接待人次')], zrzy[col('接待人数')]]).toEqual(['1', '1']);
  });
});
