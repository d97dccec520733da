import { resolve } from 'node:path';
import { readFile, rm } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/clock.ts';
import { EscposNetworkPrinter } from '../../server/printing/escpos-printer.ts';
import type { HallConfig } from '../../shared/config-schema.ts';
import { launchBrowser, openPage, pageErrors, screenshot } from '../support/browser.ts';
import { closedPort } from '../support/fake-printer.ts';
import { startHall, tempDir, type TestHall } from '../support/harness.ts';
import { at, DEMO_DAYS, demoHall, KIOSK_OK, playDay } from './manager-day.ts';

/**
 * The manager's view in Debian's Chromium, over a realistic week of the demo hall played
 * through the real API: log in, watch the dashboard follow the hall, read the period
 * report, download it as Excel, check attendance, follow a bad review up, ride out a
 * server restart. The screenshots in docs/ come from here:
 * `SCREENSHOT_DIR=docs/screenshots npx vitest run tests/browser/manager.test.ts`.
 */

// Like the other browser tests: docs/screenshots only when asked, so a test run leaves the tree clean.
const SHOTS = `${resolve(process.env.SCREENSHOT_DIR ?? 'tests/.tmp/screenshots')}/`;
const WEEK = { from: '2026-11-23', to: '2026-11-26' };
const NOW = at('2026-11-26', 15 * 60 + 20);
/** Generous: the screen follows the hall within a second or so; a slow CI machine gets ten. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 });

describe('the manager view', () => {
  let h: TestHall;
  let config: HallConfig;
  let clock: ManualClock;
  let manager: string;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  /** Kept across the restart, removed at the end. */
  let dataDir: string | undefined;

  beforeAll(async () => {
    config = demoHall(await closedPort());
    clock = new ManualClock(at(DEMO_DAYS[0].date, 8 * 60));
    dataDir = await tempDir('hall-manager-');
    h = await startHall({ config, clock, dataDir, networkPrinter: new EscposNetworkPrinter() });
    let seed = 1;
    for (const day of DEMO_DAYS) {
      await playDay(h.api, clock, config, day, seed++);
      if (day.date === '2026-11-24') {
        // A review of that day was followed up: it shows as resolved in the list.
        const m = await h.api.login('9001');
        const open = (await h.api.get('/reviews?status=open', m)).body.reviews as Array<{ id: string; businessDate: string }>;
        for (const rv of open.filter((r) => r.businessDate === day.date)) {
          await h.api.post(`/reviews/${rv.id}/resolve`, { note: '已电话回访群众，补充告知材料清单并致歉；已提醒窗口人员一次性告知。' }, m);
        }
      }
    }
    expect(clock.now()).toBe(NOW);
    manager = await h.api.login('9001');
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('logs the manager in at the staff app and lands on the live dashboard', async () => {
    page = await openPage(browser, `${h.url}/counter/`, { width: 1440, height: 900 }, async (ctx) => {
      // The page's own clock shows the hall's (simulated) afternoon.
      await ctx.clock.setFixedTime(NOW);
    });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.fill('input[name=staffNo]', '9001');
    await page.fill('input[name=password]', 'pw');
    await page.click('button[type=submit]');

    const dashboard = (await h.api.get('/manager/dashboard', manager)).body;
    await poll(() => page.textContent('[data-testid=kpi-issued] .mgr-stat__value')).toBe(String(dashboard.today.issued));
    expect(dashboard.today.issued).toBeGreaterThan(100);
    expect(await page.textContent('.mgr-top__hall')).toBe('滨江市政务服务中心');
    await poll(() => page.textContent('[data-testid=connection]')).toBe('实时');

    // Every window with its state and clerk; the one on leave shows it.
    await poll(() => page.locator('.mgr-window').count()).toBe(12);
    expect(await page.textContent('[data-window=w4]')).toContain('临时外出');
    expect(await page.textContent('[data-window=w1]')).toContain('王丽');
    // Waiting per service, as the server counts it.
    for (const q of dashboard.queues as Array<{ serviceId: string; waiting: number }>) {
      expect(await page.textContent(`[data-testid=waiting-${q.serviceId}]`)).toBe(String(q.waiting));
    }
    // Printer faults with time and kiosk; open reviews with the overdue one.
    await poll(() => page.locator('.mgr-fault').count()).toBe(3);
    expect(await page.textContent('.mgr-fault')).toContain('一楼大厅取号机 1');
    expect(await page.textContent('[data-testid=open-reviews]')).toContain(String(dashboard.openReviews));
    expect(dashboard.overdueReviews).toBe(1);
    expect(await page.textContent('.mgr-nav__badge.is-overdue')).toBe(String(dashboard.openReviews));
    // The hourly chart is drawn by Chart.js on its canvas.
    await page.waitForSelector('[data-testid=hourly-chart][data-ready=yes]');
    await page.waitForTimeout(400); // let the bars finish growing before the picture
    await screenshot(page, `${SHOTS}manager-dashboard.png`);

    // English second, one click away.
    await page.click('.mgr-top__btn >> text=English');
    expect(await page.textContent('[data-view=dashboard]')).toContain('Live dashboard');
    await page.click('.mgr-top__btn >> text=中文');
    expect(await page.textContent('[data-view=dashboard]')).toContain('实时看板');
  });

  it('updates the dashboard when a ticket is issued', async () => {
    const cell = '[data-testid=waiting-tax]';
    const before = Number(await page.textContent(cell));
    const issuedBefore = Number(await page.textContent('[data-testid=kpi-issued] .mgr-stat__value'));
    const r = await h.api.issue('tax', { key: KIOSK_OK });
    expect(r.status).toBe(201);
    await poll(async () => Number(await page.textContent(cell))).toBe(before + 1);
    await poll(async () => Number(await page.textContent('[data-testid=kpi-issued] .mgr-stat__value'))).toBe(issuedBefore + 1);
  });

  it('opens the period report and downloads it as Excel', async () => {
    await page.click('[data-view=report]');
    await page.click('.mgr-chip >> text=本周');
    const report = (await h.api.get(`/reports/summary?from=${WEEK.from}&to=${WEEK.to}`, manager)).body;
    await poll(() => page.inputValue('input[name=from]')).toBe(WEEK.from);
    await poll(() => page.textContent('[data-testid=report-hall] .mgr-stat__value')).toBe(report.hall.issued.toLocaleString('zh-CN'));

    // Every department with its figures; the whole hall as the last line.
    const rows = page.locator('table[data-breakdown=departments] tbody tr');
    await poll(() => rows.count()).toBe(config.departments.length);
    const scjg = report.departments.find((d: { id: string }) => d.id === 'scjg');
    const scjgRow = page.locator('table[data-breakdown=departments] tr[data-row=scjg]');
    expect(await scjgRow.textContent()).toContain('市场监督管理局');
    expect((await scjgRow.locator('td').nth(1).textContent())?.trim()).toBe(String(scjg.served));
    // Nobody came for forestry or social assistance: zero volume, and whether anyone was there.
    const zero = page.locator('[data-testid=zero-volume]');
    expect(await zero.textContent()).toContain('林业局');
    expect(await zero.textContent()).toContain('民政局');
    // The rankings and how their score is made.
    await poll(() => page.locator('[data-testid=rank-windows] .mgr-rank').count()).toBe(5);
    expect(await page.textContent('[data-testid=rank-windows] .mgr-rank__name')).toBe(report.rankings.windows[0].name);
    expect(await page.textContent('.mgr-formula')).toContain('综合得分');
    // The report is wide: its picture is taken on a full-HD screen.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.waitForTimeout(200);
    await screenshot(page, `${SHOTS}manager-report.png`);
    await page.setViewportSize({ width: 1440, height: 900 });

    // The other breakdowns.
    await page.click('.mgr-segmented >> text=按窗口');
    await poll(() => page.locator('table[data-breakdown=windows] tbody tr').count()).toBe(config.windows.length);
    await page.click('.mgr-segmented >> text=按人员');
    await poll(() => page.locator('table[data-breakdown=clerks] tbody tr').count()).toBe(report.clerks.length);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-summary-xlsx]')]);
    expect(download.suggestedFilename()).toBe(`服务统计_${WEEK.from}_${WEEK.to}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
    const names = book.worksheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['全馆', '部门', '窗口', '事项', '人员']));
    const sheet = book.getWorksheet('部门')!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    const servedCol = headers.indexOf('接待人次') + 1;
    let found = false;
    sheet.eachRow((row) => {
      if (row.getCell(2).value === '市场监督管理局') {
        expect(row.getCell(servedCol).value).toBe(scjg.served);
        found = true;
      }
    });
    expect(found).toBe(true);

    // CSV too: one flat table, UTF-8 with a BOM so Excel reads the Chinese.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-summary-csv]')]);
    expect(csv.suggestedFilename()).toBe(`服务统计_${WEEK.from}_${WEEK.to}.csv`);
    const text = await readFile(await csv.path(), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('市场监督管理局');
  });

  it('shows attendance for the same period', async () => {
    await page.click('[data-view=attendance]');
    const attendance = (await h.api.get(`/reports/attendance?from=${WEEK.from}&to=${WEEK.to}`, manager)).body;
    await poll(() => page.locator('.mgr-table--attendance tbody tr').count()).toBe(attendance.clerks.length);
    // Window 4's clerk signed in late on Monday; window 11's was absent on Wednesday.
    for (const staffNo of ['1004', '1011']) {
      const a = attendance.clerks.find((c: { staffNo: string }) => c.staffNo === staffNo);
      const cells = page.locator(`tr[data-staff="${staffNo}"] td`);
      expect((await cells.nth(2).textContent())?.replace(/\s/g, '')).toBe(`${a.presentDays}/${a.workingDays}`);
      expect(await cells.nth(3).textContent()).toBe(String(a.lateDays));
      expect(await cells.nth(6).textContent()).toBe(String(a.absentDays));
    }
    expect(attendance.clerks.find((c: { staffNo: string }) => c.staffNo === '1004').lateDays).toBeGreaterThan(0);
    expect(attendance.clerks.find((c: { staffNo: string }) => c.staffNo === '1011').absentDays).toBe(1);
  });

  it('keeps a date typed the moment after a quick range was chosen', async () => {
    // 上月, and the end date typed before the next frame: the period is October's first half,
    // not last month again (a draft copied in a frame late once put the old dates back).
    await page.evaluate(async () => {
      const chip = [...document.querySelectorAll<HTMLButtonElement>('.mgr-chip')].find((b) => b.textContent === '上月')!;
      chip.click();
      await new Promise((r) => setTimeout(r, 0));
      const to = document.querySelector<HTMLInputElement>('input[name=to]')!;
      to.value = '2026-10-15';
      to.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.waitForTimeout(100);
    expect(await page.inputValue('input[name=from]')).toBe('2026-10-01');
    expect(await page.inputValue('input[name=to]')).toBe('2026-10-15');
    expect(await page.locator('.mgr-chip.is-active').count()).toBe(0);
    const attendance = (await h.api.get('/reports/attendance?from=2026-10-01&to=2026-10-15', manager)).body;
    await poll(() => page.textContent('.mgr-panel__aside')).toBe(`本期应出勤 ${attendance.workingDays} 天`);

    await page.click('.mgr-chip >> text=本周');
    await poll(() => page.inputValue('input[name=to]')).toBe(WEEK.to);
  });

  it('follows a bad review up in the page: 核实 → (整改) → 反馈 → 回访, then closed', async () => {
    await page.click('[data-view=reviews]');
    const open = (await h.api.get('/reviews?status=open', manager)).body.reviews as Array<{ id: string; overdue: boolean; number: string }>;
    await poll(() => page.locator('.mgr-review').count()).toBe(open.length);
    const overdue = open.find((r) => r.overdue)!;
    const card = page.locator(`[data-review="${overdue.id}"]`);
    expect(await card.getAttribute('class')).toContain('is-overdue');
    expect(await card.textContent()).toContain('已逾期');

    // Nothing chosen and nothing written is refused in place, at each field, without a pop-up.
    const verify = card.locator('[data-step-form=verify]');
    await verify.locator('button[type=submit]').click();
    expect(await verify.locator('[data-error-for=valid]').textContent()).toBe('请选择核实结论：属实或不属实');
    expect(await verify.locator('[data-error-for=note]').textContent()).toBe('请填写核实情况');

    // An unfounded complaint needs no 整改: the reply comes next.
    await verify.locator('[role=radio][data-value=false]').click();
    await verify.locator('textarea[name=note]').fill('查看叫号记录：高峰期等候 35 分钟，在承诺时限内。');
    await verify.locator('button[type=submit]').click();
    await card.locator('[data-step-form=reply]').waitFor();
    expect(await card.locator('[data-step=rectify]').getAttribute('data-state')).toBe('skipped');
    expect(await card.locator('[data-step=verify] [data-verdict]').textContent()).toBe('不属实');
    await card.locator('[data-step-form=reply] textarea[name=note]').fill('您好，经核实，当天为办理高峰，等候时间在承诺时限内。我们已在高峰期增开弹性窗口，感谢您的理解。');
    await card.locator('[data-step-form=reply] button[type=submit]').click();
    const revisit = card.locator('[data-step-form=revisit]');
    await revisit.locator('[role=radio][data-value=true]').click();
    await revisit.locator('textarea[name=note]').fill('电话回访，群众表示理解。');
    await revisit.locator('button[type=submit]').click();
    await poll(() => page.locator('.mgr-review').count()).toBe(open.length - 1);
    const all = (await h.api.get('/reviews?status=all', manager)).body.reviews as Array<{ id: string; status: string; steps?: Array<{ kind: string }>; note?: string }>;
    expect(all.find((r) => r.id === overdue.id)).toMatchObject({ status: 'resolved', steps: [{ kind: 'verify' }, { kind: 'reply' }, { kind: 'revisit' }] });

    // Under 已办结: closed late, with its steps; the one closed earlier in one step shows its note.
    await page.click('.mgr-segmented >> text=已办结');
    const resolved = page.locator(`[data-review="${overdue.id}"]`);
    expect(await resolved.textContent()).toContain('逾期办结');
    expect(await resolved.textContent()).toContain('高峰期增开弹性窗口');
    const older = all.find((r) => r.id !== overdue.id && r.status === 'resolved')!;
    expect(await page.locator(`[data-review="${older.id}"] .mgr-review__resolution`).textContent()).toContain(older.note);
  });

  it('raised no page errors and logged no console errors', () => {
    expect(pageErrors(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('shows that it is offline while the server is down, and recovers by itself', async () => {
    await page.click('[data-view=dashboard]');
    const port = Number(new URL(h.url).port);
    await h.stop();
    await page.waitForSelector('.mgr-offline');
    expect(await page.textContent('.mgr-offline')).toContain('连接中断，正在重新连接…');
    // The last figures stay on screen.
    expect(await page.locator('.mgr-window').count()).toBe(12);

    h = await startHall({ config, clock, dataDir, networkPrinter: new EscposNetworkPrinter(), port });
    await page.waitForSelector('.mgr-offline', { state: 'detached', timeout: 30_000 });
    await poll(() => page.textContent('[data-testid=connection]')).toBe('实时');
    const r = await h.api.issue('tax', { key: KIOSK_OK });
    expect(r.status).toBe(201);
    const waiting = (await h.api.get('/manager/dashboard', await h.api.login('9001'))).body.queues.find((q: { serviceId: string }) => q.serviceId === 'tax').waiting;
    await poll(async () => Number(await page.textContent('[data-testid=waiting-tax]'))).toBe(waiting);
  }, 60_000);
});
