import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../server/clock.ts';
import { startHall, type TestHall } from './support/harness.ts';

describe('ticket numbering', () => {
  let h: TestHall | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('counts per prefix per business date, and services sharing nothing share no counter', async () => {
    h = await startHall();
    const numbers: string[] = [];
    for (const s of ['company', 'company', 'trader', 'company', 'property', 'trader']) numbers.push((await h.api.issue(s)).body.ticket.number);
    expect(numbers).toEqual(['A001', 'A002', 'B001', 'A003', 'E001', 'B002']);
  });

  it('goes past 999 to four digits', async () => {
    h = await startHall();
    for (let i = 0; i < 998; i++) await h.api.issue('company');
    const got = [];
    for (let i = 0; i < 3; i++) got.push((await h.api.issue('company')).body.ticket.number);
    expect(got).toEqual(['A999', 'A1000', 'A1001']);
  });

  it('restarts at 001 on a new business date, which follows the hall zone while the machine runs in UTC', async () => {
    expect(process.env.TZ).toBe('UTC');
    // Friday 2026-11-27 16:40 in Shanghai is 08:40 UTC.
    const clock = new ManualClock(Date.parse('2026-11-27T16:40:00+08:00'));
    h = await startHall({ clock });
    expect((await h.api.issue('company')).body.ticket.number).toBe('A001');
    expect((await h.api.issue('company')).body.ticket.number).toBe('A002');
    expect((await h.api.get('/health')).body.businessDate).toBe('2026-11-27');

    const friday = (await h.api.issue('company')).body.ticket;

    // Saturday 00:30 in Shanghai is still Friday 16:30 in UTC: the hall's date has turned, the machine's has not.
    clock.set('2026-11-28T00:30:00+08:00');
    expect(new Date(clock.now()).getDate()).toBe(27);
    expect((await h.api.get('/health')).body.businessDate).toBe('2026-11-28');
    const archived = await h.api.get(`/tickets/${friday.id}?token=${new URL(friday.statusUrl).searchParams.get('token')}`);
    expect(archived.body.ticket).toMatchObject({ number: 'A003', status: 'cancelled', cancelReason: 'day-closed' });

    clock.set('2026-11-28T09:00:00+08:00');
    const sat = await h.api.issue('company');
    expect(sat.status).toBe(201);
    expect(sat.body.ticket.number).toBe('A001');
    expect(sat.body.ticket.id.startsWith('20261128-')).toBe(true);
  });

  it('refuses outside ticketing hours: before the early opening, at lunch, after the stop, on Sunday and on holidays', async () => {
    const clock = new ManualClock(Date.parse('2026-11-26T08:29:00+08:00'));
    h = await startHall({ clock });
    const at = async (iso: string) => {
      clock.set(iso);
      return (await h!.api.issue('company')).status;
    };
    expect(await at('2026-11-26T08:29:00+08:00')).toBe(409); // opens 09:00, kiosks 30 min early
    expect(await at('2026-11-26T08:30:00+08:00')).toBe(201);
    expect(await at('2026-11-26T11:44:00+08:00')).toBe(201);
    expect(await at('2026-11-26T11:45:00+08:00')).toBe(409); // stop 15 min before 12:00
    expect(await at('2026-11-26T13:00:00+08:00')).toBe(201); // 30 min before 13:30
    expect(await at('2026-11-26T16:45:00+08:00')).toBe(409);
    expect(await at('2026-11-29T10:00:00+08:00')).toBe(409); // Sunday
    expect(await at('2027-01-01T10:00:00+08:00')).toBe(409); // holiday
    const closed = await h.api.issue('company');
    expect(closed.body.error.code).toBe('HALL_CLOSED');
  });
});

describe('a retried issue', () => {
  it('gets the same ticket back for the same kiosk request, even after a restart, and a new one for a new request', async () => {
    const h = await startHall();
    try {
      const body = { serviceId: 'company', requestId: 'tap-0001-abcdef' };
      const first = await h.api.post('/tickets', body, 'kiosk-key-0000000001');
      const again = await h.api.post('/tickets', body, 'kiosk-key-0000000001');
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.body.ticket).toEqual(first.body.ticket);
      // Another kiosk may happen to use the same id: it is its own request.
      const other = await h.api.post('/tickets', body, 'kiosk-key-0000000002');
      expect(other.body.ticket.number).toBe('A002');
      await h.stop();
      const restarted = await startHall({ dataDir: h.dataDir, clock: h.clock });
      try {
        const afterRestart = await restarted.api.post('/tickets', body, 'kiosk-key-0000000001');
        expect(afterRestart.body.ticket.number).toBe('A001');
        const fresh = await restarted.api.post('/tickets', { ...body, requestId: 'tap-0002-abcdef' }, 'kiosk-key-0000000001');
        expect(fresh.body.ticket.number).toBe('A003');
        expect(Object.keys(restarted.hall.engine.data.tickets)).toHaveLength(3);
        expect((await restarted.api.post('/tickets', { ...body, requestId: 'x' }, 'kiosk-key-0000000001')).body.error.field).toBe('requestId');
      } finally {
        await restarted.close();
      }
    } finally {
      await h.close();
    }
  });
});
