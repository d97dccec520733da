import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/clock.ts';
import { accessibilityFigures, launchBrowser, openPage, pageErrors, SCREENS, type ScreenOptions, screenshot } from '../support/browser.ts';
import { DISPLAY_KEY, KIOSK_KEY, testConfig, THURSDAY_10AM } from '../support/config.ts';
import { startHall, type TestHall } from '../support/harness.ts';

/**
 * 预约 (SPEC §11) in Debian's Chromium against the real server: booking on a phone-sized
 * page, 预约签到 at the 1080×1920 kiosk with its keypad (and a scanner's keystrokes), the
 * ticket called first at a window, shown on the wall display and on the clerk's terminal
 * with its booking, the manager's day list, and the booking's own page (status, cancel).
 */
const SHOTS = resolve(process.env.SCREENSHOT_DIR ?? 'tests/.tmp/screenshots');
const WAIT = { timeout: 10_000 };

/** The test hall with 企业开办 taking bookings: 30-minute slots, two citizens each. */
const config = () =>
  testConfig((c) => {
    c.services[0].appointments = { slotMinutes: 30, perSlot: 2 };
  });
/** Thursday 2026-11-26 in Shanghai, at hh:mm. */
const at = (hhmm: string, date = '2026-11-26') => Date.parse(`${date}T${hhmm}:00+08:00`);

let browser: Browser;
const halls: TestHall[] = [];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close();
  for (const h of halls.splice(0)) await h.close();
});
afterAll(async () => {
  await browser?.close();
});

async function hall(now = THURSDAY_10AM): Promise<TestHall> {
  const h = await startHall({ config: config(), clock: new ManualClock(now) });
  halls.push(h);
  return h;
}

const consoleErrors = new WeakMap<BrowserContext, string[]>();

async function open(url: string, screen: ScreenOptions): Promise<Page> {
  const page = await openPage(browser, url, screen, async (ctx) => {
    contexts.push(ctx);
    ctx.setDefaultTimeout(10_000);
    const errors: string[] = [];
    consoleErrors.set(ctx, errors);
    ctx.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
  });
  return page;
}

/**
 * Close a screen the story is done with: on two CPUs every open page's timers and
 * animations slow the pages opened after it (a fifth page took 1.6 s to create and 2.3 s
 * to load with four open).
 */
async function done(page: Page): Promise<void> {
  const ctx = page.context();
  contexts.splice(contexts.indexOf(ctx), 1);
  await ctx.close();
}

/** Uncaught errors, and console errors other than Chromium's line for each refusal the test provoked on purpose. */
function problems(page: Page, refusals: number[] = []): string[] {
  const provoked = refusals.map((s) => `Failed to load resource: the server responded with a status of ${s}`);
  return [...pageErrors(page), ...(consoleErrors.get(page.context()) ?? []).filter((e) => !provoked.some((p) => e.startsWith(p)))];
}

/** A booking made through the API, as another citizen's phone would. */
async function bookByApi(h: TestHall, start: number, phone: string, name = '李四'): Promise<{ id: string; code: string; statusUrl: string }> {
  const r = await h.api.post('/appointments', { serviceId: 'company', start, name, phone });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { id: r.body.appointment.id, code: r.body.appointment.code, statusUrl: r.body.statusUrl };
}

/** The kiosk's figures (tests/browser/kiosk.test.ts): text ≥ 30 px, targets ≥ 64 px, contrast ≥ 4.5. */
async function expectKioskFigures(page: Page, root: string): Promise<void> {
  const f = await accessibilityFigures(page, root, 'button, [role="button"], a[href], input');
  expect(f.text.size, `smallest text: "${f.text.sample}"`).toBeGreaterThanOrEqual(30);
  expect(f.target.size, `smallest touch target: "${f.target.sample}"`).toBeGreaterThanOrEqual(64);
  expect(f.contrast.ratio, `lowest contrast: "${f.contrast.sample}"`).toBeGreaterThanOrEqual(4.5);
}

/** The booking page in its standard type: nothing under 18 px, every target at least 60 × 60 (SPEC §7), contrast ≥ 4.5. */
async function expectPhoneFigures(page: Page): Promise<void> {
  const f = await accessibilityFigures(page, '.book', 'button, [role="button"], a[href], input');
  expect(f.text.size, `smallest text: "${f.text.sample}"`).toBeGreaterThanOrEqual(18);
  expect(f.target.size, `smallest touch target: "${f.target.sample}"`).toBeGreaterThanOrEqual(60);
  expect(f.contrast.ratio, `lowest contrast: "${f.contrast.sample}"`).toBeGreaterThanOrEqual(4.5);
}

