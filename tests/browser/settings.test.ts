import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, pageErrors, SCREENS, screenshot } from '../support/browser.ts';
import { KIOSK_KEY } from '../support/config.ts';
import { startHall, type TestHall } from '../support/harness.ts';

/**
 * The manager's 系统设置 in Debian's Chromium against the real server: the hall's
 * configuration edited as one draft and saved at once, applied to every screen without a
 * restart — a new service and window taken into use by a clerk and a kiosk, fields checked
 * as one types, a save that raced another manager's, device keys shown once, staff added,
 * disabled and given a new password.
 *
 * Screenshots go to tests/.tmp/screenshots (SCREENSHOT_DIR to choose another place).
 */
const SHOTS = `${resolve(process.env.SCREENSHOT_DIR ?? 'tests/.tmp/screenshots')}/`;
const DESK = { width: 1440, height: 900 };
const WAIT = { timeout: 10_000 };
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 });

let browser: Browser;
let h: TestHall;
const pages: Page[] = [];
/** Console errors per page: a manager's screen logs none, except the refusals a test provokes. */
const consoleErrors = new WeakMap<Page, string[]>();

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  for (const p of pages.splice(0)) await p.context().close();
  await h?.close();
});

async function open(url: string, screen: { width: number; height: number; hasTouch?: boolean }): Promise<Page> {
  const errors: string[] = [];
  const page = await openPage(browser, url, screen, async (ctx) => {
    ctx.setDefaultTimeout(10_000);
    ctx.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
  });
  consoleErrors.set(page, errors);
  pages.push(page);
  return page;
}

function expectClean(page: Page, refusals: number[] = []): void {
  expect(pageErrors(page)).toEqual([]);
  const provoked = refusals.map((status) => `Failed to load resource: the server responded with a status of ${status}`);
  expect((consoleErrors.get(page) ?? []).filter((e) => !provoked.some((p) => e.startsWith(p)))).toEqual([]);
}

async function logIn(page: Page, staffNo: string, password = 'pw'): Promise<void> {
  await page.fill('input[name=staffNo]', staffNo);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
}

/** The manager logs in at the staff app and opens 系统设置. */
async function openSettings(): Promise<Page> {
  const page = await open(`${h.url}/counter/`, DESK);
  await logIn(page, '9001');
  await page.click('[data-view=settings]');
  await page.locator('[data-testid=settings]').waitFor(WAIT);
  return page;
}

const field = (page: Page, path: string) => page.locator(`[name="${path}"]`);
const errorAt = (page: Page, path: string) => page.locator(`[data-error-for="${path}"]`);
const tab = (page: Page, name: string) => page.click(`[data-tab=${name}]`);
const saveMessage = (page: Page) => page.locator('[data-testid=save-message]');

async function save(page: Page): Promise<void> {
  await page.click('[data-testid=save]');
  await saveMessage(page).filter({ hasText: '已保存' }).waitFor(WAIT);
}

async function storedConfig(manager: string): Promise<{ version: number; config: any }> {
  const r = await h.api.get('/admin/config', manager);
  expect(r.status).toBe(200);
  return r.body;
}

