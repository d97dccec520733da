import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/clock.ts';
import { launchBrowser, openPage, pageErrors, SCREENS, screenshot } from '../support/browser.ts';
import { testConfig, THURSDAY_10AM } from '../support/config.ts';
import { startFakeProvince } from '../support/fake-province.ts';
import { startHall, type TestHall } from '../support/harness.ts';

/**
 * The 好差评 bad-review workflow end to end in the browser (SPEC §10): a 1-star rating with a
 * reason on the phone page → the manager verifies, rectifies and replies in the manager view
 * → the citizen sees the reply on the phone page → 回访 → closed, and the period report counts
 * it. The hall of tests/reviews-workflow.test.ts: Saturday 28 November is a 调休 working day,
 * Monday 30 November and Tuesday 1 December are holidays, so a visit on Thursday 26 November
 * is due Friday 4 December. A second review left open is overdue on Saturday 5 December, and
 * the dashboard says so.
 */

const SHOTS = `${resolve(process.env.SCREENSHOT_DIR ?? 'tests/.tmp/screenshots')}/`;
const WAIT = { timeout: 10_000 };
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 });
const tokenOf = (statusUrl: string) => new URL(statusUrl).searchParams.get('token')!;

/** Monday to Friday only; Monday 30 Nov and Tuesday 1 Dec off; Saturday 28 Nov worked instead (调休). */
const hallConfig = () =>
  testConfig((c) => {
    c.hall.hours.sat = [];
    c.hall.holidays = ['2026-11-30', '2026-12-01'];
    c.hall.workdays = ['2026-11-28'];
  });

const REPLY = '您好，经核实，窗口未一次性告知材料要求，已整改。下次请携带公司章程原件，可直接到 5 号窗口办理。';