/** On the phone: 企业开办 → the day → the slot at `start`. */
async function chooseSlot(phone: Page, date: string, start: number): Promise<void> {
  await phone.locator('[data-service="company"]').tap();
  await phone.locator(`[data-date="${date}"]`).tap();
  await phone.locator(`.book-slot[data-start="${start}"]`).tap();
  await phone.locator('.book-form').waitFor(WAIT);
}

async function tapCode(kiosk: Page, code: string): Promise<void> {
  for (const d of code) await kiosk.locator(`.keypad__key[data-key="${d}"]`).tap();
}

describe('预约: book on the phone, check in at the kiosk', () => {
  it('book on a phone-sized page, check in on the kiosk with the keypad, the ticket called at a window and shown on the display', async () => {
    const h = await hall();
    // The 11:00 slot is taken by two other citizens; a walk-in is already waiting.
    const other = await bookByApi(h, at('11:00'), '13900000001');
    await bookByApi(h, at('11:00'), '13900000002', '赵六');
    expect((await h.api.issue('company')).body.ticket.number).toBe('A001');

    // The phone: only the service that takes bookings; seven days ahead, Sunday (closed) left out.
    const phone = await open(`${h.url}/kiosk/book.html`, SCREENS.phone);
    await phone.locator('[data-service]').first().waitFor(WAIT);
    expect(await phone.locator('[data-service]').count()).toBe(1);
    expect(await phone.locator('.phone-header__hall').textContent()).toBe('滨江市政务服务中心');
    expect(await phone.locator('.book-progress').textContent()).toContain('第 1 步，共 4 步');
    await expectPhoneFigures(phone);
    await phone.locator('[data-service="company"]').tap();
    await phone.locator('[data-date]').first().waitFor(WAIT);
    expect(await phone.locator('[data-date]').evaluateAll((els) => els.map((e) => e.getAttribute('data-date')))).toEqual(['2026-11-26', '2026-11-27', '2026-11-28', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03']);
    expect(await phone.locator('[data-date="2026-11-26"]').textContent()).toContain('今天');
    await screenshot(phone, `${SHOTS}/book-days.png`);
    await phone.locator('[data-date="2026-11-26"]').tap();

    // Today from 10:30 (10:00 has begun); 11:00 is full, shown but disabled.
    const slots = phone.locator('.book-slot');
    await slots.first().waitFor(WAIT);
    expect(await slots.first().getAttribute('data-start')).toBe(String(at('10:30')));
    const full = phone.locator(`.book-slot[data-start="${at('11:00')}"]`);
    expect(await full.isDisabled()).toBe(true);
    expect(await full.textContent()).toContain('已约满');
    expect(await phone.locator(`.book-slot[data-start="${at('10:30')}"]`).textContent()).toContain('余 2 个');
    await expectPhoneFigures(phone);
    await screenshot(phone, `${SHOTS}/book-slots.png`);
    await phone.locator(`.book-slot[data-start="${at('10:30')}"]`).tap();

    await phone.locator('.book-form').waitFor(WAIT);
    expect(await phone.locator('[data-testid=book-chosen-when]').textContent()).toContain('10:30–11:00');
    await phone.locator('input[name=name]').fill('王小明');
    await phone.locator('input[name=phone]').fill('138 1234 5678');
    await phone.locator('input[name=idNumber]').fill('11010519491231002x');
    await expectPhoneFigures(phone);
    await screenshot(phone, `${SHOTS}/book-details.png`);
    await phone.locator('.book-submit').tap();

    // The confirmation: the code large, how to check in, the QR code of the booking's own address.
    await phone.locator('[data-testid=book-success]').waitFor(WAIT);
    const code = (await phone.locator('.pass__code').getAttribute('data-code'))!;
    expect(code).toMatch(/^\d{6}$/);
    const booking = Object.values(h.hall.engine.data.appointments).find((a) => a.code === code)!;
    expect(booking.person).toEqual({ name: '王小明', phone: '13812345678', idNumber: '11010519491231002X' });
    const address = `${h.url}/kiosk/book.html?id=${booking.id}&token=${booking.token}&code=${code}`;
    expect(phone.url()).toBe(address);
    expect(await phone.locator('.book-address svg[data-qr]').getAttribute('data-qr')).toBe(address);
    expect(await phone.locator('[data-testid=booking-address]').textContent()).toBe(address);
    expect(await phone.locator('[data-testid=booking-status]').textContent()).toBe('已预约');
    expect(await phone.locator('[data-testid=booking-when]').textContent()).toBe('今天 11月26日 周四 10:30–11:00');
    expect(await phone.locator('[data-testid=booking-who]').textContent()).toBe('王**138****5678');
    expect(await phone.locator('[data-testid=check-in-window]').textContent()).toContain('10:00–10:45');
    await expectPhoneFigures(phone);
    await screenshot(phone, `${SHOTS}/book-confirmation.png`);
    // 大字: the kiosk's own figures on the phone.
    await phone.locator('.book-large').tap();
    await expect.poll(() => phone.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('34px');
    await expectKioskFigures(phone, '.book');
    await screenshot(phone, `${SHOTS}/book-confirmation-large.png`);
    await phone.locator('.book-large').tap();

    // The kiosk: 预约签到 from the home screen.
    const kiosk = await open(`${h.url}/kiosk/?key=${KIOSK_KEY}`, SCREENS.kiosk);
    await kiosk.locator('[data-testid=check-in-entry]').waitFor(WAIT);
    await expectKioskFigures(kiosk, '.kiosk');
    await screenshot(kiosk, `${SHOTS}/kiosk-home-check-in.png`);
    await kiosk.locator('[data-testid=check-in-entry]').tap();
    await kiosk.locator('.keypad').waitFor(WAIT);
    await expectKioskFigures(kiosk, '.kiosk');

    // Too early for the 11:00 booking (from 10:30); a code nobody booked; then the phone's, on the keypad.
    await tapCode(kiosk, other.code);
    expect(await kiosk.locator('.code-cells').getAttribute('data-code')).toBe(other.code);
    await kiosk.locator('.check-in__submit').tap();
    const refusal = kiosk.locator('.check-in__refusal');
    await refusal.waitFor(WAIT);
    expect(await refusal.getAttribute('data-refusal')).toBe('TOO_EARLY');
    expect(await refusal.textContent()).toContain('还没到签到时间');
    expect(await refusal.textContent()).toMatch(/10:30|30 分钟/);
    await expectKioskFigures(kiosk, '.kiosk');
    await screenshot(kiosk, `${SHOTS}/kiosk-check-in-too-early.png`);
    const nobody = ['000000', '999999'].find((c) => ![code, other.code].includes(c) && !Object.values(h.hall.engine.data.appointments).some((a) => a.code === c))!;
    await tapCode(kiosk, nobody);
    await kiosk.locator('.check-in__submit').tap();
    await kiosk.locator('.check-in__refusal[data-refusal=APPOINTMENT_NOT_FOUND]').waitFor(WAIT);
    expect(await refusal.textContent()).toContain('没有找到这个预约码');

    await tapCode(kiosk, code);
    await screenshot(kiosk, `${SHOTS}/kiosk-check-in-keypad.png`);
    await kiosk.locator('.check-in__submit').tap();
    await kiosk.locator('.ticket-card__number').waitFor(WAIT);
    expect(await kiosk.locator('.ticket-card__number').textContent()).toBe('A002');
    expect(await kiosk.locator('[data-testid=ticket-booked]').textContent()).toBe('预约');
    expect(await kiosk.locator('.ticket-card').textContent()).toContain('企业开办');
    expect(await kiosk.locator('[data-testid=ticket-late]').count()).toBe(0);
    await expectKioskFigures(kiosk, '.kiosk');
    await screenshot(kiosk, `${SHOTS}/kiosk-check-in-ticket.png`);
    await kiosk.locator('.issued__done').tap();

    // A second check-in with the same code, typed by a scanner (digits, then Enter).
    await kiosk.locator('[data-testid=check-in-entry]').tap();
    await kiosk.locator('.keypad').waitFor(WAIT);
    // Keystrokes go to the window in front: on its own machine that is the kiosk's, here the phone's was opened too.
    await kiosk.bringToFront();
    await kiosk.keyboard.type(code);
    await kiosk.keyboard.press('Enter');
    await kiosk.locator('.check-in__refusal[data-refusal=ALREADY_CHECKED_IN]').waitFor(WAIT);
    expect(await refusal.textContent()).toContain('这个预约码已经签到过了');
    // From 10:30 the 11:00 booking checks in, by scanner too, and its slot has not begun: it waits its turn.
    h.clock.set(at('10:31'));
    await kiosk.keyboard.type(other.code);
    await kiosk.keyboard.press('Enter');
    await kiosk.locator('.ticket-card__number').waitFor(WAIT);
    expect(await kiosk.locator('.ticket-card__number').textContent()).toBe('A003');
    expect(await kiosk.locator('[data-testid=ticket-booked]').count()).toBe(1);
    expect(problems(kiosk, [404, 409])).toEqual([]);
    await done(kiosk);

    // The wall display and the clerk at window 5: the 10:30 booking, whose slot has begun, before the walk-in A001.
    const wall = await open(`${h.url}/display/?key=${DISPLAY_KEY}`, SCREENS.wall);
    const counter = await open(`${h.url}/counter/`, SCREENS.counter);
    await counter.fill('input[name=staffNo]', '1005');
    await counter.fill('input[name=password]', 'pw');
    await counter.click('button[type=submit]');
    await counter.click('button[data-window="w5"]');
    await counter.locator('button[data-action="callNext"]:not(:disabled)').click();
    await counter.locator('[data-testid=current-number]', { hasText: 'A002' }).waitFor(WAIT);
    expect(await counter.locator('[data-testid=appointment-badge]').textContent()).toBe('预约');
    expect((await counter.locator('[data-testid=appointment-slot]').textContent())!.replaceAll('\u2060', '')).toBe('10:30–11:00');
    expect(await counter.locator('[data-testid=appointment-phone]').textContent()).toBe('138****5678');
    await screenshot(counter, `${SHOTS}/counter-appointment-ticket.png`);
    await wall.locator('[data-window-id="w5"] .window-tile__number', { hasText: 'A002' }).waitFor(WAIT);
    await screenshot(wall, `${SHOTS}/display-appointment-called.png`);
    expect(problems(counter)).toEqual([]);
    expect(problems(wall)).toEqual([]);
    await done(counter);
    await done(wall);

    // The booking's own page says it was checked in, with its ticket's page one tap away.
    await phone.reload();
    await phone.locator('[data-testid=booking-ticket]').waitFor(WAIT);
    expect(await phone.locator('[data-testid=booking-status]').textContent()).toBe('已签到');
    expect(await phone.locator('[data-testid=booking-ticket]').textContent()).toContain('A002');
    const ticket = Object.values(h.hall.engine.data.tickets).find((t) => t.number === 'A002')!;
    expect(await phone.locator('[data-testid=booking-ticket] a').getAttribute('href')).toBe(`${h.url}/kiosk/ticket.html?id=${ticket.id}&token=${ticket.token}`);
    expect(await phone.locator('[data-testid=cancel-booking]').count()).toBe(0);
    await screenshot(phone, `${SHOTS}/book-checked-in.png`);
    await phone.locator('[data-testid=booking-ticket] a').tap();
    await phone.locator('.summary__number', { hasText: 'A002' }).waitFor(WAIT);
    expect(problems(phone)).toEqual([]);
  });

  it("shows the manager the day's bookings per service, by slot, phones masked, and counts them in the period report", async () => {
    const h = await hall();
    // The day the first test makes on screens, made here through the API: a walk-in A001, the
    // 10:30 booking checked in as A002, the two at 11:00, one of them checked in from 10:30 (A003).
    expect((await h.api.issue('company')).body.ticket.number).toBe('A001');
    const mine = await bookByApi(h, at('10:30'), '13812345678', '王小明');
    const other = await bookByApi(h, at('11:00'), '13900000001');
    await bookByApi(h, at('11:00'), '13900000002', '赵六');
    const checkIn = (code: string) => h.api.post('/appointments/check-in', { code }, KIOSK_KEY);
    expect((await checkIn(mine.code)).body.ticket.number).toBe('A002');
    h.clock.set(at('10:31'));
    expect((await checkIn(other.code)).body.ticket.number).toBe('A003');
    const code = mine.code;

    // The manager's day: per service, by slot, statuses, phones masked.
    const manager = await open(`${h.url}/counter/`, { width: 1440, height: 900 });
    await manager.fill('input[name=staffNo]', '9001');
    await manager.fill('input[name=password]', 'pw');
    await manager.click('button[type=submit]');
    await manager.click('.mgr-nav__item[data-view=appointments]');
    const table = manager.locator('.mgr-table--appointments[data-service=company]');
    await table.waitFor(WAIT);
    expect(await table.locator('tbody tr').count()).toBe(3);
    const row = table.locator(`tr[data-code="${code}"]`);
    expect(await row.getAttribute('data-status')).toBe('checked-in');
    expect(await row.textContent()).toContain('138****5678');
    expect(await row.textContent()).toContain('A002');
    expect(await table.textContent()).not.toContain('13812345678');
    expect(await manager.locator('[data-testid=appt-total] .mgr-stat__value').textContent()).toContain('3');
    expect(await manager.locator('[data-testid=appt-checked-in] .mgr-stat__value').textContent()).toContain('2');
    await screenshot(manager, `${SHOTS}/manager-appointments.png`);
    // The period report counts the day's bookings per service.
    await manager.click('[data-view=report]');
    await manager.click('.mgr-chip >> text=今日');
    const bookings = manager.locator('[data-testid=report-bookings] tr[data-service=company]');
    await bookings.waitFor(WAIT);
    const cells = await bookings.locator('td').allTextContents();
    expect(cells.slice(0, 2)).toEqual(['3', '2']);
    expect(problems(manager)).toEqual([]);
  });

  it('names a wrong mobile number and a wrong ID check digit at their fields, as they are typed', async () => {
    const h = await hall();
    const phone = await open(`${h.url}/kiosk/book.html`, SCREENS.phone);
    await chooseSlot(phone, '2026-11-27', at('09:00', '2026-11-27'));
    const problem = (field: string) => phone.locator(`[data-field=${field}] .book-field__problem`);

    // A mobile number starting 12 is wrong from its second digit on.
    await phone.locator('input[name=name]').fill('张三');
    await phone.locator('input[name=phone]').pressSequentially('12');
    await problem('phone').waitFor(WAIT);
    expect(await problem('phone').textContent()).toBe('手机号码应以 13–19 开头，请核对');
    expect(await phone.locator('input[name=phone]').getAttribute('aria-invalid')).toBe('true');
    // Ten digits are not yet wrong while typing, but are once the field is left.
    await phone.locator('input[name=phone]').fill('1381234567');
    expect(await problem('phone').count()).toBe(0);
    await phone.locator('input[name=idNumber]').focus();
    await problem('phone').waitFor(WAIT);
    expect(await problem('phone').textContent()).toBe('手机号码应为 11 位数字');

    // The ID number's check digit (GB 11643): 11010519491231002X is right, …0021 is not.
    await phone.locator('input[name=idNumber]').pressSequentially('110105194912310021');
    await problem('idNumber').waitFor(WAIT);
    expect(await problem('idNumber').textContent()).toBe('身份证号码有误：最后一位校验码对不上，请核对');
    expect(await problem('name').count()).toBe(0);
    await screenshot(phone, `${SHOTS}/book-field-errors.png`);

    // Submitting sends nothing while a field is wrong.
    await phone.locator('.book-submit').tap();
    expect(await phone.locator('[data-testid=book-refusal]').textContent()).toBe('请先改正标红的内容');
    expect(Object.keys(h.hall.engine.data.appointments)).toHaveLength(0);

    // The server checks the same, field by field.
    for (const [field, body] of [
      ['phone', { phone: '12812345678' }],
      ['idNumber', { phone: '13812345678', idNumber: '110105194912310021' }],
    ] as const) {
      const r = await h.api.post('/appointments', { serviceId: 'company', start: at('09:00', '2026-11-27'), name: '张三', ...body });
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'INVALID_INPUT', field });
    }

    // In English the same checks speak English.
    await phone.locator('.phone-header__lang').first().tap();
    await phone.locator('input[name=phone]').fill('13812345678');
    expect(await problem('phone').count()).toBe(0);
    await phone.locator('input[name=idNumber]').fill('11010519491231002');
    await phone.locator('input[name=idNumber]').pressSequentially('1');
    expect(await problem('idNumber').textContent()).toBe('This ID number is wrong: its last character does not match. Please check it.');
    await phone.locator('input[name=idNumber]').fill('11010519491231002X');
    expect(await problem('idNumber').count()).toBe(0);
    await phone.locator('.book-submit').tap();
    await phone.locator('[data-testid=book-success]').waitFor(WAIT);
    expect(await phone.locator('[data-testid=booking-status]').textContent()).toBe('Booked');
    expect(problems(phone)).toEqual([]);
  });

  it('cancels from the booking page after a confirm step, and the place is free again; not within two hours of it', async () => {
    const h = await hall();
    const tomorrow = at('09:00', '2026-11-27');
    const booking = await bookByApi(h, tomorrow, '13812345678', '王小明');
    const phone = await open(booking.statusUrl, SCREENS.phone);
    await phone.locator('[data-testid=booking-status]').waitFor(WAIT);
    expect(await phone.locator('[data-testid=book-success]').count()).toBe(0);
    expect(await phone.locator('.pass__code').getAttribute('data-code')).toBe(booking.code);
    expect(await phone.locator('[data-testid=booking-when]').textContent()).toBe('明天 11月27日 周五 09:00–09:30');

    await phone.locator('[data-testid=cancel-booking]').tap();
    expect(await phone.locator('.cancel-confirm__question').textContent()).toContain('明天 11月27日 周五 09:00–09:30');
    // Keeping it is one tap too, and changes nothing.
    await phone.locator('.cancel-confirm .phone-button--secondary').tap();
    expect(Object.values(h.hall.engine.data.appointments)[0].status).toBe('booked');
    await phone.locator('[data-testid=cancel-booking]').tap();
    await screenshot(phone, `${SHOTS}/book-cancel-confirm.png`);
    await phone.locator('[data-testid=cancel-booking-yes]').tap();
    await phone.locator('[data-testid=booking-status]', { hasText: '已取消' }).waitFor(WAIT);
    expect(await phone.locator('.outcome').textContent()).toContain('本预约已取消');
    expect(await phone.locator('[data-testid=cancel-booking]').count()).toBe(0);
    expect(Object.values(h.hall.engine.data.appointments)[0].status).toBe('cancelled');
    await screenshot(phone, `${SHOTS}/book-cancelled.png`);
    const slots = (await h.api.get(`/appointments/slots?serviceId=company&date=2026-11-27`)).body.slots as Array<{ start: number; left: number }>;
    expect(slots.find((s) => s.start === tomorrow)!.left).toBe(2);

    // Within two hours of its time a booking can no longer be cancelled online, and the page says so.
    const soon = await bookByApi(h, at('11:30'), '13812345678', '王小明');
    await phone.goto(soon.statusUrl);
    await phone.locator('[data-testid=booking-status]', { hasText: '已预约' }).waitFor(WAIT);
    expect(await phone.locator('[data-testid=cancel-booking]').count()).toBe(0);
    expect(await phone.locator('.book-note').textContent()).toBe('已临近预约时间，不能在网上取消');
    expect(problems(phone)).toEqual([]);
  });

  it('checks a late citizen in as a walk-in, and says so on the ticket and at the counter', async () => {
    const h = await hall();
    const booking = await bookByApi(h, at('10:30'), '13812345678', '王小明');
    h.clock.set(at('10:50'));
    const kiosk = await open(`${h.url}/kiosk/?key=${KIOSK_KEY}`, SCREENS.kiosk);
    await kiosk.locator('[data-testid=check-in-entry]').tap();
    // In 长辈模式 the keypad keeps the kiosk's figures too.
    await kiosk.locator('.switch[aria-pressed]').tap();
    await expect.poll(() => kiosk.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('40px');
    await expectKioskFigures(kiosk, '.kiosk');
    await tapCode(kiosk, booking.code);
    await kiosk.locator('.check-in__submit').tap();
    await kiosk.locator('.ticket-card__number').waitFor(WAIT);
    expect(await kiosk.locator('[data-testid=ticket-late]').textContent()).toBe('已过预约时间，按现场号排队');
    expect(await kiosk.locator('[data-testid=ticket-booked]').count()).toBe(0);
    await expectKioskFigures(kiosk, '.kiosk');
    await screenshot(kiosk, `${SHOTS}/kiosk-check-in-late.png`);
    expect(problems(kiosk)).toEqual([]);

    const counter = await open(`${h.url}/counter/`, SCREENS.counter);
    await counter.fill('input[name=staffNo]', '1005');
    await counter.fill('input[name=password]', 'pw');
    await counter.click('button[type=submit]');
    await counter.click('button[data-window="w5"]');
    await counter.locator('button[data-action="callNext"]:not(:disabled)').click();
    await counter.locator('[data-testid=current-number]', { hasText: 'A001' }).waitFor(WAIT);
    expect(await counter.locator('[data-testid=appointment-late]').textContent()).toBe('预约迟到，按现场号');
    expect(await counter.locator('[data-testid=appointment-badge]').count()).toBe(0);
    expect(problems(counter)).toEqual([]);
  });
});
