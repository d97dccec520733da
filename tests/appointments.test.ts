import { afterEach, describe, expect, it } from 'vitest';
import { KIOSK_KEY, testConfig } from './support/config.ts';
import { type ApiResponse, startHall, type TestHall } from './support/harness.ts';

/**
 * Bookings (预约) through the API (SPEC §11): slots, every refusal, the last place under
 * fifty at once, check-in early, on time and late, the call order with walk-ins, and the
 * personal data gone after the retention period.
 */

let h: TestHall;
afterEach(async () => {
  await h?.close();
});

/** 企业开办 takes bookings: 30-minute slots of two places in the test hall's hours (Thu 09:00–12:00, 13:30–17:00). */
const hall = () =>
  testConfig((c) => {
    c.services.find((s) => s.id === 'company')!.appointments = { slotMinutes: 30, perSlot: 2 };
  });
const at = (local: string) => Date.parse(`${local}+08:00`);
const ID = '11010519491231002X';

function expectError(r: ApiResponse, status: number, code: string, field?: string): void {
  expect({ status: r.status, code: r.body?.error?.code, ...(field ? { field: r.body?.error?.field } : {}) }).toEqual({ status, code, ...(field ? { field } : {}) });
}

let phones = 13_800_000_000;
const booking = (start: string, extra: object = {}) => ({ serviceId: 'company', start: at(start), name: '张三', phone: String(phones++), ...extra });
const book = (start: string, extra: object = {}) => h.api.post('/appointments', booking(start, extra));
const holder = (statusUrl: string) => {
  const u = new URL(statusUrl);
  return `/appointments/${u.searchParams.get('id')}?token=${u.searchParams.get('token')}`;
};

describe('booking', () => {
  it('lists the day’s slots with places left, books one with a code and its own page, masked', async () => {
    h = await startHall({ config: hall() });
    const slots = (await h.api.get('/appointments/slots?serviceId=company&date=2026-11-26')).body.slots as Array<{ start: number; end: number; left: number }>;
    expect(slots).toHaveLength(13);
    expect(slots[0]).toEqual({ start: at('2026-11-26T09:00:00'), end: at('2026-11-26T09:30:00'), left: 0 });
    expect(slots.find((s) => s.start === at('2026-11-26T10:00:00'))!.left).toBe(0); // begins now
    expect(slots.find((s) => s.start === at('2026-11-26T13:30:00'))!.left).toBe(2);

    const r = await h.api.post('/appointments', { serviceId: 'company', start: at('2026-11-26T13:30:00'), name: '张三丰', phone: '13812345678', idNumber: ID });
    expect(r.status).toBe(201);
    expect(r.body.appointment).toMatchObject({ serviceId: 'company', start: at('2026-11-26T13:30:00'), end: at('2026-11-26T14:00:00'), status: 'booked', code: expect.stringMatching(/^\d{6}$/) });
    expect(r.body.statusUrl).toContain('/kiosk/book.html?id=');
    const page = await h.api.get(holder(r.body.statusUrl));
    expect(page.body.appointment).toMatchObject({ code: r.body.appointment.code, status: 'booked', name: '张**', phone: '138****5678', cancellable: true });
    expect(JSON.stringify(page.body)).not.toContain('13812345678');
    expect((await h.api.get(`/appointments/${r.body.appointment.id}?token=wrong-token-000000`)).status).toBe(404);
    expect((await h.api.get('/appointments/slots?serviceId=company&date=2026-11-26')).body.slots.find((s: { start: number }) => s.start === at('2026-11-26T13:30:00')).left).toBe(1);

    const manager = await h.api.login('9001');
    const list = (await h.api.get('/appointments?date=2026-11-26', manager)).body.appointments;
    expect(list).toMatchObject([{ code: r.body.appointment.code, status: 'booked', phone: '138****5678', name: '张**' }]);
    expect((await h.api.get('/appointments?date=2026-11-26', await h.api.login('1005'))).status).toBe(403);
  });

  it('refuses each case with its code', async () => {
    h = await startHall({ config: hall() });
    expectError(await book('2026-11-26T09:30:00'), 409, 'SLOT_UNAVAILABLE', 'start'); // past
    expectError(await book('2026-11-26T10:10:00'), 409, 'SLOT_UNAVAILABLE', 'start'); // not a slot
    expectError(await book('2026-11-29T10:00:00'), 409, 'SLOT_UNAVAILABLE', 'start'); // Sunday: closed
    expectError(await book('2026-12-07T10:00:00'), 409, 'TOO_FAR_AHEAD', 'start'); // 11 days ahead
    expectError(await h.api.post('/appointments', { ...booking('2026-11-27T10:00:00'), serviceId: 'trader' }), 409, 'SLOT_UNAVAILABLE', 'serviceId');
    expectError(await book('2026-11-27T10:00:00', { phone: '12345678901' }), 400, 'INVALID_INPUT', 'phone');
    expectError(await book('2026-11-27T10:00:00', { idNumber: '110105194912310021' }), 400, 'INVALID_INPUT', 'idNumber');
    expectError(await book('2026-11-27T10:00:00', { name: '' }), 400, 'INVALID_INPUT', 'name');

    const first = await book('2026-11-27T10:00:00', { phone: '13900000001' });
    expect(first.status).toBe(201);
    expectError(await book('2026-11-27T15:00:00', { phone: '13900000001' }), 409, 'DUPLICATE_BOOKING');
    expect((await book('2026-11-27T10:00:00')).status).toBe(201);
    expectError(await book('2026-11-27T10:00:00'), 409, 'SLOT_FULL');

    // Cancelled in time, the place is free again; too near the slot, no.
    expect((await h.api.post(`${holder(first.body.statusUrl).replace('?', '/cancel?')}`, {})).body.appointment.status).toBe('cancelled');
    expect((await book('2026-11-27T10:00:00')).status).toBe(201);
    const soon = await book('2026-11-26T11:00:00');
    expectError(await h.api.post(holder(soon.body.statusUrl).replace('?', '/cancel?'), {}), 409, 'CANCEL_TOO_LATE');
  });

  it('gives the last place to exactly one of fifty booking at once', async () => {
    h = await startHall({ config: hall() });
    expect((await book('2026-11-26T14:00:00')).status).toBe(201);
    const answers = await Promise.all(Array.from({ length: 50 }, () => book('2026-11-26T14:00:00')));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
    expect(answers.filter((r) => r.status === 409 && r.body.error.code === 'SLOT_FULL')).toHaveLength(49);
    expect(Object.values(h.hall.engine.data.appointments).filter((a) => a.start === at('2026-11-26T14:00:00'))).toHaveLength(2);
  });

  it('blocks a number after two no-shows, for blockDays', async () => {
    h = await startHall({ config: hall() });
    expect((await book('2026-11-26T10:30:00', { phone: '13700000007' })).status).toBe(201);
    expect((await book('2026-11-27T10:30:00', { phone: '13700000007' })).status).toBe(201);
    h.clock.set('2026-11-27T11:00:00+08:00'); // both slots over, never checked in
    expectError(await book('2026-11-30T10:00:00', { phone: '13700000007' }), 409, 'BOOKING_BLOCKED');
    expect((await book('2026-11-30T10:00:00')).status).toBe(201);
    h.clock.set('2027-02-26T10:00:00+08:00'); // 91 days after the last: allowed again
    expect((await book('2027-03-01T10:00:00', { phone: '13700000007' })).status).toBe(201);
  });
});

