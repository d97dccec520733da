import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../server/clock.ts';
import { addDays, businessDate, dateFromCompact } from '../shared/time.ts';
import { DISPLAY_KEY, testConfig } from './support/config.ts';
import { startHall, type TestHall } from './support/harness.ts';

/** A clock that moves on 1 ms each time it is read: midnight falls between two readings of one command. */
class TickingClock extends ManualClock {
  override now(): number {
    const t = super.now();
    this.advance(1);
    return t;
  }
}

describe('closing the business date', () => {
  let h: TestHall;
  afterEach(async () => {
    await h.close();
  });

  it('cancels what is left at midnight in the hall zone, archives the day and starts clean', async () => {
    const clock = new ManualClock(Date.parse('2026-11-26T16:00:00+08:00'));
    h = await startHall({ clock });
    const display = await h.socket({ key: DISPLAY_KEY });
    await display.waitFor('hall:snapshot');
    const clerk = await h.api.openWindow(5);
    const waiting = (await h.api.issue('company')).body.ticket;
    const called = (await h.api.issue('company')).body.ticket;
    const served = (await h.api.issue('trader')).body.ticket;
    await h.api.post('/windows/w5/call', { number: called.number }, clerk);
    const clerk1 = await h.api.openWindow(1);
    await h.api.post('/windows/w1/call', { number: served.number }, clerk1);
    await h.api.post('/windows/w1/finish', { outcome: 'accepted' }, clerk1);

    clock.set('2026-11-27T00:00:30+08:00');
    await h.hall.engine.ensureBusinessDate();
    await display.waitFor('day:closed', (p) => p.businessDate === '2026-11-27');
    const snap = await display.waitFor('hall:snapshot', (s) => s.businessDate === '2026-11-27');
    expect(snap.windows.every((w) => w.status === 'closed')).toBe(true);
    expect(snap.services.every((s) => s.waiting === 0)).toBe(true);

    const archive = await h.hall.engine.store.readClosedDay('2026-11-26');
    expect(archive).not.toBeNull();
    const byNumber = Object.fromEntries(archive!.tickets.map((t) => [t.number, t]));
    expect(byNumber[waiting.number]).toMatchObject({ status: 'cancelled', cancelReason: 'day-closed' });
    expect(byNumber[called.number]).toMatchObject({ status: 'cancelled', cancelReason: 'day-closed' });
    expect(byNumber[called.number].visits[0].end).toBe('day_closed');
    expect(byNumber[served.number].status).toBe('done');
    expect(archive!.attendance.filter((a) => a.kind === 'sign-in')).toHaveLength(2);
    expect(archive!.attendance.filter((a) => a.kind === 'sign-out')).toHaveLength(0);

    // The accepted case outlives the day; sessions too.
    expect(Object.keys(h.hall.engine.data.cases)).toEqual([served.id]);
    expect(Object.keys(h.hall.engine.data.tickets)).toEqual([]);
    clock.set('2026-11-27T09:30:00+08:00');
    expect((await h.api.get('/cases?status=pending', clerk1)).status).toBe(401); // yesterday's session has expired
    const today = await h.api.login('1001');
    const done = await h.api.post(`/cases/${served.id}/complete`, { note: '证照已发放' }, today);
    expect(done.status).toBe(200);
    expect(done.body.completion).toMatchObject({ acceptedDate: '2026-11-26', number: served.number });
    expect((await h.api.issue('company')).body.ticket.number).toBe('A001');
  });

  it('closes a day that ended while the server was down, at the next start', async () => {
    const clock = new ManualClock(Date.parse('2026-11-26T10:00:00+08:00'));
    h = await startHall({ clock });
    await h.api.issue('company');
    await h.stop();
    clock.set('2026-11-30T09:00:00+08:00');
    h = await startHall({ clock, dataDir: h.dataDir });
    expect(h.hall.engine.data.meta.businessDate).toBe('2026-11-30');
    expect(await h.hall.engine.store.closedDays()).toEqual(['2026-11-26']);
    expect((await h.api.issue('company')).body.ticket.number).toBe('A001');
  });
  it('gives a command one time: a ticket taken as midnight strikes is of the day its time says', async () => {
    const clock = new TickingClock(Date.parse('2026-11-26T16:00:00+08:00'));
    const allDay: Array<[string, string]> = [['00:00', '23:59']];
    const config = testConfig((c) => {
      c.hall.hours = { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay };
      c.hall.holidays = [];
      c.hall.ticketing = { openEarlyMinutes: 0, stopBeforeCloseMinutes: 0 };
    });
    h = await startHall({ clock, config });
    const timezone = config.hall.timezone;
    let issued = 0;
    // Each night midnight falls a millisecond later into the command, so on one of them it
    // falls between any two readings of the clock that a command makes.
    for (let night = 0; night < 16; night++) {
      clock.set(Date.parse(`${addDays('2026-11-27', night)}T00:00:00+08:00`) - 1 - night);
      for (let tries = 0, tonight = 0; tonight < 3 && tries < 40; tries++) {
        const r = await h.api.issue('company');
        if (r.status !== 201) continue; // before midnight the kiosks are stopped
        const t = r.body.ticket as { id: string; issuedAt: number };
        expect(dateFromCompact(t.id.split('-')[0]), `ticket ${t.id} issued at ${new Date(t.issuedAt).toISOString()}`).toBe(businessDate(t.issuedAt, timezone));
        tonight++;
        issued++;
      }
    }
    expect(issued).toBe(48);
  });
});
