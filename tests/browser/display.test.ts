import { mkdir, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/clock.ts';
import { DEMO_CONFIG, loadConfig } from '../../server/config.ts';
import type { HallConfig } from '../../shared/config-schema.ts';
import { launchBrowser, openPage, pageErrors, SCREENS, screenshot } from '../support/browser.ts';
import { DISPLAY_KEY, NO_SHOW_WAIT_MS, testConfig, WINDOW5_KEY } from '../support/config.ts';
import { startHall, type TestHall } from '../support/harness.ts';

/**
 * The hall's wall screen and a window's screen, in Debian's Chromium against the real
 * server. Speech synthesis is replaced in the page by a recorder that takes a moment to
 * "speak" each utterance, so the tests see what was said, in which order, and whether
 * two readings ever overlapped.
 *
 * Screenshots go to tests/.tmp/screenshots; to refresh the ones in the README run
 * `SCREENSHOT_DIR=docs/screenshots npx vitest run tests/browser/display.test.ts`.
 */
const SHOTS = resolve(process.env.SCREENSHOT_DIR ?? 'tests/.tmp/screenshots');

interface Spoken {
  text: string;
  lang: string;
  overlapped: boolean;
}

function stubSpeech(): void {
  const record: Array<{ text: string; lang: string; overlapped: boolean }> = [];
  let speaking = false;
  class Utterance {
    text: string;
    lang = '';
    rate = 1;
    voice: unknown = null;
    onend: (() => void) | null = null;
    onerror: (() => void) | null = null;
    constructor(text: string) {
      this.text = text;
    }
  }
  const speech = {
    speak(u: Utterance) {
      record.push({ text: u.text, lang: u.lang, overlapped: speaking });
      speaking = true;
      setTimeout(() => {
        speaking = false;
        u.onend?.();
      }, 250);
    },
    cancel() {},
    getVoices: () => [],
  };
  Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: speech });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { configurable: true, value: Utterance });
  Object.defineProperty(window, '__spoken', { value: record });
}

async function spoken(page: Page): Promise<Spoken[]> {
  return page.evaluate(() => (window as unknown as { __spoken: Spoken[] }).__spoken.slice());
}

async function waitForSpoken(page: Page, count: number): Promise<Spoken[]> {
  await page.waitForFunction((n) => (window as unknown as { __spoken: unknown[] }).__spoken.length >= n, count, { timeout: 15_000 });
  return spoken(page);
}