describe('check-in at the kiosk and the call order', () => {
  it('takes a booking from earlyMinutes before its slot; later than lateMinutes it is a walk-in; twice is refused', async () => {
    h = await startHall({ config: hall() });
    const onTime = (await book('2026-11-26T10:30:00')).body.appointment;
    const early = (await book('2026-11-26T11:00:00')).body.appointment;
    const checkIn = (code: string) => h.api.post('/appointments/check-in', { code }, KIOSK_KEY);
    expectError(await checkIn('000000'), 404, 'APPOINTMENT_NOT_FOUND', 'code');
    expectError(await h.api.post('/appointments/check-in', { code: '12ab' }, KIOSK_KEY), 400, 'INVALID_INPUT', 'code');
    expectError(await h.api.post('/appointments/check-in', { code: onTime.code }), 401, 'UNAUTHENTICATED');

    const r = await checkIn(onTime.code);
    expect(r.status).toBe(201);
    expect(r.body.ticket).toMatchObject({ number: 'A001', appointment: true });
    expectError(await checkIn(onTime.code), 409, 'ALREADY_CHECKED_IN');
    // 11:00 slot at 10:00: thirty minutes early is the earliest.
    h.clock.set('2026-11-26T10:29:59+08:00');
    const tooEarly = await checkIn(early.code);
    expectError(tooEarly, 409, 'TOO_EARLY', 'code');
    expect(tooEarly.body.error.message).toContain('10:30 以后');
    // A 13:30 booking arriving at 13:45:01, past its fifteen minutes: an ordinary walk-in ticket.
    const late = (await book('2026-11-26T13:30:00')).body.appointment;
    h.clock.set('2026-11-26T13:45:01+08:00');
    const walkIn = await checkIn(late.code);
    expect(walkIn.status).toBe(201);
    expect(walkIn.body.ticket).toMatchObject({ appointmentLate: true });
    expect(walkIn.body.ticket.appointment).toBeUndefined();
    const manager = await h.api.login('9001');
    const list = (await h.api.get('/appointments?date=2026-11-26', manager)).body.appointments;
    expect(list.map((a: { status: string; late?: boolean }) => `${a.status}${a.late ? ' late' : ''}`)).toEqual(['checked-in', 'no-show', 'checked-in late']);
  });

  it('calls a booking whose slot has begun after transfers and before priority and walk-ins', async () => {
    h = await startHall({ config: hall() });
    const clerk = await h.api.openWindow(1);
    const a = (await book('2026-11-26T10:30:00')).body.appointment;
    const walk = (await h.api.issue('company')).body.ticket;
    const priority = (await h.api.issue('company', { priority: true })).body.ticket;
    const booked = (await h.api.post('/appointments/check-in', { code: a.code }, KIOSK_KEY)).body.ticket;
    // Before 10:30 the booking waits with the rest: priority first, then in order.
    expect((await h.api.post('/windows/w1/call-next', {}, clerk)).body.ticket.number).toBe(priority.number);
    await h.api.post('/windows/w1/finish', { outcome: 'completed' }, clerk);
    h.clock.set('2026-11-26T10:30:00+08:00');
    const another = (await h.api.issue('company', { priority: true })).body.ticket;
    expect((await h.api.post('/windows/w1/call-next', {}, clerk)).body.ticket.number).toBe(booked.number);
    await h.api.post('/windows/w1/finish', { outcome: 'completed' }, clerk);
    expect((await h.api.post('/windows/w1/call-next', {}, clerk)).body.ticket.number).toBe(another.number);
    await h.api.post('/windows/w1/finish', { outcome: 'completed' }, clerk);
    expect((await h.api.post('/windows/w1/call-next', {}, clerk)).body.ticket.number).toBe(walk.number);

    const manager = await h.api.login('9001');
    const figures = (await h.api.get('/reports/summary?from=2026-11-26&to=2026-11-26', manager)).body.appointments;
    expect(figures.total).toMatchObject({ booked: 1, checkedIn: 1, late: 0, noShow: 0, cancelled: 0 });
    // Called at 10:30:00, the slot's start: no wait after it.
    expect(figures.services.find((s: { serviceId: string }) => s.serviceId === 'company').waitAfterSlotSeconds).toMatchObject({ count: 1, median: 0 });
  });

  it('tells the clerk the booking of the ticket at the window, with the phone masked', async () => {
    h = await startHall({ config: hall() });
    const clerk = await h.api.openWindow(5);
    const a = (await h.api.post('/appointments', { serviceId: 'company', start: at('2026-11-26T10:30:00'), name: '李四', phone: '13912345678' })).body.appointment;
    await h.api.post('/appointments/check-in', { code: a.code }, KIOSK_KEY);
    h.clock.set('2026-11-26T10:30:00+08:00');
    await h.api.post('/windows/w5/call-next', {}, clerk);
    const snapshot = (await h.api.get('/windows/w5', clerk)).body;
    expect(snapshot.current.appointment).toEqual({ start: at('2026-11-26T10:30:00'), end: at('2026-11-26T11:00:00'), phone: '139****5678' });
    const screen = (await h.api.get('/windows/w5', 'window5-key-00000001')).body;
    expect(screen.current.appointment).toBeUndefined();
  });
});