describe('the bad-review workflow in the browser', () => {
  let h: TestHall;
  let clock: ManualClock;
  let browser: Browser;
  let phone: Page;
  let manager: Page | undefined;
  const consoleErrors = new WeakMap<BrowserContext, string[]>();
  const ticket = { id: '', statusUrl: '' };
  const second = { id: '', number: '' };

  beforeAll(async () => {
    clock = new ManualClock(THURSDAY_10AM);
    h = await startHall({ config: hallConfig(), clock });
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  async function open(url: string, screen: typeof SCREENS.phone | { width: number; height: number }, fixedTime?: number): Promise<Page> {
    return openPage(browser, url, screen, async (ctx) => {
      const errors: string[] = [];
      consoleErrors.set(ctx, errors);
      ctx.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      if (fixedTime !== undefined) await ctx.clock.setFixedTime(fixedTime);
    });
  }

  const problems = (page: Page) => [...pageErrors(page), ...(consoleErrors.get(page.context()) ?? [])];

  /** A manager's login lasts a working day: each day of the follow-up opens the staff app anew. */
  async function openManager(): Promise<Page> {
    if (manager) {
      expect(problems(manager)).toEqual([]);
      await manager.context().close();
    }
    const page = await open(`${h.url}/counter/`, { width: 1440, height: 900 }, clock.now());
    await page.fill('input[name=staffNo]', '9001');
    await page.fill('input[name=password]', 'pw');
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=open-reviews]', WAIT);
    manager = page;
    return page;
  }

  it('Thursday 26 November: the citizen rates the visit 1 star with a reason on the phone page', async () => {
    const issued = (await h.api.issue('company')).body.ticket;
    Object.assign(ticket, { id: issued.id, statusUrl: issued.statusUrl });
    const other = (await h.api.issue('company')).body.ticket;
    Object.assign(second, { id: other.id, number: other.number });
    phone = await open(ticket.statusUrl, SCREENS.phone);
    await phone.locator(`[data-number="${issued.number}"]`).waitFor(WAIT);

    const clerk = await h.api.openWindow(5);
    await h.api.post('/windows/w5/call-next', {}, clerk);
    clock.advance(6 * 60_000);
    await h.api.post('/windows/w5/finish', { outcome: 'rejected', note: '缺公司章程' }, clerk);
    const rating = phone.locator('form.rating');
    await rating.waitFor(WAIT);
    await rating.locator('[data-score="1"]').tap();
    await rating.locator('.reason-chip', { hasText: '一次告知不清，需要多跑' }).tap();
    await rating.locator('textarea').fill('材料要求没有一次告知，白跑一趟');
    await rating.locator('button[type=submit]').tap();
    await phone.locator('.thanks').filter({ hasText: '感谢您的评价' }).waitFor(WAIT);
    // No reply yet: the page has nothing from the hall to show.
    expect(await phone.locator('[data-testid=hall-reply]').count()).toBe(0);

    // The next citizen rates 2 on their own phone (here: through the API); that review will be left open.
    await h.api.post('/windows/w5/call-next', {}, clerk);
    clock.advance(4 * 60_000);
    await h.api.post('/windows/w5/finish', { outcome: 'completed' }, clerk);
    const otherToken = tokenOf(other.statusUrl);
    expect((await h.api.post(`/tickets/${other.id}/rating?token=${otherToken}`, { score: 2, reason: '等候时间太长' })).status).toBe(201);
    await h.api.post('/windows/w5/sign-out', {}, clerk);

    const reviews = (await h.api.get('/reviews?status=open', await h.api.login('9001'))).body.reviews as Array<{ number: string; reason: string; dueDate: string }>;
    expect(reviews.map((r) => [r.number, r.reason, r.dueDate])).toEqual([
      [issued.number, '一次告知不清，需要多跑；材料要求没有一次告知，白跑一趟', '2026-12-04'],
      [other.number, '等候时间太长', '2026-12-04'],
    ]);
  });

  it('Friday 27 November: the manager verifies, rectifies and replies in the manager view; the due date is 4 December', async () => {
    clock.set('2026-11-27T09:30:00+08:00');
    const page = await openManager();
    // The dashboard counts the open reviews, none overdue yet.
    await poll(() => page.textContent('[data-testid=open-reviews] .mgr-stat__value')).toBe('2');
    expect(await page.textContent('[data-testid=open-reviews]')).toContain('无逾期');

    await page.click('[data-view=reviews]');
    const card = page.locator('.mgr-review').first();
    await card.waitFor(WAIT);
    expect(await page.locator('.mgr-review').count()).toBe(2);
    expect(await card.getAttribute('data-number')).toBe('A001');
    const head = await card.locator('.mgr-review__head').textContent();
    for (const part of ['1 · 非常不满意', 'A001', '2026-11-26', '5 号窗口', '企业开办']) expect(head).toContain(part);
    // Five working days after Thursday 26: Fri 27, Sat 28 (调休), Wed 2, Thu 3, Fri 4 — Mon 30 and Tue 1 are holidays.
    expect(await card.locator('[data-testid=due]').textContent()).toBe('办结时限2026-12-04 周五');
    expect(await card.getAttribute('class')).not.toContain('is-overdue');
    expect(await card.locator('.mgr-review__reason').textContent()).toBe('一次告知不清，需要多跑；材料要求没有一次告知，白跑一趟');
    expect(await card.locator('[data-testid=clerk]').textContent()).toBe('窗口员5（工号 1005）');
    expect(await card.getAttribute('data-next-step')).toBe('verify');
    expect(await card.locator('[data-step]').evaluateAll((els) => els.map((e) => `${(e as HTMLElement).dataset.step}:${(e as HTMLElement).dataset.state}`))).toEqual([
      'verify:current',
      'rectify:pending',
      'reply:pending',
      'revisit:pending',
    ]);
    await screenshot(page, `${SHOTS}reviews-open.png`);

    // 核实: the finding and a note are both needed, each said at its field.
    const verify = card.locator('[data-step-form=verify]');
    await verify.locator('button[type=submit]').click();
    expect(await verify.locator('[data-error-for=valid]').textContent()).toBe('请选择核实结论：属实或不属实');
    expect(await verify.locator('[data-error-for=note]').textContent()).toBe('请填写核实情况');
    await screenshot(page, `${SHOTS}reviews-verify-errors.png`);
    await verify.locator('[role=radio][data-value=true]').click();
    expect(await verify.locator('[data-error-for=valid]').count()).toBe(0);
    await verify.locator('textarea[name=note]').fill('调取窗口录像并询问经办人，窗口未一次性告知所需材料，情况属实。');
    await verify.locator('button[type=submit]').click();
    await card.locator('[data-step=verify][data-state=done]').waitFor(WAIT);
    const verified = card.locator('[data-step=verify]');
    expect(await verified.locator('[data-verdict]').textContent()).toBe('属实');
    expect(await verified.locator('[data-testid=step-meta]').textContent()).toBe('2026-11-27 09:30·郑主任');
    expect(await verified.textContent()).toContain('情况属实。');

    // 整改, an hour later.
    clock.advance(60 * 60_000);
    const rectify = card.locator('[data-step-form=rectify]');
    await rectify.locator('textarea[name=note]').fill('窗口补充印发材料清单；组织窗口人员一次性告知制度培训。');
    await rectify.locator('button[type=submit]').click();
    await card.locator('[data-step=rectify][data-state=done]').waitFor(WAIT);
    expect(await card.locator('[data-step=rectify] [data-testid=step-meta]').textContent()).toBe('2026-11-27 10:30·郑主任');

    // 反馈: the form says where the citizen reads it.
    clock.advance(30 * 60_000);
    const reply = card.locator('[data-step-form=reply]');
    expect(await reply.textContent()).toContain('这段文字将原样显示在群众的手机号票页面');
    await reply.locator('textarea[name=note]').fill(REPLY);
    await reply.scrollIntoViewIfNeeded();
    await screenshot(page, `${SHOTS}reviews-reply-form.png`);
    await reply.locator('button[type=submit]').click();
    await card.locator('[data-step=reply][data-state=done]').waitFor(WAIT);
    expect(await card.locator('[data-step=reply] .mgr-timeline__note--reply').textContent()).toBe(REPLY);
    expect(await card.getAttribute('data-next-step')).toBe('revisit');
    await card.locator('[data-step-form=revisit]').waitFor(WAIT);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, `${SHOTS}reviews-replied.png`);
  });

  it('the citizen sees the reply on the phone page at once, and whenever the page is opened again', async () => {
    // The page opened on Thursday is still open: the reply arrives over its socket.
    const card = phone.locator('[data-testid=hall-reply]');
    await card.waitFor(WAIT);
    expect(await card.locator('[data-testid=hall-reply-text]').textContent()).toBe(REPLY);
    expect(await card.locator('h2').textContent()).toBe('大厅回复');
    expect(await card.locator('[data-testid=hall-reply-date]').textContent()).toBe('2026年11月27日 11:00');
    // Near the top: right under the number.
    expect(await phone.locator('.phone-main > section').nth(1).getAttribute('data-testid')).toBe('hall-reply');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await phone.evaluate(() => window.scrollTo(0, 0));
    await phone.waitForTimeout(500); // the card has faded in
    await screenshot(phone, `${SHOTS}phone-reply.png`);

    const again = await open(ticket.statusUrl, SCREENS.phone);
    await again.locator('[data-testid=hall-reply]').waitFor(WAIT);
    expect(await again.locator('[data-testid=hall-reply-text]').textContent()).toBe(REPLY);
    await again.click('.phone-header__lang');
    expect(await again.locator('[data-testid=hall-reply] h2').textContent()).toBe('Reply from the hall');
    expect(await again.locator('[data-testid=hall-reply-date]').textContent()).toBe('27 November 2026 at 11:00');
    await again.waitForTimeout(500);
    await screenshot(again, `${SHOTS}phone-reply-en.png`);
    expect(problems(again)).toEqual([]);
    await again.context().close();
    expect(problems(phone)).toEqual([]);
  });

  it('Wednesday 2 December, after the holidays: the 回访 closes it, listed under 已办结, on time', async () => {
    clock.set('2026-12-02T10:00:00+08:00');
    const page = await openManager();
    await page.click('[data-view=reviews]');
    const card = page.locator('.mgr-review[data-number="A001"]');
    await card.waitFor(WAIT);
    const revisit = card.locator('[data-step-form=revisit]');
    await revisit.locator('textarea[name=note]').fill('电话回访，群众对处理结果表示满意。');
    await revisit.locator('button[type=submit]').click();
    expect(await revisit.locator('[data-error-for=satisfied]').textContent()).toBe('请选择群众是否满意');
    await revisit.locator('[role=radio][data-value=true]').click();
    await revisit.locator('button[type=submit]').click();
    // Closed: it leaves the open list.
    await card.waitFor({ state: 'detached', timeout: 10_000 });
    expect(await page.locator('.mgr-review').count()).toBe(1);

    await page.click('[data-filter=resolved]');
    const closed = page.locator('.mgr-review[data-number="A001"]');
    await closed.waitFor(WAIT);
    expect(await page.locator('.mgr-review').count()).toBe(1);
    expect(await closed.getAttribute('class')).toContain('is-resolved');
    expect(await closed.locator('.mgr-review__status').textContent()).toBe('已办结2026-12-02 办结 · 办结时限2026-12-04 周五');
    expect(await closed.locator('[data-step]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.state))).toEqual(['done', 'done', 'done', 'done']);
    expect(await closed.locator('[data-step=revisit] [data-verdict]').textContent()).toBe('满意');
    expect(await closed.locator('[data-step-form]').count()).toBe(0);
    await screenshot(page, `${SHOTS}reviews-closed.png`);

    const [review] = (await h.api.get('/reviews?status=resolved', await h.api.login('9001'))).body.reviews;
    expect(review).toMatchObject({ status: 'resolved', overdue: false, nextStep: null, resolvedBy: 'm1' });
  });

  it('the period report counts it: 差评数, 按时办结率, 逾期, 回访满意率', async () => {
    const page = manager!;
    await page.click('[data-view=report]');
    await page.click('.mgr-chip >> text=上月');
    await poll(() => page.inputValue('input[name=from]')).toBe('2026-11-01');
    const figures = page.locator('[data-testid=report-reviews]');
    await figures.waitFor(WAIT);
    await poll(() => figures.locator('[data-testid=reviews-bad] .mgr-figure__value').textContent()).toBe('2');
    expect(await figures.locator('[data-testid=reviews-on-time] .mgr-figure__value').textContent()).toBe('50%');
    expect(await figures.locator('[data-testid=reviews-on-time] .mgr-figure__sub').textContent()).toBe('按时办结 1 / 2 条');
    expect(await figures.locator('[data-testid=reviews-overdue] .mgr-figure__value').textContent()).toBe('0');
    expect(await figures.locator('[data-testid=reviews-satisfaction] .mgr-figure__value').textContent()).toBe('100%');
    await page.locator('.mgr-review-figures').scrollIntoViewIfNeeded();
    await screenshot(page, `${SHOTS}report-reviews.png`);

    // A period without reviews says — where there is nothing to divide.
    await page.click('.mgr-chip >> text=本月');
    await poll(() => figures.locator('[data-testid=reviews-bad] .mgr-figure__value').textContent()).toBe('0');
    expect(await figures.locator('[data-testid=reviews-on-time] .mgr-figure__value').textContent()).toBe('—');
    expect(await figures.locator('[data-testid=reviews-satisfaction] .mgr-figure__value').textContent()).toBe('—');
  });

  it('Saturday 5 December: the review left open is overdue - red on the dashboard and in the list; a step taken meanwhile elsewhere is said at the step', async () => {
    clock.set('2026-12-05T10:00:00+08:00');
    const page = await openManager();
    await poll(() => page.textContent('[data-testid=open-reviews] .mgr-stat__value')).toBe('1');
    expect(await page.textContent('[data-testid=open-reviews]')).toContain('已逾期 1 条');
    expect(await page.getAttribute('[data-testid=open-reviews]', 'class')).toContain('mgr-stat--bad');
    expect(await page.textContent('.mgr-nav__badge.is-overdue')).toBe('1');

    await page.click('[data-view=reviews]');
    const card = page.locator(`.mgr-review[data-number="${second.number}"]`);
    await card.waitFor(WAIT);
    expect(await card.getAttribute('class')).toContain('is-overdue');
    expect(await card.locator('.mgr-review__status').textContent()).toBe('已逾期办结时限2026-12-04 周五');
    expect(await card.locator('[data-testid=due]').evaluate((e) => getComputedStyle(e.querySelector('time')!).color)).toBe('rgb(179, 18, 31)');

    // Another manager records the 核实 first; this page's 核实 is refused, said at the step, and the page moves on to 整改.
    const m = await h.api.login('9001');
    const [open] = (await h.api.get('/reviews?status=open', m)).body.reviews;
    expect((await h.api.post(`/reviews/${open.id}/steps`, { step: 'verify', note: '查看叫号记录，等候 48 分钟，情况属实', valid: true }, m)).status).toBe(200);
    const verify = card.locator('[data-step-form=verify]');
    await verify.locator('[role=radio][data-value=false]').click();
    await verify.locator('textarea[name=note]').fill('等候时间在正常范围内');
    await verify.locator('button[type=submit]').click();
    const notice = card.locator('[data-step=rectify] [data-error-for=step]');
    await notice.waitFor(WAIT);
    expect(await notice.textContent()).toBe('这条差评下一步是「整改」。已刷新为最新进度。');
    expect(await card.locator('[data-step=verify] [data-verdict]').textContent()).toBe('属实');
    await card.locator('[data-step-form=rectify]').waitFor(WAIT);
    await screenshot(page, `${SHOTS}reviews-overdue.png`);

    // In English too.
    await page.click('.mgr-top__btn >> text=English');
    expect(await card.locator('.mgr-review__status').textContent()).toBe('OverdueDue2026-12-04 Fri');
    expect(await card.locator('[data-step=rectify] .mgr-timeline__name').textContent()).toBe('Rectify');
    await screenshot(page, `${SHOTS}reviews-overdue-en.png`);
    await page.click('.mgr-top__btn >> text=中文');
    // The browser logs the refused request itself; nothing else went wrong.
    expect(problems(page)).toEqual(['Failed to load resource: the server responded with a status of 409 (Conflict)']);
  });

  it('the settings carry the province codes: 统一社会信用代码 of a department (checked), 事项编码 of a service', async () => {
    const page = manager!;
    await page.click('[data-view=settings]');
    await page.click('[data-tab=departments]');
    const credit = page.locator('[name="departments[0].code"]');
    await credit.fill('9133010');
    const error = page.locator('[data-error-for="departments[0].code"]');
    await error.waitFor(WAIT);
    expect(await error.textContent()).toBe('应为 18 位数字或大写字母（不含 I、O、S、V、Z）');
    expect(await credit.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, `${SHOTS}settings-department-code.png`);
    await credit.fill('91330100mb1234567x');
    await poll(() => error.count()).toBe(0);
    expect(await credit.inputValue()).toBe('91330100MB1234567X');
    await screenshot(page, `${SHOTS}settings-department-code-ok.png`);

    await page.click('[data-tab=services]');
    await page.click('[data-item=company]');
    const code = page.locator('[name="services[0].code"]');
    expect(await page.textContent('[data-field="services[0].code"] .mgr-field__label')).toBe('事项编码选填');
    await code.fill('330100-000-XK-0001');
    await screenshot(page, `${SHOTS}settings-service-code.png`);
    await page.click('[data-testid=save]');
    await page.locator('[data-testid=save-message]').filter({ hasText: '已保存' }).waitFor(WAIT);
    const { config } = (await h.api.get('/admin/config', await h.api.login('9001'))).body;
    expect(config.departments[0].code).toBe('91330100MB1234567X');
    expect(config.services[0].code).toBe('330100-000-XK-0001');
    expect(problems(page)).toEqual(['Failed to load resource: the server responded with a status of 409 (Conflict)']);
  });
});

describe('the upload to the province, as the manager sees it', () => {
  it('shows what waits and the last error while the platform fails, and sends all at 立即重试 once it is back', async () => {
    const fake = await startFakeProvince({ apiKey: 'province-api-key-0001', fail: 1 });
    const config = testConfig((c) => {
      c.ratingsExport = { url: fake.url, apiKey: 'province-api-key-0001', regionCode: '330106', timeoutSeconds: 1, retryBaseSeconds: 600, retryMaxSeconds: 900 };
    });
    const h = await startHall({ config });
    const browser = await launchBrowser();
    try {
      const t = (await h.api.issue('company')).body.ticket;
      const clerk = await h.api.openWindow(5);
      await h.api.post('/windows/w5/call-next', {}, clerk);
      await h.api.post('/windows/w5/finish', { outcome: 'completed' }, clerk);
      expect((await h.api.post(`/tickets/${t.id}/rating?token=${tokenOf(t.statusUrl)}`, { score: 4 })).status).toBe(201);
      await expect.poll(() => fake.requests.length, { timeout: 10_000 }).toBeGreaterThan(0);

      const page = await openPage(browser, `${h.url}/counter/`, { width: 1440, height: 900 });
      await page.fill('input[name=staffNo]', '9001');
      await page.fill('input[name=password]', 'pw');
      await page.click('button[type=submit]');
      await page.click('[data-view=reviews]');
      const panel = page.locator('[data-testid=outbox]');
      await panel.waitFor(WAIT);
      expect(await panel.textContent()).toContain('待上报 1 条');
      expect(await panel.textContent()).toContain('1 条上报失败，正在重试');
      expect(await panel.textContent()).toContain('HTTP 503');
      await screenshot(page, `${SHOTS}outbox-failing.png`);

      // The platform answers late: the 重试 request returns before the send ends, and the
      // panel must look again by itself to show that it went.
      fake.heal(500);
      await panel.locator('button', { hasText: '立即重试' }).click();
      await poll(() => panel.textContent()).toContain('已全部上报');
      expect(fake.accepted.size).toBe(1);
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await browser.close();
      await h.close();
      await fake.close();
    }
  }, 60_000);
});
