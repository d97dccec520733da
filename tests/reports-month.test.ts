import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../server/clock.ts';
import { FIGURE_HEADERS } from '../shared/reports/tables.ts';
import { testConfig } from './support/config.ts';
import { startHall, type TestHall } from './support/harness.ts';

/**
 * A known month replayed through the real API with an injected clock, and every figure
 * checked against values worked out by hand (see the comments: each number's derivation).
 *
 * The test hall: Mon–Fri 09:00–12:00 & 13:30–17:00, Sat 09:00–12:00, Sunday closed;
 * December 2026 has 27 working days (31 less four Sundays). Grace 5 minutes.
 * Targets: company 30 min, trader 20, property 30, forestry 30, household 20.
 * A month this quiet ranks nobody at the default minimum of 20 visits: this hall ranks from 2.
 */

const at = (day: string, hhmm: string) => Date.parse(`${day}T${hhmm}:00+08:00`);
const D1 = '2026-12-01'; // Tuesday
const D2 = '2026-12-02'; // Wednesday
const WINDOW1_KEY = 'window1-key-00000001';

interface Issued {
  id: string;
  number: string;
  token: string;
}

describe('reports over a known month, exact to the hand-worked figures', () => {
  let h: TestHall;
  let clock: ManualClock;
  let manager: string;
  const tickets: Record<string, Issued> = {};

  beforeAll(async () => {
    clock = new ManualClock(at(D1, '08:50'));
    h = await startHall({ clock, config: testConfig((c) => {
        c.rankings = { minVisits: 2 };
      }) });
    const api = h.api;
    const set = (day: string, hhmm: string) => clock.set(at(day, hhmm));
    const issue = async (label: string, serviceId: string, priority = false) => {
      const r = await api.issue(serviceId, { priority });
      expect(r.status).toBe(201);
      tickets[label] = { id: r.body.ticket.id, number: r.body.ticket.number, token: new URL(r.body.ticket.statusUrl).searchParams.get('token')! };
    };
    const ok = async (p: Promise<{ status: number; body: any }>) => {
      const r = await p;
      expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
      return r.body;
    };
    const rate = (label: string, score: number, reason?: string) => ok(api.post(`/tickets/${tickets[label].id}/rating?token=${tickets[label].token}`, { score, ...(reason ? { reason } : {}) }));

    // ---- Day 1, Tuesday 2026-12-01 ----
    set(D1, '08:55');
    const c5 = await api.login('1005');
    const c1 = await api.login('1001');
    const c3 = await api.login('1003');
    set(D1, '08:58');
    await ok(api.post('/windows/w5/sign-in', {}, c5)); // on time
    set(D1, '09:00');
    await ok(api.post('/windows/w3/sign-in', {}, c3)); // on time
    await issue('A001', 'company');
    set(D1, '09:01');
    await issue('A002', 'company');
    set(D1, '09:02');
    await issue('B001', 'trader');
    set(D1, '09:03');
    await issue('E001', 'property');
    set(D1, '09:04');
    await issue('A003', 'company', true);
    set(D1, '09:10');
    expect((await ok(api.post('/windows/w5/call-next', {}, c5))).ticket.number).toBe('A003'); // priority first
    set(D1, '09:12');
    await ok(api.post('/windows/w5/start', {}, c5));
    set(D1, '09:20');
    await ok(api.post('/windows/w1/sign-in', {}, c1)); // late: 09:20 > 09:05
    await ok(api.post('/windows/w5/finish', { outcome: 'completed' }, c5)); // V1 480 s
    set(D1, '09:21');
    await rate('A003', 5);
    set(D1, '09:25');
    expect((await ok(api.post('/windows/w1/call-next', {}, c1))).ticket.number).toBe('A001');
    set(D1, '09:30');
    expect((await ok(api.post('/windows/w3/call-next', {}, c3))).ticket.number).toBe('E001');
    set(D1, '09:31');
    await ok(api.post('/windows/w3/start', {}, c3));
    set(D1, '09:40');
    const v2 = await ok(api.post('/windows/w1/finish', { outcome: 'accepted', note: '材料齐全，待审批' }, c1)); // V2 900 s
    const padVisit = v2.ticket.visits[0].id;
    await ok(api.post('/windows/w1/rating', { visitId: padVisit, score: 2, reason: '等候时间太长' }, WINDOW1_KEY));
    set(D1, '09:41');
    expect((await ok(api.post('/windows/w1/call-next', {}, c1))).ticket.number).toBe('A002');
    set(D1, '09:45');
    await ok(api.post('/windows/w3/transfer', { serviceId: 'company' }, c3)); // V3 840 s, transferred
    set(D1, '09:46');
    await ok(api.post('/windows/w1/no-show', {}, c1)); // V4 no-show
    await rate('E001', 4); // the transferred visit
    set(D1, '09:50');
    await ok(api.post('/windows/w1/requeue', { number: 'A002' }, c1));
    expect((await ok(api.post('/windows/w5/call-next', {}, c5))).ticket.number).toBe('E001'); // enqueued 09:45 < A002 09:50
    set(D1, '10:00');
    await ok(api.post('/windows/w5/finish', { outcome: 'consulted' }, c5)); // V5 600 s
    await rate('E001', 3);
    set(D1, '10:01');
    expect((await ok(api.post('/windows/w1/call-next', {}, c1))).ticket.number).toBe('B001');
    set(D1, '10:06');
    await ok(api.post('/windows/w1/finish', { outcome: 'rejected' }, c1)); // V6 300 s
    await rate('B001', 1, '办理效率低');
    set(D1, '10:10');
    expect((await ok(api.post('/windows/w1/call-next', {}, c1))).ticket.number).toBe('A002');
    set(D1, '10:20');
    await ok(api.post('/windows/w1/finish', { outcome: 'completed' }, c1)); // V7 600 s
    set(D1, '10:30');
    await ok(api.post('/windows/w5/pause', { reason: 'break' }, c5));
    set(D1, '10:45');
    await ok(api.post('/windows/w5/resume', {}, c5));
    set(D1, '11:00');
    await issue('L001', 'forestry');
    set(D1, '11:10');
    await ok(api.post(`/tickets/${tickets.L001.id}/cancel?token=${tickets.L001.token}`)); // gave up after 10 min: not counted
    set(D1, '16:00');
    await issue('C001', 'household'); // never called: closed with the day, a service-level miss
    set(D1, '16:30');
    await ok(api.post('/windows/w3/sign-out', {}, c3)); // early: 16:30 < 16:55
    set(D1, '17:00');
    await ok(api.post('/windows/w5/sign-out', {}, c5)); // on time
    // c1 never signs out.

    // ---- Day 2, Wednesday 2026-12-02 ----
    set(D2, '09:00');
    manager = await api.login('9001');
    const c1b = await api.login('1001');
    const c2 = await api.login('1002');
    await ok(api.post('/windows/w1/sign-in', {}, c1b));
    await ok(api.post('/windows/w2/sign-in', {}, c2)); // signs in, serves nobody
    set(D2, '09:05');
    await ok(api.post(`/cases/${tickets.A001.id}/complete`, { note: '审批通过，已发证' }, c1b));
    const reviews = await ok(api.get('/reviews?status=open', manager));
    const padReview = reviews.reviews.find((r: { visitId: string }) => r.visitId === padVisit);
    await ok(api.post(`/reviews/${padReview.id}/resolve`, { note: '已电话回访，说明高峰原因' }, manager));
    set(D2, '09:20');
    const next = await api.issue('company');
    tickets.A001b = { id: next.body.ticket.id, number: next.body.ticket.number, token: '' };
    set(D2, '09:30');
    await ok(api.post('/windows/w1/call-next', {}, c1b));
    set(D2, '09:40');
    await ok(api.post('/windows/w1/finish', { outcome: 'accepted' }, c1b)); // V8 600 s, never completed
    set(D2, '12:00');
    await ok(api.post('/windows/w1/sign-out', {}, c1b)); // early leave
    set(D2, '17:00');
    await ok(api.post('/windows/w2/sign-out', {}, c2));

    // ---- After the month: 2027-01-05; the bad review still open is past its due date ----
    set('2027-01-05', '10:00');
    manager = await api.login('9001');
  });

  afterAll(async () => {
    await h.close();
  });

  const summary = async () => (await h.api.get('/reports/summary?from=2026-12-01&to=2026-12-31', manager)).body;

  it('gives the whole hall figures', async () => {
    const s = await summary();
    expect(s.period).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(s.hall).toEqual({
      issued: 8, // 7 on day 1, 1 on day 2
      calls: 8, // V1..V8
      served: 7, // all but the no-show V4
      ticketsServed: 6, // A003 A001 E001 A002 B001 A001': E001 once for its two visits (V3 transferred, V5)
      noShows: 1,
      completed: 2, // V1, V7
      accepted: 2, // V2, V8
      consulted: 1, // V5
      rejected: 1, // V6
      transferred: 1, // V3
      cases: 4, // accepted + completed
      casesCompleted: 3, // V1, V7, and V2 completed on day 2; V8 never
      completionRate: 0.75,
      // first call − issue: A003 360, A001' 600, A001 1500, E001 1620, A002 2400, B001 3540
      waitSeconds: { count: 6, average: 1670, median: 1560, p90: 3540, max: 3540 },
      // met: A003, A001, E001, A001'; missed: A002, B001 (called late), C001 (never called, past 20 min); L001 left early, not counted
      serviceLevelTickets: 7,
      serviceLevel: 0.5714,
      // 300, 480, 600, 600, 600, 840, 900
      serviceSeconds: { count: 7, average: 617.1, median: 600, p90: 900, max: 900 },
      ratings: { byScore: { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1 }, count: 5, ratedShare: 0.7143 },
      satisfactionRate: 0.6,
    });
  });

  it('gives every figure per department', async () => {
    const s = await summary();
    const scjg = s.departments.find((d: { id: string }) => d.id === 'scjg');
    expect(scjg).toMatchObject({
      name: '市场监督管理局',
      issued: 5, // A001 A002 A003 B001 A001'
      calls: 7, // V1 V2 V4 V5 V6 V7 V8 (V5: E001 after transfer to company)
      served: 6,
      ticketsServed: 6, // A003 A001 A002 B001 A001', and E001 it received from 自然资源
      noShows: 1,
      completed: 2,
      accepted: 2,
      consulted: 1,
      rejected: 1,
      transferred: 0,
      cases: 4,
      casesCompleted: 3,
      completionRate: 0.75,
      waitSeconds: { count: 5, average: 1680, median: 1500, p90: 3540, max: 3540 },
      serviceLevelTickets: 5,
      serviceLevel: 0.6,
      serviceSeconds: { count: 6, average: 580, median: 600, p90: 900, max: 900 },
      ratings: { byScore: { 1: 1, 2: 1, 3: 1, 4: 0, 5: 1 }, count: 4, ratedShare: 0.6667 },
      satisfactionRate: 0.5,
    });
    const zrzy = s.departments.find((d: { id: string }) => d.id === 'zrzy');
    expect(zrzy).toMatchObject({ issued: 1, calls: 1, served: 1, ticketsServed: 1, transferred: 1, cases: 0, completionRate: 0, serviceLevel: 1, satisfactionRate: 1 });
    expect(zrzy.waitSeconds).toEqual({ count: 1, average: 1620, median: 1620, p90: 1620, max: 1620 });
    const ga = s.departments.find((d: { id: string }) => d.id === 'ga');
    expect(ga).toMatchObject({ issued: 1, calls: 0, served: 0, serviceLevelTickets: 1, serviceLevel: 0 });
    const ly = s.departments.find((d: { id: string }) => d.id === 'ly');
    expect(ly).toMatchObject({ issued: 1, calls: 0, serviceLevelTickets: 0, serviceLevel: 0 });
  });

  it('gives every figure per window', async () => {
    const s = await summary();
    const w1 = s.windows.find((w: { id: string }) => w.id === 'w1');
    expect(w1).toMatchObject({
      number: 1,
      issued: null,
      calls: 5, // V2 V4 V6 V7 V8
      served: 4,
      ticketsServed: 4, // A001 A002 B001 A001'
      noShows: 1,
      completed: 1,
      accepted: 2,
      rejected: 1,
      cases: 3,
      casesCompleted: 2,
      completionRate: 0.6667,
      // tickets first called here: A001 1500, A002 2400, B001 3540, A001' 600
      waitSeconds: { count: 4, average: 2010, median: 1950, p90: 3540, max: 3540 },
      serviceLevel: 0.5,
      serviceSeconds: { count: 4, average: 600, median: 600, p90: 900, max: 900 },
      ratings: { byScore: { 1: 1, 2: 1, 3: 0, 4: 0, 5: 0 }, count: 2, ratedShare: 0.5 },
      satisfactionRate: 0,
    });
    const w5 = s.windows.find((w: { id: string }) => w.id === 'w5');
    expect(w5).toMatchObject({ calls: 2, served: 2, ticketsServed: 2, completed: 1, consulted: 1, cases: 1, casesCompleted: 1, serviceLevel: 1, satisfactionRate: 1 });
    expect(w5.serviceSeconds).toEqual({ count: 2, average: 540, median: 540, p90: 600, max: 600 });
    expect(w5.waitSeconds).toEqual({ count: 1, average: 360, median: 360, p90: 360, max: 360 });
  });

  it('gives every figure per service', async () => {
    const s = await summary();
    const company = s.services.find((x: { id: string }) => x.id === 'company');
    expect(company).toMatchObject({
      issued: 4, // A001 A002 A003 A001'
      calls: 6, // V1 V2 V4 V5 V7 V8
      served: 5,
      ticketsServed: 5, // A003 A001 E001 A002 A001'
      noShows: 1,
      completed: 2,
      accepted: 2,
      consulted: 1,
      cases: 4,
      casesCompleted: 3,
      waitSeconds: { count: 4, average: 1215, median: 1050, p90: 2400, max: 2400 },
      serviceLevel: 0.75,
      serviceSeconds: { count: 5, average: 636, median: 600, p90: 900, max: 900 },
      ratings: { byScore: { 1: 0, 2: 1, 3: 1, 4: 0, 5: 1 }, count: 3, ratedShare: 0.6 },
      satisfactionRate: 0.6667,
    });
    const trader = s.services.find((x: { id: string }) => x.id === 'trader');
    expect(trader).toMatchObject({ issued: 1, calls: 1, served: 1, rejected: 1, serviceLevel: 0, satisfactionRate: 0 });
    const household = s.services.find((x: { id: string }) => x.id === 'household');
    expect(household).toMatchObject({ issued: 1, calls: 0, serviceLevelTickets: 1, serviceLevel: 0 });
  });

  it('gives every figure per clerk', async () => {
    const s = await summary();
    const c1 = s.clerks.find((x: { id: string }) => x.id === 'c1');
    const w1 = s.windows.find((w: { id: string }) => w.id === 'w1');
    const { id: _a, name: _b, number: _c, departmentId: _d, ...w1Figures } = w1;
    expect(c1).toMatchObject({ staffNo: '1001', ...w1Figures }); // c1 worked only at w1
    const c5 = s.clerks.find((x: { id: string }) => x.id === 'c5');
    expect(c5).toMatchObject({ calls: 2, served: 2, completed: 1, consulted: 1, satisfactionRate: 1, serviceLevel: 1 });
    const c2 = s.clerks.find((x: { id: string }) => x.id === 'c2');
    expect(c2).toMatchObject({ calls: 0, served: 0 });
  });

  it('lists zero-volume departments and windows with whether anyone signed in', async () => {
    const s = await summary();
    expect(s.zeroVolume.departments).toEqual([
      { id: 'ga', name: '公安局', anyoneSignedIn: true }, // c2 of ga signed in at w2 on day 2
      { id: 'ly', name: '林业局', anyoneSignedIn: false },
    ]);
    const windows = s.zeroVolume.windows;
    expect(windows.find((w: { id: string }) => w.id === 'w2')).toEqual({ id: 'w2', number: 2, name: '户籍', anyoneSignedIn: true });
    expect(windows.find((w: { id: string }) => w.id === 'w4')).toEqual({ id: 'w4', number: 4, name: '综合窗口', anyoneSignedIn: false });
    expect(windows.map((w: { id: string }) => w.id)).not.toContain('w1');
    expect(windows).toHaveLength(17); // 20 windows less w1, w3, w5
  });

  it('ranks windows and clerks by the documented combined score, from the minimum volume up', async () => {
    const s = await summary();
    expect(s.rankings.minVisits).toBe(2);
    const rows = (list: Array<{ id: string; rank: number | null; score: number; served: number }>) => list.slice(0, 3).map((r) => [r.id, r.rank, r.score, r.served]);
    // Score = 100 × (0.4 volume + 0.3 satisfaction + 0.2 service level + 0.1 attendance); volume = served ÷ 4 (w1's).
    // w5: 0.4×0.5 + 0.3×1 + 0.2×1 + 0.1×(1/27) = 0.7037; w1: 0.4×1 + 0.3×0 + 0.2×0.5 + 0.1×(2/27) = 0.5074.
    // w3 served 1, under the minimum of 2: not ranked, though its score would be second,
    // 0.4×0.25 + 0.3×1 + 0.2×1 + 0.1×(1/27) = 0.6037. Windows that served nobody follow it.
    expect(rows(s.rankings.windows)).toEqual([
      ['w5', 1, 70.4, 2],
      ['w1', 2, 50.7, 4],
      ['w3', null, 60.4, 1],
    ]);
    expect(s.rankings.windows.filter((r: { rank: number | null }) => r.rank !== null)).toHaveLength(2);
    // c5 as w5, attendance 1/27: 70.4. c1 as w1 but attendance (2 − ½ late − ½ early)/27 = 1/27: 0.4 + 0 + 0.1 + 0.0037 = 0.5037.
    // c3 served 1: not ranked; 0.4×0.25 + 0.3 + 0.2 + 0.1×(1 − ½ early)/27 = 0.6019.
    expect(rows(s.rankings.clerks)).toEqual([
      ['c5', 1, 70.4, 2],
      ['c1', 2, 50.4, 4],
      ['c3', null, 60.2, 1],
    ]);
    expect(s.rankings.clerks.find((r: { id: string }) => r.id === 'c2')).toMatchObject({ rank: null, served: 0 });
  });

  it('gives attendance per clerk', async () => {
    const r = (await h.api.get('/reports/attendance?from=2026-12-01&to=2026-12-31', manager)).body;
    expect(r.workingDays).toBe(27);
    const row = (id: string) => {
      const { days: _days, ...rest } = r.clerks.find((c: { staffId: string }) => c.staffId === id);
      return rest;
    };
    const noPauses = { break: { count: 0, minutes: 0 }, leave: { count: 0, minutes: 0 }, meeting: { count: 0, minutes: 0 }, other: { count: 0, minutes: 0 } };
    expect(row('c5')).toEqual({
      staffId: 'c5',
      staffNo: '1005',
      name: '窗口员5',
      departmentId: 'scjg',
      workingDays: 27,
      presentDays: 1,
      lateDays: 0,
      earlyLeaveDays: 0,
      missingSignOutDays: 0,
      absentDays: 26,
      leaveDays: 0,
      leaveByKind: { personal: 0, sick: 0, annual: 0, business: 0 },
      pauses: { ...noPauses, break: { count: 1, minutes: 15 } },
      dutyMinutes: 467, // 08:58–17:00 less the 15-minute break
      idleMinutes: 447, // less 20 minutes with V1 and V5
      visitsServed: 2,
    });
    expect(row('c1')).toMatchObject({
      presentDays: 2,
      lateDays: 1, // day 1, 09:20
      earlyLeaveDays: 1, // day 2, 12:00
      missingSignOutDays: 1, // day 1: counted to the 17:00 close
      absentDays: 25,
      dutyMinutes: 640, // day 1 09:20–17:00 = 460, day 2 09:00–12:00 = 180
      idleMinutes: 595, // less 35 + 10 minutes at the window
      visitsServed: 4,
    });
    expect(row('c3')).toMatchObject({ presentDays: 1, lateDays: 0, earlyLeaveDays: 1, dutyMinutes: 450, idleMinutes: 435, visitsServed: 1 });
    expect(row('c2')).toMatchObject({ presentDays: 1, lateDays: 0, earlyLeaveDays: 0, dutyMinutes: 480, idleMinutes: 480, visitsServed: 0 });
    expect(row('c4')).toMatchObject({ presentDays: 0, absentDays: 27, dutyMinutes: 0 });
  });

  it('gives issued, served and waiting per hour', async () => {
    const r = (await h.api.get('/reports/hourly?date=2026-12-01', manager)).body;
    const hours = r.hours as Array<{ hour: number; issued: number; served: number; waiting: number }>;
    expect(hours[9]).toEqual({ hour: 9, issued: 5, served: 3, waiting: 1 }); // B001 still waiting at 10:00
    expect(hours[10]).toEqual({ hour: 10, issued: 0, served: 3, waiting: 0 });
    expect(hours[11]).toEqual({ hour: 11, issued: 1, served: 0, waiting: 0 });
    expect(hours[16]).toEqual({ hour: 16, issued: 1, served: 0, waiting: 1 });
    expect(hours.reduce((n, x) => n + x.issued, 0)).toBe(7);
  });

  it('flags the bad review left open past its due date', async () => {
    const all = (await h.api.get('/reviews?status=all', manager)).body.reviews;
    expect(all).toHaveLength(2);
    const open = all.find((r: { status: string }) => r.status === 'open');
    expect(open).toMatchObject({ score: 1, reason: '办理效率低', windowId: 'w1', staffId: 'c1', dueDate: '2026-12-07', overdue: true });
    const resolved = all.find((r: { status: string }) => r.status === 'resolved');
    expect(resolved).toMatchObject({ score: 2, overdue: false, note: '已电话回访，说明高峰原因' });
  });

  it('exports the same figures as CSV (UTF-8 with BOM) and XLSX (one sheet per breakdown)', async () => {
    const json = await summary();
    const csvRes = await fetch(`${h.url}/api/reports/summary?from=2026-12-01&to=2026-12-31&format=csv`, { headers: { authorization: `Bearer ${manager}` } });
    expect(csvRes.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await csvRes.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(rows[0]).toEqual(['层级', '编号', '名称', ...FIGURE_HEADERS]);
    const col = (name: string) => rows[0].indexOf(name);
    const hallRow = rows.find((r) => r[0] === '全馆')!;
    expect(Number(hallRow[col('接待人次')])).toBe(json.hall.served);
    expect(Number(hallRow[col('接待人数')])).toBe(6);
    expect(hallRow[col('办结率')]).toBe('75.0%');
    expect(hallRow[col('等候中位数(分钟)')]).toBe('26'); // 1560 s
    expect(hallRow[col('平均等候(分钟)')]).toBe('27.8'); // 1670 s
    const scjgRow = rows.find((r) => r[0] === '部门' && r[1] === 'scjg')!;
    expect(scjgRow[2]).toBe('市场监督管理局');
    expect(Number(scjgRow[col('办件量')])).toBe(4);
    expect(scjgRow[col('满意率')]).toBe('50.0%');
    const w1Row = rows.find((r) => r[0] === '窗口' && r[1] === '1')!;
    expect(w1Row[col('取号量')]).toBe('');
    expect(Number(w1Row[col('过号')])).toBe(1);
    expect(rows.filter((r) => r[0] === '人员').length).toBe(json.clerks.length);

    const xlsxRes = await fetch(`${h.url}/api/reports/summary?from=2026-12-01&to=2026-12-31&format=xlsx`, { headers: { authorization: `Bearer ${manager}` } });
    expect(xlsxRes.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsxRes.arrayBuffer()) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['全馆', '部门', '窗口', '事项', '人员', '零办件', '优秀窗口', '服务标兵']);
    const sheetRows = (name: string) => {
      const out: unknown[][] = [];
      book.getWorksheet(name)!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
      return out;
    };
    const services = sheetRows('事项');
    expect(services[0]).toEqual(['事项编号', '名称', ...FIGURE_HEADERS]);
    const company = services.find((r) => r[0] === 'company')!;
    expect(company[1]).toBe('企业开办');
    expect(company[2 + FIGURE_HEADERS.indexOf('服务达标率')]).toBe(0.75);
    expect(company[2 + FIGURE_HEADERS.indexOf('平均办理(分钟)')]).toBe(10.6); // 636 s
    const zero = sheetRows('零办件');
    expect(zero).toContainEqual(['部门', '公安局', '是']);
    expect(zero).toContainEqual(['部门', '林业局', '否']);
    expect(sheetRows('服务标兵')[1]).toEqual([1, '窗口员5', 70.4, 0.5, 1, 1, 0.037, 2]);

    const att = await fetch(`${h.url}/api/reports/attendance?from=2026-12-01&to=2026-12-31&format=xlsx`, { headers: { authorization: `Bearer ${manager}` } });
    const attBook = new ExcelJS.Workbook();
    await attBook.xlsx.load(Buffer.from(await att.arrayBuffer()) as unknown as ArrayBuffer);
    const attRows: unknown[][] = [];
    attBook.worksheets[0].eachRow((row) => attRows.push((row.values as unknown[]).slice(1)));
    const c1 = attRows.find((r) => r[0] === '1001')!;
    const header = attRows[0] as string[];
    expect(c1[header.indexOf('迟到天数')]).toBe(1);
    expect(c1[header.indexOf('未签退天数')]).toBe(1);
    expect(c1[header.indexOf('在岗分钟')]).toBe(640);
  });

  it('writes shares as percentages and waits in minutes in the workbook, and leaves a cell empty where there is nothing to measure', async () => {
    const res = await fetch(`${h.url}/api/reports/summary?from=2026-12-01&to=2026-12-31&format=xlsx`, { headers: { authorization: `Bearer ${manager}` } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    /** The cell of `row` (found by its first cell) under `header` on `sheet`. */
    const cell = (sheet: string, first: unknown, header: string) => {
      const ws = book.getWorksheet(sheet)!;
      const column = (ws.getRow(1).values as unknown[]).indexOf(header);
      expect(column, header).toBeGreaterThan(0);
      let found: ExcelJS.Cell | undefined;
      ws.eachRow((row) => {
        if (row.getCell(1).value === first) found = row.getCell(column);
      });
      expect(found, `${sheet} ${String(first)}`).toBeDefined();
      return found!;
    };
    const expectNumber = (c: ExcelJS.Cell, value: number, numFmt: string) => {
      expect(c.type).toBe(ExcelJS.ValueType.Number);
      expect(c.value).toBe(value);
      expect(c.numFmt).toBe(numFmt);
    };
    const expectEmpty = (c: ExcelJS.Cell) => {
      expect(c.type, c.address).toBe(ExcelJS.ValueType.Null);
      expect(c.value, c.address).toBeNull();
    };
    const period = '2026-12-01 至 2026-12-31';
    // Shares are numbers in 0..1 that Excel shows as a percentage.
    expectNumber(cell('全馆', period, '办结率'), 0.75, '0.0%');
    expectNumber(cell('全馆', period, '服务达标率'), 0.5714, '0.0%');
    expectNumber(cell('全馆', period, '参评率'), 0.7143, '0.0%');
    expectNumber(cell('全馆', period, '满意率'), 0.6, '0.0%');
    // Durations in minutes with one decimal, as the manager view shows them: 1670 s, 1560 s, 3540 s; 617.1 s, 600 s.
    expectNumber(cell('全馆', period, '平均等候(分钟)'), 27.8, '0.0');
    expectNumber(cell('全馆', period, '等候中位数(分钟)'), 26, '0.0');
    expectNumber(cell('全馆', period, '最长等候(分钟)'), 59, '0.0');
    expectNumber(cell('全馆', period, '平均办理(分钟)'), 10.3, '0.0');
    expectNumber(cell('全馆', period, '办理中位数(分钟)'), 10, '0.0');
    // Counts stay plain numbers, and a real zero stays 0.
    expect(cell('全馆', period, '接待人次').value).toBe(7);
    expect(cell('全馆', period, '接待人数').value).toBe(6);
    expect(cell('部门', 'ly', '接待人次').value).toBe(0);
    // 林业局: one ticket, cancelled before its target, never called: no case, no wait, no visit, no rating.
    for (const header of ['办结率', '平均等候(分钟)', '等候中位数(分钟)', '等候P90(分钟)', '最长等候(分钟)', '服务达标率', '平均办理(分钟)', '办理中位数(分钟)', '办理P90(分钟)', '参评率', '满意率']) {
      expectEmpty(cell('部门', 'ly', header));
    }
    // Window 1 took no ticket first: a real service level of 50 %; 0 % satisfaction is real too (two bad ratings).
    expectNumber(cell('窗口', 1, '服务达标率'), 0.5, '0.0%');
    expectNumber(cell('窗口', 1, '满意率'), 0, '0.0%');
    // Window 3 has a visit but no case: completion rate empty, its service time 14 minutes.
    expectEmpty(cell('窗口', 3, '办结率'));
    expectNumber(cell('窗口', 3, '平均办理(分钟)'), 14, '0.0');
    // The rankings' parts are shares too; one under the minimum has no place and says why.
    expectNumber(cell('服务标兵', 1, '出勤得分'), 0.037, '0.0%');
    expectNumber(cell('服务标兵', 1, '综合得分'), 70.4, '0.0');
    expect(cell('服务标兵', 1, '备注').value).toBeNull();
    const c3 = book.getWorksheet('服务标兵')!.getRow(4);
    expect([c3.getCell(1).value, c3.getCell(2).value, c3.getCell(9).value]).toEqual([null, '窗口员3', '样本不足（接待少于 2 人次，不参与排名）']);

    // CSV: the same, a share as Excel would show it, nothing where there is nothing to measure.
    const csv = await fetch(`${h.url}/api/reports/summary?from=2026-12-01&to=2026-12-31&format=csv`, { headers: { authorization: `Bearer ${manager}` } });
    const rows: string[][] = parseCsv(Buffer.from(await csv.arrayBuffer()).subarray(3).toString('utf8'));
    const col = (name: string) => rows[0].indexOf(name);
    const ly = rows.find((r) => r[0] === '部门' && r[1] === 'ly')!;
    for (const header of ['办结率', '平均等候(分钟)', '服务达标率', '平均办理(分钟)', '参评率', '满意率']) expect(ly[col(header)], header).toBe('');
    expect(ly[col('接待人次')]).toBe('0');
    const w1 = rows.find((r) => r[0] === '窗口' && r[1] === '1')!;
    expect([w1[col('服务达标率')], w1[col('满意率')], w1[col('办结率')]]).toEqual(['50.0%', '0.0%', '66.7%']);
  });

  it('gives zeros for a period with no data, and 400 naming the parameter for a bad period', async () => {
    const empty = (await h.api.get('/reports/summary?from=2026-10-01&to=2026-10-31', manager)).body;
    expect(empty.hall).toMatchObject({ issued: 0, calls: 0, served: 0, completionRate: 0, satisfactionRate: 0, serviceLevel: 0 });
    expect(empty.hall.waitSeconds).toEqual({ count: 0, average: 0, median: 0, p90: 0, max: 0 });
    const backwards = await h.api.get('/reports/summary?from=2026-12-31&to=2026-12-01', manager);
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.field).toBe('from');
    const bad = await h.api.get('/reports/summary?from=2026-02-30&to=2026-03-01', manager);
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('from');
    const missing = await h.api.get('/reports/attendance?from=2026-12-01', manager);
    expect(missing.body.error.field).toBe('to');
    const clerk = await h.api.login('1005');
    expect((await h.api.get('/reports/summary?from=2026-12-01&to=2026-12-31', clerk)).status).toBe(403);
  });
});
