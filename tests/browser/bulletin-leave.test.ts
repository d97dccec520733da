import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/clock.ts';
import { EscposNetworkPrinter } from '../../server/printing/escpos-printer.ts';
import type { HallConfig } from '../../shared/config-schema.ts';
import { launchBrowser, openPage, pageErrors, screenshot } from '../support/browser.ts';
import { testConfig } from '../support/config.ts';
import { closedPort } from '../support/fake-printer.ts';
import { startHall, type TestHall } from '../support/harness.ts';
import { at, DEMO_DAYS, demoHall, playDay } from './manager-day.ts';

/**
 * SPEC §12 in Debian's Chromium: the manager previews the bulletin (通报) of a replayed day
 * and downloads it as Word with its two workbooks; a clerk asks for 病假 at the counter app,
 * the manager approves one request and refuses another, and attendance counts the approved
 * days as leave, not absence.
 */

const SHOTS = `${resolve(process.env.SCREENSHOT_DIR ?? 'tests/.tmp/screenshots')}/`;
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 });

async function logIn(page: Page, staffNo: string): Promise<void> {
  await page.fill('input[name=staffNo]', staffNo);
  await page.fill('input[name=password]', 'pw');
  await page.click('button[type=submit]');
}

describe('the bulletin of a replayed day', () => {
  const DAY = DEMO_DAYS[1];
  let h: TestHall;
  let config: HallConfig;
  let browser: Browser;
  let page: Page;
  let manager: string;

  beforeAll(async () => {
    config = demoHall(await closedPort());
    const clock = new ManualClock(at(DAY.date, 8 * 60));
    h = await startHall({ config, clock, networkPrinter: new EscposNetworkPrinter() });
    await playDay(h.api, clock, config, DAY, 2);
    manager = await h.api.login('9001');
    browser = await launchBrowser();
    page = await openPage(browser, `${h.url}/counter/`, { width: 1440, height: 900 }, async (ctx) => ctx.clock.setFixedTime(clock.now()));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('previews the bulletin as a printed document, with the departments and their counts', async () => {
    await logIn(page, '9001');
    await page.click('[data-view=report]');
    await page.click('.mgr-chip >> text=今日');
    await poll(() => page.inputValue('input[name=from]')).toBe(DAY.date);
    await page.click('[data-testid=bulletin-open]');
    const preview = page.locator('[data-testid=bulletin-preview]');
    await preview.waitFor();

    const summary = (await h.api.get(`/reports/summary?from=${DAY.date}&to=${DAY.date}`, manager)).body as { departments: Array<{ id: string; name: string; cases: number; retired?: boolean }>; hall: { cases: number } };
    const text = (await preview.textContent()) ?? '';
    expect(text).toContain('滨江市政务服务中心');
    expect(text).toContain('2026年11月23日');
    // The five busiest departments, each with its count, busiest first; none with zero cases among them.
    const busy = summary.departments.filter((d) => !d.retired && d.cases > 0).sort((a, b) => b.cases - a.cases);
    expect(busy.length).toBeGreaterThanOrEqual(5);
    const top = text.slice(text.indexOf('办件量居前'));
    const topLine = top.slice(0, top.indexOf('。'));
    const shown = [...topLine.matchAll(/([^：、（]+)（(\d+)件）/g)].map((m) => ({ name: m[1], cases: Number(m[2]) }));
    expect(shown).toHaveLength(5);
    for (const s of shown) expect(summary.departments.find((d) => d.name === s.name)?.cases).toBe(s.cases);
    expect(shown.map((s) => s.cases)).toEqual(busy.slice(0, 5).map((d) => d.cases));
    // The departments with nothing, named and counted.
    const idle = summary.departments.filter((d) => !d.retired && d.cases === 0);
    expect(idle.length).toBeGreaterThan(0);
    for (const d of idle) expect(text).toContain(d.name);
    expect(text).toContain(`${idle.length}个部门本期无办件`);
    expect(text).toContain(`受理办件${summary.hall.cases}件`);
    // The three headings and the two attachments, as the paper shows them.
    expect(await preview.locator('.mgr-paper__heading').allTextContents()).toEqual(['一、管理运行情况', '二、考核情况', '三、存在问题']);
    expect(await preview.locator('.mgr-paper__attach-list li').count()).toBe(2);
    expect(await preview.locator('.mgr-paper__title').evaluate((e) => getComputedStyle(e).textAlign)).toBe('center');
    expect(Number.parseFloat(await preview.locator('.mgr-paper__para').first().evaluate((e) => getComputedStyle(e).textIndent))).toBeGreaterThan(20);

    await screenshot(page, `${SHOTS}bulletin-preview.png`);
    // The whole sheet: a tall screen, so nothing of it is scrolled away.
    await page.setViewportSize({ width: 1440, height: 1500 });
    await page.waitForTimeout(200);
    await page.locator('.mgr-bulletin').screenshot({ path: `${SHOTS}bulletin-paper.png` });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('downloads the Word file and the two workbooks beside it', async () => {
    const [docx] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=bulletin-docx]')]);
    expect(docx.suggestedFilename()).toBe(`运行情况通报_${DAY.date}_${DAY.date}.docx`);
    const zip = await JSZip.loadAsync(await readFile((await docx.path())!));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('一、管理运行情况');
    expect(xml).toContain('办件量居前');

    const [attendance] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=bulletin-attendance-xlsx]')]);
    expect(attendance.suggestedFilename()).toBe(`考勤_${DAY.date}_${DAY.date}.xlsx`);
    const [figures] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=bulletin-summary-xlsx]')]);
    expect(figures.suggestedFilename()).toBe(`服务统计_${DAY.date}_${DAY.date}.xlsx`);

    // English screen, Chinese document.
    await page.click('.mgr-top__btn >> text=English');
    expect(await page.textContent('[data-testid=bulletin-docx]')).toContain('Download Word');
    expect(await page.textContent('.mgr-paper__heading')).toBe('一、管理运行情况');
    await page.click('.mgr-top__btn >> text=中文');
    // Closed again with 收起.
    await page.click('[data-testid=bulletin-close]');
    expect(await page.locator('[data-testid=bulletin-preview]').count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
  });
});

describe('leave, asked at the counter and decided by the manager', () => {
  const MON = '2026-11-23';
  const WEEK = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'];
  let h: TestHall;
  let clock: ManualClock;
  let browser: Browser;
  let clerk: Page;
  let boss: Page;

  beforeAll(async () => {
    clock = new ManualClock(at(MON, 8 * 60 + 40));
    h = await startHall({ config: testConfig(), clock });
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('lets a clerk ask for 病假 on two dates, with errors at the fields, and withdraw a pending request', async () => {
    clerk = await openPage(browser, `${h.url}/counter/`, { width: 1366, height: 768 }, async (ctx) => ctx.clock.setFixedTime(clock.now()));
    await logIn(clerk, '1001');
    await clerk.click('[data-testid=leave-open]');
    const dialog = clerk.locator('[data-testid=leave-dialog]');
    await dialog.waitFor();
    await poll(() => dialog.locator('[data-testid=leave-mine], .leave__none').count()).toBe(1);

    // Nothing chosen: each field says what it needs.
    await clerk.click('[data-testid=leave-submit]');
    expect(await dialog.locator('[data-field=kind]').textContent()).toBe('请选择假别');
    expect(await dialog.locator('[data-field=dates]').textContent()).toContain('请在日历上选择请假日期');

    await clerk.click('[data-kind=sick]');
    await clerk.click('[data-date="2026-11-25"]');
    await clerk.click('[data-date="2026-11-26"]');
    expect(await clerk.textContent('[data-testid=leave-picked]')).toBe('已选 2 天：11月25日至26日');
    await clerk.fill('.leave input[name=note]', '发热就医');
    await screenshot(clerk, `${SHOTS}leave-clerk-form.png`);
    await clerk.click('[data-testid=leave-submit]');
    const pending = dialog.locator('.leave__item[data-status=pending]');
    await poll(() => pending.count()).toBe(1);
    expect(await pending.textContent()).toContain('病假');
    expect(await pending.textContent()).toContain('待审批');
    expect(await pending.textContent()).toContain('11月25日至26日');

    // A date already asked for: refused, and said at the dates.
    await clerk.click('[data-kind=personal]');
    await clerk.click('[data-date="2026-11-26"]');
    await clerk.click('[data-testid=leave-submit]');
    await poll(() => dialog.locator('[data-field=dates]').textContent()).toContain('已有待审批或已批准的请假');
    await screenshot(clerk, `${SHOTS}leave-clerk-overlap.png`);

    // Another request, withdrawn while pending.
    await clerk.click('[data-date="2026-11-26"]');
    await clerk.click('[data-kind=annual]');
    await clerk.click('[data-date="2026-11-30"]');
    await clerk.click('[data-testid=leave-submit]');
    await poll(() => pending.count()).toBe(2);
    await dialog.locator('.leave__item', { hasText: '年休假' }).locator('button').click();
    await poll(() => dialog.locator('.leave__item[data-status=cancelled]').textContent()).toContain('已撤回');
    await screenshot(clerk, `${SHOTS}leave-clerk-list.png`);
    const mine = (await h.api.get('/leave', await h.api.login('1001'))).body.leave as Array<{ kind: string; dates: string[]; status: string }>;
    expect(mine.map((l) => `${l.kind}:${l.status}:${l.dates.join(',')}`).sort()).toEqual(['annual:cancelled:2026-11-30', 'sick:pending:2026-11-25,2026-11-26']);
    expect(pageErrors(clerk)).toEqual([]);
  });

  it('lets the manager approve one request and refuse another', async () => {
    const other = await h.api.login('1002');
    expect((await h.api.post('/leave', { kind: 'personal', dates: ['2026-11-24'], note: '家中有事' }, other)).status).toBe(201);

    boss = await openPage(browser, `${h.url}/counter/`, { width: 1440, height: 900 }, async (ctx) => ctx.clock.setFixedTime(clock.now()));
    await logIn(boss, '9001');
    // The nav says two requests wait.
    await poll(() => boss.textContent('[data-testid=nav-leave-pending]')).toBe('2');
    await boss.click('[data-view=leave]');
    const rows = boss.locator('[data-testid=leave-pending] tbody tr');
    await poll(() => rows.count()).toBe(2);
    const c1 = boss.locator('[data-testid=leave-pending] tr[data-staff=c1]');
    expect(await c1.textContent()).toContain('窗口员1');
    expect(await c1.textContent()).toContain('市场监督管理局');
    expect(await c1.textContent()).toContain('病假');
    expect(await c1.textContent()).toContain('11月25日至26日');
    expect(await c1.textContent()).toContain('发热就医');
    const c2 = boss.locator('[data-testid=leave-pending] tr[data-staff=c2]');
    expect(await c2.textContent()).toContain('公安局');
    await screenshot(boss, `${SHOTS}leave-manager-pending.png`);

    await c2.locator('input[name=decisionNote]').fill('窗口人手不足，请调整日期');
    await c2.locator('[data-testid=leave-refuse]').click();
    await poll(() => rows.count()).toBe(1);
    await c1.locator('[data-testid=leave-approve]').click();
    await poll(() => boss.locator('[data-testid=leave-decided] tbody tr').count()).toBe(3);
    await poll(() => boss.locator('[data-testid=nav-leave-pending]').count()).toBe(0);
    expect(await boss.textContent('[data-testid=leave-decided] tr[data-status=approved]')).toContain('已批准');
    expect(await boss.textContent('[data-testid=leave-decided] tr[data-status=refused]')).toContain('未批准');
    expect(await boss.textContent('[data-testid=leave-decided] tr[data-status=refused]')).toContain('窗口人手不足');
    await screenshot(boss, `${SHOTS}leave-manager-decided.png`);

    // The clerk sees the decision.
    await clerk.reload();
    await clerk.click('[data-testid=leave-open]');
    await poll(() => clerk.locator('.leave__item[data-status=approved]').textContent()).toContain('已批准');
    expect(pageErrors(boss)).toEqual([]);
  });

  it('counts the approved days as leave, not absence, in attendance', async () => {
    // The week: 1001 works Mon, Tue and Fri (Wed, Thu on approved 病假); 1002 misses Tue (事假 refused).
    const works: Record<number, string[]> = { 1: [WEEK[0], WEEK[1], WEEK[4]], 2: [WEEK[0], WEEK[2], WEEK[3], WEEK[4]] };
    for (const day of WEEK) {
      clock.set(at(day, 8 * 60 + 55));
      const here: Array<[number, string]> = [];
      for (const n of [1, 2]) if (works[n].includes(day)) here.push([n, await h.api.openWindow(n)]);
      clock.set(at(day, 17 * 60));
      for (const [n, token] of here) expect((await h.api.post(`/windows/w${n}/sign-out`, {}, token)).status).toBe(200);
    }
    clock.set(at(WEEK[4], 17 * 60 + 30));
    const manager = await h.api.login('9001');
    const report = (await h.api.get(`/reports/attendance?from=${WEEK[0]}&to=${WEEK[4]}`, manager)).body as { clerks: Array<{ staffNo: string; absentDays: number; leaveDays: number; presentDays: number }> };
    const row = (no: string) => report.clerks.find((c) => c.staffNo === no)!;
    expect(row('1001')).toMatchObject({ presentDays: 3, leaveDays: 2, absentDays: 0 });
    expect(row('1002')).toMatchObject({ presentDays: 4, leaveDays: 0, absentDays: 1 });

    const page = await openPage(browser, `${h.url}/counter/`, { width: 1440, height: 900 }, async (ctx) => ctx.clock.setFixedTime(clock.now()));
    await logIn(page, '9001');
    await page.click('[data-view=attendance]');
    await page.fill('input[name=from]', WEEK[0]);
    await page.fill('input[name=to]', WEEK[4]);
    await poll(() => page.textContent('.mgr-panel__aside')).toContain('本期应出勤 5 天');
    const r1 = page.locator('tr[data-staff="1001"]');
    await poll(() => r1.locator('td[data-col=leave] .mgr-att-leave__days').textContent()).toBe('2');
    expect(await r1.locator('td[data-col=leave]').getAttribute('title')).toBe('病假 2 天');
    expect(await r1.locator('td[data-col=leave]').textContent()).toContain('病假 2 天');
    const cells = async (no: string) => (await page.locator(`tr[data-staff="${no}"] td`).allTextContents()).map((s) => s.trim());
    // staffNo, department, present, late, early, no sign-out, absent, leave, …
    expect((await cells('1001')).slice(2, 8)).toEqual(['3 / 5', '0', '0', '0', '0', '2病假 2 天']);
    expect((await cells('1002')).slice(2, 8)).toEqual(['4 / 5', '0', '0', '0', '1', '—']);
    const headers = await page.locator('.mgr-table--attendance thead th').allTextContents();
    expect(headers.indexOf('请假')).toBe(headers.indexOf('缺勤') + 1);
    await page.locator('tr[data-staff="1001"]').scrollIntoViewIfNeeded();
    await screenshot(page, `${SHOTS}leave-attendance.png`);

    // The bulletin's attendance findings respect the leave.
    const bulletin = (await h.api.get(`/reports/bulletin?from=${WEEK[0]}&to=${WEEK[4]}&format=json`, manager)).body.bulletin as { sections: Array<{ paragraphs: string[] }> };
    const absences = bulletin.sections.flatMap((s) => s.paragraphs).find((p) => p.includes('有缺勤')) ?? '';
    expect(absences).toContain('窗口员2（');
    expect(absences).not.toContain('窗口员1（');
    expect(pageErrors(page)).toEqual([]);
  });
});