describe('the manager’s settings', () => {
  it('adds a service and a window; a clerk signs in there, the kiosk shows the service, a ticket is issued and called', async () => {
    h = await startHall();
    const manager = await h.api.login('9001');
    const before = await storedConfig(manager);
    const page = await openSettings();
    expect(await page.textContent('[data-testid=config-version]')).toBe(`第 ${before.version} 版`);
    expect(await page.textContent('[data-testid=save-bar]')).toContain('所有修改均已保存');
    await screenshot(page, `${SHOTS}settings-hall.png`);

    // 事项: a new service of the police (ga), with its prefix, target wait and guide.
    await tab(page, 'services');
    await page.click('[data-testid=add-services]');
    const s = before.config.services.length;
    await field(page, `services[${s}].id`).fill('passport');
    await field(page, `services[${s}].name`).fill('出入境证件办理');
    await field(page, `services[${s}].departmentId`).selectOption('ga');
    await field(page, `services[${s}].prefix`).fill('g');
    expect(await field(page, `services[${s}].prefix`).inputValue()).toBe('G');
    await field(page, `services[${s}].targetWaitMinutes`).fill('20');
    await field(page, `services[${s}].defaultServiceMinutes`).fill('8');
    await page.click('text=添加材料');
    await field(page, `services[${s}].guide.materials[0]`).fill('居民身份证');
    await field(page, `services[${s}].guide.promisedDays`).fill('7');
    // No window serves it yet: the form says so.
    expect(await page.textContent('[data-detail=passport]')).toContain('还没有窗口办理这个事项');
    await screenshot(page, `${SHOTS}settings-services.png`);

    // 窗口: window 21 of the police, serving the new service first, then 户籍.
    await tab(page, 'windows');
    await page.click('[data-testid=add-windows]');
    const w = before.config.windows.length;
    expect(await field(page, `windows[${w}].number`).inputValue()).toBe('21');
    await field(page, `windows[${w}].id`).fill('w21');
    await field(page, `windows[${w}].name`).fill('出入境');
    await field(page, `windows[${w}].departmentId`).selectOption('ga');
    await field(page, `windows[${w}].serviceIds.add`).selectOption('household');
    await field(page, `windows[${w}].serviceIds.add`).selectOption('passport');
    // In order: move the new service up to the top.
    await page.click('[aria-label="上移 出入境证件办理"]');
    expect(await page.locator('.mgr-order__row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-service')))).toEqual(['passport', 'household']);
    await poll(() => page.textContent('[data-testid=unsaved-count]')).toContain('2 项未保存的修改');
    expect(await page.textContent('[data-view=settings] .mgr-nav__badge')).toBe('2');
    await page.click('[data-testid=unsaved-count]');
    expect(await page.textContent('[data-testid=change-list]')).toContain('新增 事项 出入境证件办理');
    await screenshot(page, `${SHOTS}settings-windows.png`);
    await page.click('[data-testid=unsaved-count]');

    await save(page);
    expect(await page.textContent('[data-testid=config-version]')).toBe(`第 ${before.version + 1} 版`);
    expect(await page.textContent('[data-testid=save-bar]')).toContain('所有修改均已保存');
    const after = await storedConfig(manager);
    expect(after.config.services.find((x: { id: string }) => x.id === 'passport')).toMatchObject({ departmentId: 'ga', prefix: 'G', targetWaitMinutes: 20, defaultServiceMinutes: 8, guide: { materials: ['居民身份证'], promisedDays: 7 } });
    expect(after.config.windows.find((x: { id: string }) => x.id === 'w21')).toMatchObject({ number: 21, name: '出入境', departmentId: 'ga', serviceIds: ['passport', 'household'] });

    // A clerk of the police signs in at the new window, without any restart.
    const clerk = await open(`${h.url}/counter/`, SCREENS.counter);
    await logIn(clerk, '1002');
    await clerk.click('button[data-window="w21"]');
    await clerk.locator('[data-testid=window-number]', { hasText: '21 号窗口' }).waitFor(WAIT);

    // The kiosk offers the new service; a citizen takes a ticket.
    const kiosk = await open(`${h.url}/kiosk/?key=${KIOSK_KEY}`, SCREENS.kiosk);
    await kiosk.locator('[data-department="ga"]').click(WAIT);
    await kiosk.locator('[data-service="passport"]').click(WAIT);
    await kiosk.locator('.confirm__issue').click(WAIT);
    await kiosk.locator('.ticket-card__number', { hasText: 'G001' }).waitFor(WAIT);

    // The clerk calls it.
    await clerk.locator('button[data-action="callNext"]').click(WAIT);
    await clerk.locator('[data-testid=current-number]', { hasText: 'G001' }).waitFor(WAIT);
    const ticket = Object.values(h.hall.engine.data.tickets).find((x) => x.number === 'G001');
    expect(ticket).toMatchObject({ serviceId: 'passport', status: 'called' });
    await screenshot(clerk, `${SHOTS}settings-new-window-clerk.png`);

    // The change log names who did it.
    await tab(page, 'audit');
    await page.locator(`.mgr-audit__entry[data-version="${before.version + 1}"]`).waitFor(WAIT);
    expect(await page.textContent(`.mgr-audit__entry[data-version="${before.version + 1}"]`)).toContain('郑主任');
    for (const p of [page, clerk, kiosk]) expectClean(p);
  });

  it('checks each field as one types and names it; the server’s refusal shows at its field', async () => {
    h = await startHall();
    const page = await openSettings();
    await tab(page, 'services');
    await page.click('[data-item=company]');
    const prefix = 'services[0].prefix';
    await field(page, prefix).fill('A1');
    await errorAt(page, prefix).waitFor(WAIT);
    expect(await errorAt(page, prefix).textContent()).toBe('须为 1–2 个大写字母，如 A 或 GA');
    expect(await field(page, prefix).getAttribute('aria-invalid')).toBe('true');
    // The list and the tab count the problem.
    expect(await page.textContent('[data-item=company] .mgr-item__problems')).toBe('1');
    expect(await page.textContent('[data-tab=services] .mgr-tab__problems')).toBe('1');
    // A prefix another service has is allowed (their numbers run on together), and said.
    await field(page, prefix).fill('B');
    await poll(() => errorAt(page, prefix).count()).toBe(0);
    expect(await page.textContent('[data-field="services[0].prefix"] .mgr-field__hint')).toBe('与“个体工商户登记”共用此前缀，号码连续编排');
    await field(page, prefix).fill('b2');
    await poll(() => errorAt(page, prefix).textContent()).toBe('须为 1–2 个大写字母，如 A 或 GA');
    // A number field that is not a number.
    await field(page, 'services[0].targetWaitMinutes').fill('半小时');
    await poll(() => errorAt(page, 'services[0].targetWaitMinutes').textContent()).toBe('请输入数字');
    await screenshot(page, `${SHOTS}settings-field-error.png`);

    // Saving is refused here, before anything reaches the server, and goes to the first problem.
    await tab(page, 'hall');
    await page.click('[data-testid=save]');
    await poll(() => saveMessage(page).textContent()).toContain('还有 2 处需要修改');
    expect(await page.getAttribute('[data-tab=services]', 'aria-selected')).toBe('true');
    await poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe(prefix);
    expect((await storedConfig(await h.api.login('9001'))).version).toBe(1);

    // Put right, the problems go.
    await field(page, prefix).fill('AA');
    await field(page, 'services[0].targetWaitMinutes').fill('25');
    await poll(() => errorAt(page, prefix).count()).toBe(0);
    expect(await page.locator('[data-tab=services] .mgr-tab__problems').count()).toBe(0);

    // What the server refuses, it names by field ("services[0].prefix: …"): the message shows there.
    await page.route('**/api/admin/config', (route) =>
      route.request().method() === 'PUT'
        ? route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ error: { code: 'INVALID_INPUT', message: 'services[0].prefix: 该前缀已被取号机打印在今日号票上', field: 'services[0].prefix' } }) })
        : route.continue(),
    );
    await tab(page, 'rules');
    await page.click('[data-testid=save]');
    await poll(() => errorAt(page, prefix).textContent()).toBe('该前缀已被取号机打印在今日号票上');
    expect(await page.getAttribute('[data-tab=services]', 'aria-selected')).toBe('true');
    expect(await saveMessage(page).textContent()).toContain('未保存');
    // Edited again, the field is the manager's again.
    await field(page, prefix).fill('AB');
    await poll(() => errorAt(page, prefix).count()).toBe(0);
    await page.unroute('**/api/admin/config');

    // 撤销 drops the draft.
    await page.click('[data-testid=discard]');
    expect(await field(page, prefix).inputValue()).toBe('A');
    expect(await page.textContent('[data-testid=save-bar]')).toContain('所有修改均已保存');
    expectClean(page, [400]);
  });

  it('says so when another manager saved first, shows the newer version and re-applies the changes onto it', async () => {
    h = await startHall();
    const manager = await h.api.login('9001');
    const page = await openSettings();
    // The draft: a longer lateness grace and an extra working day (调休 Saturday).
    await field(page, 'hall.lateGraceMinutes').fill('10');
    await field(page, 'hall.workdays.add').fill('2026-12-05');
    await page.click('[data-action=add-workdays]');
    await page.locator('.mgr-date-chip[data-date="2026-12-05"]').waitFor(WAIT);

    // Meanwhile the configuration changes through the API: a holiday and a renamed hall.
    const { version, config } = await storedConfig(manager);
    config.hall.holidays = [...config.hall.holidays, '2026-12-31'];
    config.hall.name = '滨江市民中心';
    const r = await h.api.request('PUT', '/admin/config', { body: { version, config }, auth: manager });
    expect(r.status).toBe(200);

    await page.click('[data-testid=save]');
    const banner = page.locator('[data-testid=version-conflict]');
    await banner.waitFor(WAIT);
    expect(await banner.textContent()).toContain(`另一位管理员已保存了第 ${version + 1} 版`);
    await poll(() => banner.textContent()).toContain('郑主任 于');
    await banner.locator('summary').click();
    expect(await banner.textContent()).toContain('修改 大厅名称');
    expect(await banner.textContent()).toContain('修改 节假日');
    expect(await saveMessage(page).textContent()).toContain('配置已被他人修改');
    // Nothing of the draft was saved.
    expect((await storedConfig(manager)).config.hall.lateGraceMinutes).toBe(5);
    await screenshot(page, `${SHOTS}settings-conflict.png`);

    // Re-applied onto the newer version: theirs kept, mine on top, then saved.
    await page.click('[data-testid=conflict-reapply]');
    expect(await page.textContent('[data-testid=config-version]')).toBe(`第 ${version + 1} 版`);
    expect(await field(page, 'hall.name').inputValue()).toBe('滨江市民中心');
    expect(await field(page, 'hall.lateGraceMinutes').inputValue()).toBe('10');
    await page.locator('.mgr-date-chip[data-date="2026-12-31"]').waitFor(WAIT);
    await save(page);
    const saved = (await storedConfig(manager)).config;
    expect(saved.hall).toMatchObject({ name: '滨江市民中心', lateGraceMinutes: 10, holidays: expect.arrayContaining(['2026-12-31']), workdays: ['2026-12-05'] });
    expectClean(page, [409]);
  });

  it('refuses to remove a service with tickets waiting (IN_USE) and says so at its list; 恢复 puts it back', async () => {
    h = await startHall();
    expect((await h.api.issue('trader')).status).toBe(201);
    const page = await openSettings();
    await tab(page, 'services');
    await page.click('[data-item=trader]');
    await page.click('[data-detail=trader] [data-action=remove]');
    expect(await page.textContent('[role=dialog]')).toContain('将同时从 1 号窗口的办理事项中移除');
    await page.click('[data-testid=confirm]');
    await page.locator('[data-removed=trader]').waitFor(WAIT);
    await page.click('[data-testid=save]');
    await poll(() => errorAt(page, 'services').textContent()).toContain('还有 1 张号在等候或办理，不能删除');
    expect(await saveMessage(page).textContent()).toContain('个体工商户登记');
    await screenshot(page, `${SHOTS}settings-in-use.png`);
    // 恢复: the service comes back, and onto window 1 where it was.
    await page.click('[data-removed=trader] button');
    await page.locator('[data-item=trader]').waitFor(WAIT);
    expect(await page.textContent('[data-testid=save-bar]')).toContain('所有修改均已保存');
    expect(await errorAt(page, 'services').count()).toBe(0);
    expectClean(page, [409]);
  });

  it('shows a new device’s key once, gives a new key, and revokes a device after a confirm', async () => {
    h = await startHall();
    const manager = await h.api.login('9001');
    const page = await openSettings();
    await tab(page, 'devices');
    await page.click('[data-testid=add-devices]');
    const { config } = await storedConfig(manager);
    const n = config.devices.length;
    await field(page, `devices[${n}].id`).fill('kiosk-3');
    await field(page, `devices[${n}].name`).fill('二楼取号机');
    await page.click(`[data-detail=kiosk-3] [role=radio][data-value=browser]`);
    expect(await page.textContent('[data-detail=kiosk-3]')).toContain('保存后将生成设备密钥');
    await page.click('[data-testid=save]');

    const dialog = page.locator('[data-testid=device-keys]');
    await dialog.waitFor(WAIT);
    expect(await dialog.textContent()).toContain('密钥只在此显示这一次');
    const key = (await dialog.locator('[data-testid=device-key]').textContent())!.trim();
    expect(key.length).toBeGreaterThanOrEqual(16);
    expect(await dialog.textContent()).toContain(`/kiosk/?key=${key}`);
    // The key works at once: the new kiosk issues a ticket.
    expect((await h.api.issue('company', { key })).status).toBe(201);
    // The copy button says it copied.
    await dialog.locator('button', { hasText: '复制' }).first().click();
    await dialog.locator('button', { hasText: '已复制' }).waitFor(WAIT);
    await screenshot(page, `${SHOTS}settings-device-key.png`);
    // Closing needs the manager to say the key is kept; after that it is nowhere on the page.
    expect(await page.isDisabled('[data-testid=keys-done]')).toBe(true);
    await dialog.locator('input[name=keys-noted]').check();
    await page.click('[data-testid=keys-done]');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(key);
    expect(await page.textContent('[data-detail=kiosk-3]')).toContain('设备密钥已配置');

    // 更换密钥: the old key stops, the new one is shown once.
    await page.click('[data-detail=kiosk-3] [data-action=new-key]');
    await page.click('[data-testid=confirm]');
    await dialog.waitFor(WAIT);
    const renewed = (await dialog.locator('[data-testid=device-key]').textContent())!.trim();
    expect(renewed).not.toBe(key);
    expect((await h.api.issue('company', { key })).status).toBe(401);
    expect((await h.api.issue('company', { key: renewed })).status).toBe(201);
    await dialog.locator('input[name=keys-noted]').check();
    await page.click('[data-testid=keys-done]');

    // 撤销设备: asked first, removed from the draft, refused by the server once saved.
    await page.click('[data-item=kiosk-1]');
    await page.click('[data-detail=kiosk-1] [data-action=remove]');
    expect(await page.textContent('[role=dialog]')).toContain('保存后它的密钥立即失效');
    await page.click('[data-testid=confirm]');
    await page.locator('[data-removed=kiosk-1]').waitFor(WAIT);
    expect((await h.api.issue('company', { key: KIOSK_KEY })).status).toBe(201);
    // The new key made a version: this save follows it, no conflict.
    await save(page);
    expect((await h.api.issue('company', { key: KIOSK_KEY })).status).toBe(401);
    expect((await storedConfig(manager)).config.devices.map((d: { id: string }) => d.id)).not.toContain('kiosk-1');
    expectClean(page);
  });

  it('adds a clerk with a first password, resets a password, and disables a clerk whose session then ends', async () => {
    h = await startHall();
    const page = await openSettings();
    await tab(page, 'staff');
    const clerk3 = await h.api.login('1003');

    // A new clerk with a first password.
    await page.click('[data-testid=add-staff]');
    const n = (await page.locator('[data-list=staff] .mgr-item').count()) - 1;
    await field(page, `staff[${n}].id`).fill('c30');
    await field(page, `staff[${n}].name`).fill('陈晓');
    await field(page, `staff[${n}].staffNo`).fill('1030');
    await field(page, `staff[${n}].departmentId`).selectOption('ga');
    await field(page, `staff[${n}].password`).fill('short');
    await poll(() => errorAt(page, `staff[${n}].password`).textContent()).toBe('密码至少 8 位');
    await field(page, `staff[${n}].password`).fill('chenxiao-2026');

    // Disable clerk 1003.
    await page.click('[data-item=c3]');
    await page.locator('[data-detail=c3] .mgr-switch').click();
    expect(await page.textContent('[data-item=c3]')).toContain('已停用');
    await screenshot(page, `${SHOTS}settings-staff.png`);
    await save(page);
    expect(await saveMessage(page).textContent()).toContain('设置了初始密码');

    expect((await h.api.post('/auth/login', { staffNo: '1030', password: 'chenxiao-2026' })).status).toBe(200);
    expect((await h.api.get('/auth/me', clerk3)).status).toBe(401);
    expect((await h.api.post('/auth/login', { staffNo: '1003', password: 'pw' })).status).not.toBe(200);

    // 重置密码 for clerk 1004: set at once, the old one stops.
    await page.click('[data-item=c4]');
    await page.click('[data-detail=c4] [data-action=reset-password]');
    await page.fill('input[name=new-password]', 'new-pass-1004');
    await page.fill('input[name=new-password-again]', 'new-pass-1004');
    await page.click('[data-testid=password-dialog] button[type=submit]');
    await page.locator('[data-detail=c4] .mgr-ok').waitFor(WAIT);
    expect((await h.api.post('/auth/login', { staffNo: '1004', password: 'new-pass-1004' })).status).toBe(200);
    expect((await h.api.post('/auth/login', { staffNo: '1004', password: 'pw' })).status).toBe(401);
    // The reset made a version; the draft follows it and has nothing unsaved.
    expect(await page.textContent('[data-testid=save-bar]')).toContain('所有修改均已保存');

    // English second, from the one catalogue.
    await page.click('.mgr-top__btn >> text=English');
    expect(await page.textContent('[data-tab=staff]')).toBe('Staff');
    expect(await page.textContent('[data-view=settings]')).toContain('Settings');
    await screenshot(page, `${SHOTS}settings-staff-en.png`);
    await page.click('.mgr-top__btn >> text=中文');
    expectClean(page);
  });
});