/** Console errors the page logged (network errors while a server is down are expected only in the restart test). */
function consoleErrors(ctx: BrowserContext): string[] {
  const errors: string[] = [];
  ctx.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

const tileNumber = (page: Page, windowId: string) => page.locator(`[data-window-id="${windowId}"] .window-tile__number`);
const waitingCount = (page: Page, serviceId: string) => page.locator(`[data-service-id="${serviceId}"] .waiting-row__count strong`);

describe('hall view (综合屏)', () => {
  let browser: Browser;
  let h: TestHall;
  let page: Page;
  let errors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    h = await startHall();
    page = await openPage(browser, `${h.url}/display/?key=${DISPLAY_KEY}`, SCREENS.wall, async (ctx) => {
      errors = consoleErrors(ctx);
      await ctx.addInitScript(stubSpeech);
    });
    await page.locator('.hall-screen[data-connection="online"]').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('shows the hall, its windows and waiting counts, and keeps the key out of the address bar', async () => {
    await expect(page.locator('.hall-header__name').textContent()).resolves.toBe('滨江市政务服务中心');
    expect(new URL(page.url()).search).toBe('');
    await expect(page.locator('.window-tile').count()).resolves.toBe(20);
    await expect(page.locator('[data-window-id="w5"]').getAttribute('data-state')).resolves.toBe('closed');
    await expect(page.locator('.latest-call__empty').textContent()).resolves.toBe('暂无叫号，请在休息区耐心等候');

    await h.api.issue('trader');
    await h.api.issue('trader');
    await page.waitForFunction(() => document.querySelector('[data-service-id="trader"] .waiting-row__count strong')?.textContent === '2');
    await expect(waitingCount(page, 'trader').textContent()).resolves.toBe('2');
  });

  it('shows a call made through the API within a second in its window’s row, and speaks it twice in zh-CN', async () => {
    await h.api.issue('company');
    const clerk = await h.api.openWindow(5);
    await page.locator('[data-window-id="w5"][data-state="idle"]').waitFor();

    const called = await h.api.post('/windows/w5/call-next', {}, clerk);
    expect(called.body.ticket.number).toBe('A001');
    await tileNumber(page, 'w5').filter({ hasText: 'A001' }).waitFor({ timeout: 1000 });
    await expect(page.locator('.latest-call__sentence').textContent()).resolves.toBe('请 A001 号到 5 号窗口办理');
    await expect(page.locator('[data-window-id="w5"]').getAttribute('class')).resolves.toContain('window-tile--called');
    await expect(page.locator('.window-tile__number').filter({ hasText: 'A001' }).count()).resolves.toBe(1);
    await expect(waitingCount(page, 'company').textContent()).resolves.toBe('0');

    const said = await waitForSpoken(page, 2);
    expect(said).toEqual([
      { text: '请 A 0 0 1 号到 5 号窗口办理', lang: 'zh-CN', overlapped: false },
      { text: '请 A 0 0 1 号到 5 号窗口办理', lang: 'zh-CN', overlapped: false },
    ]);
  });

  it('speaks a recall again and marks it on screen', async () => {
    const clerk = await h.api.login('1005');
    // A clerk recalls after waiting a while for the citizen to come.
    h.clock.advance(20_000);
    const recalled = await h.api.post('/windows/w5/recall', {}, clerk);
    expect(recalled.status).toBe(200);
    await page.locator('.latest-call__recall').filter({ hasText: '第 2 次呼叫' }).waitFor({ timeout: 1000 });
    const said = await waitForSpoken(page, 4);
    expect(said.slice(2).map((s) => s.text)).toEqual(['请 A 0 0 1 号到 5 号窗口办理', '请 A 0 0 1 号到 5 号窗口办理']);
    // One visit, one line in the recent calls: the recall replaced the first call.
    await expect(page.locator('.recent-calls__item').count()).resolves.toBe(0);
  });

  it('queues calls made at the same moment so they never talk over each other', async () => {
    await h.api.issue('company');
    await h.api.issue('trader');
    const w1 = await h.api.openWindow(1);
    const w6 = await h.api.openWindow(6);
    await Promise.all([h.api.post('/windows/w6/call-next', {}, w6), h.api.post('/windows/w1/call-next', {}, w1)]);
    await tileNumber(page, 'w1').filter({ hasText: /^[AB]00\d$/ }).waitFor({ timeout: 1000 });
    await tileNumber(page, 'w6').filter({ hasText: /^A00\d$/ }).waitFor({ timeout: 1000 });

    const said = await waitForSpoken(page, 8);
    const latest = said.slice(4);
    expect(latest.every((s) => !s.overlapped && s.lang === 'zh-CN')).toBe(true);
    // Each call is read twice in a row, and both calls are read.
    expect(latest[0].text).toBe(latest[1].text);
    expect(latest[2].text).toBe(latest[3].text);
    expect(new Set(latest.map((s) => s.text.replace(/ 号到 \d+ 号窗口办理$/, '').slice(2)))).toEqual(new Set([spokenOf(await tileNumber(page, 'w1').textContent()), spokenOf(await tileNumber(page, 'w6').textContent())]));
    await expect(page.locator('.recent-calls__item').count()).resolves.toBe(2);
  });

  it('shows a paused window as paused', async () => {
    const clerk = await h.api.login('1006');
    h.clock.advance(NO_SHOW_WAIT_MS);
    expect((await h.api.post('/windows/w6/no-show', {}, clerk)).status).toBe(200);
    const paused = await h.api.post('/windows/w6/pause', { reason: 'leave' }, clerk);
    expect(paused.status).toBe(200);
    await page.locator('[data-window-id="w6"][data-state="paused"]').waitFor({ timeout: 1000 });
    await expect(page.locator('[data-window-id="w6"] .window-tile__status').textContent()).resolves.toBe('暂停服务临时外出');
  });

  it('takes a call off 正在呼叫 once its citizen is served, its visit ends or its window pauses, and lists each number once', async () => {
    const w1 = await h.api.login('1001');
    const w5 = await h.api.login('1005');
    expect((await h.api.post('/windows/w1/start', {}, w1)).status).toBe(200);
    expect((await h.api.post('/windows/w5/finish', { outcome: 'completed' }, w5)).status).toBe(200);
    // w6's call ended as a no-show and w6 paused: nobody is being called now.
    await page.locator('.latest-call__empty').filter({ hasText: '请留意叫号' }).waitFor({ timeout: 2000 });
    const numbers = await page.locator('.recent-calls__number').allTextContents();
    expect(numbers).toContain('A001');
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('fits the wall screen without scroll bars or errors', async () => {
    const size = await page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight, cursor: getComputedStyle(document.body).cursor }));
    expect(size).toEqual({ w: 1920, h: 1080, cursor: 'none' });
    expect(pageErrors(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});

function spokenOf(number: string | null): string {
  return (number ?? '').split('').join(' ');
}

describe('a display set up for one zone', () => {
  let browser: Browser;
  let h: TestHall;

  beforeAll(async () => {
    browser = await launchBrowser();
    h = await startHall({
      config: testConfig((c) => {
        c.devices.push({ id: 'zone-a', kind: 'display', name: '企业开办区屏', key: 'zone-a-display-key-0001', show: { windowIds: ['w1', 'w5'], serviceIds: ['company', 'trader'] } });
        c.windows[0].nameEn = 'Company registration';
      }),
    });
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('shows and speaks only its windows and services', async () => {
    const page = await openPage(browser, `${h.url}/display/?key=zone-a-display-key-0001`, SCREENS.wall, async (ctx) => {
      await ctx.addInitScript(stubSpeech);
    });
    await page.locator('.hall-screen[data-connection="online"]').waitFor();
    await expect(page.locator('.window-tile').evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-window-id')))).resolves.toEqual(['w1', 'w5']);
    await expect(page.locator('.waiting-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-service-id')))).resolves.toEqual(['company', 'trader']);

    await h.api.issue('property');
    await h.api.issue('company');
    const w3 = await h.api.openWindow(3);
    await h.api.post('/windows/w3/call-next', {}, w3);
    const w5 = await h.api.openWindow(5);
    await h.api.post('/windows/w5/call-next', {}, w5);

    await tileNumber(page, 'w5').filter({ hasText: 'A001' }).waitFor({ timeout: 1000 });
    const said = await waitForSpoken(page, 2);
    // The chime and two readings of A001 take well over a second: had E001 been queued, it would be next.
    await page.waitForTimeout(2500);
    expect((await spoken(page)).map((s) => s.text)).toEqual(['请 A 0 0 1 号到 5 号窗口办理', '请 A 0 0 1 号到 5 号窗口办理']);
    expect(said).toHaveLength(2);
    await expect(page.locator('.latest-call__sentence').textContent()).resolves.toBe('请 A001 号到 5 号窗口办理');
    await expect(page.locator('[data-window-id="w3"]').count()).resolves.toBe(0);
    expect(pageErrors(page)).toEqual([]);
  });

  it('in English shows the configured English names, and the Chinese name where there is none', async () => {
    const page = await openPage(browser, `${h.url}/display/?key=zone-a-display-key-0001&lang=en`, SCREENS.wall);
    await page.locator('.hall-screen[data-connection="online"]').waitFor();
    await expect(page.locator('.hall-header__name').textContent()).resolves.toBe('Binjiang Government Service Center');
    await expect(page.locator('[data-window-id="w1"] .window-tile__name').textContent()).resolves.toBe('Company registration');
    await expect(page.locator('[data-service-id="company"] .waiting-row__name').textContent()).resolves.toBe('Company registration');
    await expect(page.locator('[data-service-id="trader"] .waiting-row__name').textContent()).resolves.toBe('个体工商户登记');
    expect(pageErrors(page)).toEqual([]);
  });

  it('says so plainly when its key is refused', async () => {
    const page = await openPage(browser, `${h.url}/display/?key=not-a-real-key-000000`, SCREENS.wall);
    await page.locator('.status-screen--error').waitFor();
    await expect(page.locator('.status-screen__title').textContent()).resolves.toBe('此屏幕的设备密钥无效');
    expect(pageErrors(page)).toEqual([]);
  });

  it('says which address a window screen’s key belongs on', async () => {
    const page = await openPage(browser, `${h.url}/display/?key=${WINDOW5_KEY}`, SCREENS.wall);
    await page.locator('.status-screen--error').waitFor();
    await expect(page.locator('.status-screen__title').textContent()).resolves.toBe('这是窗口屏的设备密钥');
  });
});

describe('server restart', () => {
  let browser: Browser;
  let h: TestHall;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
    if (h) await rm(h.dataDir, { recursive: true, force: true });
  });

  it('shows offline while the server is down, then resumes without a reload and shows the true state', async () => {
    const first = await startHall();
    h = first;
    await first.api.issue('company');
    const clerk = await first.api.openWindow(5);
    await first.api.post('/windows/w5/call-next', {}, clerk);

    const page = await openPage(browser, `${first.url}/display/?key=${DISPLAY_KEY}`, SCREENS.wall, async (ctx) => {
      await ctx.addInitScript(stubSpeech);
    });
    await page.locator('.hall-screen[data-connection="online"]').waitFor();
    await tileNumber(page, 'w5').filter({ hasText: 'A001' }).waitFor();
    await page.evaluate(() => Object.defineProperty(window, '__sameDocument', { value: true }));

    await first.stop();
    const notice = page.locator('.connection-notice');
    await notice.waitFor({ timeout: 10_000 });
    await expect(notice.locator('strong').textContent()).resolves.toBe('连接中断，正在重新连接…');
    await page.locator('.hall-screen[data-connection="offline"]').waitFor();

    const port = Number(new URL(first.url).port);
    h = await startHall({ port, dataDir: first.dataDir, clock: first.clock });
    // What changed while the screen was away must show once it is back.
    const again = await h.api.login('1005');
    await h.api.post('/windows/w5/finish', { outcome: 'completed' }, again);
    await h.api.issue('company');
    await h.api.issue('company');

    await page.locator('.hall-screen[data-connection="online"]').waitFor({ timeout: 15_000 });
    await expect(notice.count()).resolves.toBe(0);
    await page.locator('[data-window-id="w5"][data-state="idle"]').waitFor({ timeout: 1000 });
    await page.waitForFunction(() => document.querySelector('[data-service-id="company"] .waiting-row__count strong')?.textContent === '2', undefined, { timeout: 2000 });

    await h.api.post('/windows/w5/call-next', {}, again);
    await tileNumber(page, 'w5').filter({ hasText: 'A002' }).waitFor({ timeout: 1000 });
    await expect(page.locator('.latest-call__sentence').textContent()).resolves.toBe('请 A002 号到 5 号窗口办理');
    const said = await waitForSpoken(page, 2);
    expect(said.map((s) => s.text)).toEqual(['请 A 0 0 2 号到 5 号窗口办理', '请 A 0 0 2 号到 5 号窗口办理']);
    await expect(page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).resolves.toBe(true);
    expect(pageErrors(page)).toEqual([]);
  });
});

describe('window view (窗口屏) and its rating pad', () => {
  let browser: Browser;
  let h: TestHall;
  let page: Page;
  let errors: string[] = [];
  let clerk: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    h = await startHall();
    page = await openPage(browser, `${h.url}/display/?window=w5&key=${WINDOW5_KEY}`, SCREENS.windowPad, async (ctx) => {
      errors = consoleErrors(ctx);
    });
    await page.locator('.window-screen[data-connection="online"]').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  /** Issue a ticket, call it at window 5 and finish it; returns the ticket id. */
  async function visit(): Promise<string> {
    const issued = await h.api.issue('company');
    const called = await h.api.post('/windows/w5/call-next', {}, clerk);
    expect(called.body.ticket.id).toBe(issued.body.ticket.id);
    await page.locator('.window-info__number').filter({ hasText: issued.body.ticket.number }).waitFor({ timeout: 1000 });
    const finished = await h.api.post('/windows/w5/finish', { outcome: 'completed' }, clerk);
    expect(finished.status).toBe(200);
    return issued.body.ticket.id;
  }

  it('shows the window, its department and that it is not open yet, keeping the window in the address', async () => {
    expect(new URL(page.url()).search).toBe('?window=w5');
    await expect(page.locator('.window-info__no').textContent()).resolves.toBe('5 号窗口');
    await expect(page.locator('.window-info__name').textContent()).resolves.toBe('企业开办');
    await page.locator('.window-info__department').filter({ hasText: '市场监督管理局' }).waitFor();
    await expect(page.locator('.window-info__state').textContent()).resolves.toBe('本窗口暂未开放');
  });

  it('shows the clerk on duty and the current number', async () => {
    clerk = await h.api.openWindow(5);
    await page.locator('.window-info__clerk-name').filter({ hasText: '窗口员5' }).waitFor({ timeout: 1000 });
    await expect(page.locator('.window-info__staff-no').textContent()).resolves.toBe('工号 1005');
    await h.api.issue('company');
    await h.api.post('/windows/w5/call-next', {}, clerk);
    await page.locator('.window-info__number').filter({ hasText: 'A001' }).waitFor({ timeout: 1000 });
    await expect(page.locator('.window-info__hint').textContent()).resolves.toBe('请到本窗口办理');
    // While it flashes the number never fades: sampled through the first second and a half.
    const opacities: number[] = [];
    for (let i = 0; i < 15; i++) {
      opacities.push(await page.locator('.window-info__number').evaluate((el) => Number(getComputedStyle(el).opacity)));
      await page.waitForTimeout(100);
    }
    expect(Math.min(...opacities)).toBe(1);
    // The screenshot at the flash's brightest moment, to judge the glow by eye.
    await page.locator('.window-info__number').evaluate((el) => {
      const flash = el.getAnimations()[0];
      flash?.pause();
      if (flash) flash.currentTime = 500;
    });
    await screenshot(page, `${SHOTS}/display-window-call.png`);
  });

  it('asks for the rating after finish and stores the tapped score for that visit, window and clerk', async () => {
    const finished = await h.api.post('/windows/w5/finish', { outcome: 'completed' }, clerk);
    expect(finished.status).toBe(200);
    const ticketId: string = finished.body.ticket.id;

    await page.locator('.rating-pad').waitFor({ timeout: 1000 });
    await expect(page.locator('.rating-level__name').allTextContents()).resolves.toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    await expect(page.locator('.rating-pad__who').textContent()).resolves.toBe('A001 号 · 窗口员5（工号 1005）');

    await page.locator('[data-score="4"]').tap();
    await page.locator('.rating-thanks__title').filter({ hasText: '感谢您的评价！' }).waitFor();
    const visit = h.hall.engine.data.tickets[ticketId].visits[0];
    expect(visit).toMatchObject({ windowId: 'w5', staffId: 'c5', rating: { score: 4, source: 'window-pad' } });
    expect(visit.rating?.reason).toBeUndefined();

    // Thank you, then back to the window.
    await page.locator('.rating-pad').waitFor({ state: 'detached', timeout: 8000 });
    await expect(page.locator('.window-info__state').textContent()).resolves.toBe('等候叫号');
  });

  it('asks for a reason for a bad review and stores it with the review', async () => {
    const ticketId = await visit();
    await page.locator('.rating-pad').waitFor({ timeout: 1000 });
    await page.locator('[data-score="1"]').tap();
    await expect(page.locator('.rating-pad__title').textContent()).resolves.toBe('请告诉我们不满意的原因');
    await expect(page.locator('.pad-button--primary').isDisabled()).resolves.toBe(true);
    // Nothing is stored before a reason is given.
    expect(h.hall.engine.data.tickets[ticketId].visits[0].rating).toBeUndefined();

    await page.locator('.reason-chip', { hasText: '办理效率低' }).tap();
    await page.locator('.pad-button--primary').tap();
    await page.locator('.rating-thanks').waitFor();
    expect(h.hall.engine.data.tickets[ticketId].visits[0]).toMatchObject({ windowId: 'w5', staffId: 'c5', rating: { score: 1, reason: '办理效率低', source: 'window-pad' } });
    const manager = await h.api.login('9001');
    const reviews = await h.api.get('/reviews?status=open', manager);
    expect(reviews.body.reviews).toEqual([expect.objectContaining({ windowId: 'w5', staffId: 'c5', score: 1, reason: '办理效率低' })]);
    await page.locator('.rating-pad').waitFor({ state: 'detached', timeout: 8000 });
  });

  it('closes the pad when the citizen rates on the phone instead', async () => {
    const ticketId = await visit();
    await page.locator('.rating-pad').waitFor({ timeout: 1000 });
    const token = h.hall.engine.data.tickets[ticketId].token;
    const rated = await h.api.post(`/tickets/${ticketId}/rating?token=${token}`, { score: 5 });
    expect(rated.status).toBe(201);
    await page.locator('.rating-pad').waitFor({ state: 'detached', timeout: 1000 });
    expect(h.hall.engine.data.tickets[ticketId].visits[0].rating).toMatchObject({ score: 5, source: 'phone' });
  });

  it('has no errors, scroll bars or cursor', async () => {
    const size = await page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight, cursor: getComputedStyle(document.body).cursor }));
    expect(size).toEqual({ w: 1280, h: 800, cursor: 'none' });
    expect(pageErrors(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('an unrated visit', () => {
  let browser: Browser;
  let h: TestHall;

  beforeAll(async () => {
    browser = await launchBrowser();
    h = await startHall();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('closes the pad after a minute without a touch and records no score', async () => {
    const page = await openPage(browser, `${h.url}/display/?window=w5&key=${WINDOW5_KEY}`, SCREENS.windowPad, (ctx) => ctx.clock.install());
    await page.locator('.window-screen[data-connection="online"]').waitFor();
    const clerk = await h.api.openWindow(5);
    const issued = await h.api.issue('company');
    await h.api.post('/windows/w5/call-next', {}, clerk);
    await h.api.post('/windows/w5/finish', { outcome: 'consulted' }, clerk);
    await page.locator('.rating-pad').waitFor({ timeout: 1000 });

    await page.clock.fastForward(30_000);
    await expect(page.locator('.rating-pad').count()).resolves.toBe(1);
    await page.clock.fastForward(31_000);
    await page.locator('.rating-pad').waitFor({ state: 'detached', timeout: 2000 });
    expect(h.hall.engine.data.tickets[issued.body.ticket.id].visits[0].rating).toBeUndefined();

    // The server still offers the rating for a while; the pad does not ask the next person again.
    await h.api.issue('company');
    await page.clock.fastForward(2_000);
    await page.waitForTimeout(500);
    await expect(page.locator('.rating-pad').count()).resolves.toBe(0);
    expect(h.hall.engine.data.tickets[issued.body.ticket.id].visits[0].rating).toBeUndefined();
  });
});

describe('screenshots', () => {
  let browser: Browser;
  let h: TestHall;
  let config: HallConfig;

  beforeAll(async () => {
    browser = await launchBrowser();
    config = await loadConfig(DEMO_CONFIG);
    config.limits.issuePerMinutePerDevice = 10_000;
    config.limits.loginPerMinutePerAddress = 1_000;
    h = await startHall({ config, clock: new ManualClock(Date.parse('2026-11-26T08:50:00+08:00')) });
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('the hall view mid-day fits 1920×1080 (docs/screenshots/display-hall.png)', async () => {
    const tokens = await midDay(h, config);
    const displayKey = config.devices.find((d) => d.kind === 'display')!.key;
    const page = await openPage(browser, `${h.url}/display/?key=${displayKey}`, SCREENS.wall, (ctx) => ctx.clock.setFixedTime(h.clock.now()));
    await page.locator('.hall-screen[data-connection="online"]').waitFor();
    await expect(page.locator('.window-tile').count()).resolves.toBe(config.windows.length);
    await expect(page.locator('.window-tile--paused').count()).resolves.toBe(2);
    await expect(page.locator('.window-tile--closed').count()).resolves.toBe(1);
    await expect(page.locator('.recent-calls__item').count()).resolves.toBe(8);
    const size = await page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }));
    expect(size).toEqual({ w: 1920, h: 1080 });
    // A fresh call, caught while it flashes.
    await h.api.post('/windows/w5/finish', { outcome: 'completed' }, tokens[5]);
    await h.api.post('/windows/w5/call-next', {}, tokens[5]);
    await page.locator('.latest-call--flash').waitFor();
    // Still, not mid-flash: the called window keeps its red frame while the banner flashes.
    await mkdir(SHOTS, { recursive: true });
    await page.screenshot({ path: resolve(SHOTS, 'display-hall.png'), animations: 'disabled' });
    expect(pageErrors(page)).toEqual([]);
  });

  it('the rating pad at 1280×800 (docs/screenshots/display-rating.png)', async () => {
    const w7 = config.devices.find((d) => d.kind === 'window-display' && d.windowId === 'w7')!.key;
    const page = await openPage(browser, `${h.url}/display/?window=w7&key=${w7}`, SCREENS.windowPad, (ctx) => ctx.clock.setFixedTime(h.clock.now()));
    await page.locator('.window-screen[data-connection="online"]').waitFor();
    const clerk = await h.api.login('1007', 'Demo@2026');
    await h.api.post('/windows/w7/finish', { outcome: 'completed' }, clerk);
    await page.locator('.rating-pad').waitFor();
    await page.waitForTimeout(400);
    await screenshot(page, resolve(SHOTS, 'display-rating.png'));
    expect(pageErrors(page)).toEqual([]);
  });
});

/** A demo hall at mid-morning: tickets issued over an hour, most windows serving, two paused, one not open. */
async function midDay(h: TestHall, config: HallConfig): Promise<Record<number, string>> {
  const kiosk = config.devices.find((d) => d.kind === 'kiosk')!.key;
  const weights: Record<string, number> = { 'company-setup': 9, 'sole-trader': 5, household: 6, 'exit-entry': 5, 'property-reg': 8, 'social-security': 7, 'medical-insurance': 6, tax: 6, invoice: 4, 'construction-permit': 2, 'housing-trade': 3, notary: 2, 'logging-permit': 1, 'social-assistance': 2 };
  const bag = Object.entries(weights).flatMap(([id, n]) => Array<string>(n).fill(id));
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let i = 0; i < 90; i++) {
    h.clock.advance(20_000);
    const r = await h.api.issue(bag[Math.floor(random() * bag.length)], { key: kiosk });
    expect(r.status).toBe(201);
  }
  const tokens: Record<number, string> = {};
  for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12]) {
    tokens[n] = await h.api.login(`${1000 + n}`, 'Demo@2026');
    await h.api.post(`/windows/w${n}/sign-in`, {}, tokens[n]);
  }
  for (let round = 0; round < 3; round++) {
    for (const n of Object.keys(tokens).map(Number)) {
      h.clock.advance(50_000);
      const called = await h.api.post(`/windows/w${n}/call-next`, {}, tokens[n]);
      if (called.body.ticket && round < 2) {
        h.clock.advance(4 * 60_000);
        await h.api.post(`/windows/w${n}/finish`, { outcome: 'completed' }, tokens[n]);
      }
    }
  }
  for (const [n, reason] of [
    [6, 'leave'],
    [9, 'meeting'],
  ] as const) {
    await h.api.post(`/windows/w${n}/finish`, { outcome: 'completed' }, tokens[n]);
    await h.api.post(`/windows/w${n}/pause`, { reason }, tokens[n]);
  }
  h.clock.advance(30_000);
  await h.api.post('/windows/w2/recall', {}, tokens[2]);
  h.clock.advance(20_000);
  return tokens;
}
