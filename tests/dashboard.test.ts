import { afterEach, describe, expect, it } from 'vitest';
import { EscposNetworkPrinter } from '../server/printing/escpos-printer.ts';
import { testConfig } from './support/config.ts';
import { closedPort } from './support/fake-printer.ts';
import { startHall, type TestHall } from './support/harness.ts';

describe('the manager dashboard', () => {
  let h: TestHall;
  afterEach(async () => {
    await h.close();
  });

  it('shows queues now, today so far, printer faults and follow-ups', async () => {
    const port = await closedPort();
    const config = testConfig((c) => {
      c.devices[0].printer = { type: 'network', host: '127.0.0.1', port, timeoutMs: 500 };
    });
    h = await startHall({ config, networkPrinter: new EscposNetworkPrinter() });
    const manager = await h.api.login('9001');
    const live = await h.socket({ token: manager });
    await live.waitFor('hall:snapshot');

    await h.api.issue('company');
    h.clock.advance(4 * 60_000);
    await h.api.issue('company');
    await live.waitFor('printer:fault', (f) => f.deviceId === 'kiosk-1');
    const clerk = await h.api.openWindow(5);
    await h.api.post('/windows/w5/call-next', {}, clerk);
    h.clock.advance(60_000);
    const done = await h.api.post('/windows/w5/finish', { outcome: 'completed' }, clerk);
    await h.api.post('/windows/w5/rating', { visitId: done.body.ticket.visits[0].id, score: 1, reason: '服务态度不好' }, 'window5-key-00000001');

    const d = (await h.api.get('/manager/dashboard', manager)).body;
    expect(d.businessDate).toBe('2026-11-26');
    expect(d.queues.find((q: { serviceId: string }) => q.serviceId === 'company')).toEqual({ serviceId: 'company', waiting: 1, longestWaitSeconds: 60 });
    expect(d.today).toMatchObject({ issued: 2, calls: 1, served: 1, serviceLevel: 1, satisfactionRate: 0, ratings: 1, averageWaitSeconds: 240 });
    expect(d.hall.windows.find((w: { id: string }) => w.id === 'w5')).toMatchObject({ status: 'open', staff: { staffNo: '1005' } });
    expect(d.printerFaults).toHaveLength(2);
    expect(d.printerFaults[0]).toMatchObject({ deviceId: 'kiosk-1', ticketNumber: 'A002' });
    expect(d.openReviews).toBe(1);
    expect(d.overdueReviews).toBe(0);
    expect((await h.api.get('/manager/dashboard', clerk)).status).toBe(403);
  });

  it("counts today's attendance up to now: an open session is not a missing sign-out", async () => {
    h = await startHall();
    h.clock.set('2026-11-26T09:00:00+08:00');
    const clerk = await h.api.openWindow(5);
    h.clock.set('2026-11-26T10:00:00+08:00');
    await h.api.post('/windows/w5/pause', { reason: 'meeting' }, clerk);
    h.clock.set('2026-11-26T10:40:00+08:00');
    const manager = await h.api.login('9001');
    const r = (await h.api.get('/reports/attendance?from=2026-11-26&to=2026-11-26', manager)).body;
    const c5 = r.clerks.find((c: { staffId: string }) => c.staffId === 'c5');
    expect(c5).toMatchObject({ presentDays: 1, lateDays: 0, earlyLeaveDays: 0, missingSignOutDays: 0, dutyMinutes: 60 });
    expect(c5.pauses.meeting).toEqual({ count: 1, minutes: 40 });
    // The rest of the week has not happened: nobody is absent from it yet.
    const week = (await h.api.get('/reports/attendance?from=2026-11-23&to=2026-11-29', manager)).body;
    expect(week.workingDays).toBe(4); // Mon 23 – Thu 26
    expect(week.clerks.find((c: { staffId: string }) => c.staffId === 'c5')).toMatchObject({ presentDays: 1, absentDays: 3 });
  });

  it('marks nobody late or gone early in a hall open around the clock (the demo hall): it has no start of duty', async () => {
    const allDay: Array<[string, string]> = [['00:00', '23:59']];
    h = await startHall({ config: testConfig((c) => (c.hall.hours = { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay })) });
    h.clock.set('2026-11-26T10:00:00+08:00');
    const clerk = await h.api.openWindow(5);
    h.clock.set('2026-11-26T15:00:00+08:00');
    await h.api.post('/windows/w5/sign-out', {}, clerk);
    h.clock.set('2026-11-26T16:00:00+08:00');
    const manager = await h.api.login('9001');
    const r = (await h.api.get('/reports/attendance?from=2026-11-26&to=2026-11-26', manager)).body;
    expect(r.clerks.find((c: { staffId: string }) => c.staffId === 'c5')).toMatchObject({ presentDays: 1, lateDays: 0, earlyLeaveDays: 0, dutyMinutes: 300 });
  });
});