describe('personal data', () => {
  it('is kept while the booking is open and thirty days after, then gone from the store', async () => {
    h = await startHall({ config: hall() });
    const r = await h.api.post('/appointments', { serviceId: 'company', start: at('2026-11-26T10:30:00'), name: '王五', phone: '13612345678', idNumber: ID });
    const id = r.body.appointment.id as string;
    await h.api.post('/appointments/check-in', { code: r.body.appointment.code }, KIOSK_KEY);
    expect(h.hall.engine.data.appointments[id].person).toEqual({ name: '王五', phone: '13612345678', idNumber: ID });
    h.clock.set('2026-12-24T10:00:00+08:00'); // 28 days on: still kept
    await h.api.get('/hall');
    await h.hall.engine.ensureBusinessDate();
    expect(h.hall.engine.data.appointments[id].person).toBeDefined();
    h.clock.set('2026-12-28T10:00:00+08:00'); // 32 days on: the day close drops it
    await h.hall.engine.ensureBusinessDate();
    expect(h.hall.engine.data.appointments[id].person).toBeUndefined();
    await h.stop();
    h = await startHall({ dataDir: h.dataDir, clock: h.clock, config: hall() });
    const kept = h.hall.engine.data.appointments[id];
    expect(kept).toMatchObject({ status: 'checked-in', serviceId: 'company' });
    expect(kept.person).toBeUndefined();
    expect(JSON.stringify(h.hall.engine.data)).not.toContain('13612345678');
  });
});
