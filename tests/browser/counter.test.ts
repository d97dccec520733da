import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/clock.ts';
import { DEMO_CONFIG, loadConfig } from '../../server/config.ts';
import type { Ticket } from '../../shared/types.ts';
import { launchBrowser, openPage, pageErrors, SCREENS, screenshot } from '../support/browser.ts';
import { DISPLAY_KEY } from '../support/config.ts';
import { startHall, type TestHall } from '../support/harness.ts';

/**
 * The clerk's terminal (counter/) in Debian's Chromium against the real server: a whole
 * working day by mouse and by keyboard alone, transfers, pauses seen by the hall display,
 * races between terminals, conflicts, a server restart and the pending cases.
 *
 * Screenshots go to tests/.tmp/screenshots; to refresh the one in the README run
 * `SCREENSHOT_DIR=docs/screenshots npx vitest run tests/browser/counter.test.ts`.
 */
const SHOTS = resolve(process.env.SCREENSHOT_DIR ?? 'tests/.tmp/screenshots');

interface Terminal {
  page: Page;
  ctx: BrowserContext;
  consoleErrors: string[];
}

let browser: Browser;
let h: TestHall;
const terminals: Terminal[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  for (const t of terminals.splice(0)) await t.ctx.close();
  await h?.close();
});

async function openCounter(hall: TestHall = h, init?: (ctx: BrowserContext) => Promise<void>): Promise<Terminal> {
  const consoleErrors: string[] = [];
  let context: BrowserContext | undefined;
  const page = await openPage(browser, `${hall.url}/counter/`, SCREENS.counter, async (ctx) => {
    context = ctx;
    // Shorter than the test's own timeout, so a failure names the element it waited for.
    ctx.setDefaultTimeout(10_000);
    ctx.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await init?.(ctx);
  });
  const t = { page, ctx: context!, consoleErrors };
  terminals.push(t);
  return t;
}

async function logIn(page: Page, staffNo: string, password = 'pw'): Promise<void> {
  await page.fill('input[name=staffNo]', staffNo);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
}

/** Log in and sign in at a window by clicking, as a clerk starting the day. */
async function startAt(page: Page, staffNo: string, windowId: string): Promise<void> {
  await logIn(page, staffNo);
  await page.click(`button[data-window="${windowId}"]`);
  await page.locator('[data-testid=window-number]').waitFor();
}

const action = (page: Page, name: string) => page.locator(`button[data-action="${name}"]`);
/** The action's button is offered and enabled: what a clerk waits for before pressing its key. */
const ready = (page: Page, name: string) => page.locator(`button[data-action="${name}"]:not(:disabled)`).waitFor();
const currentNumber = (page: Page, number: string) => page.locator('[data-testid=current-number]', { hasText: number });
const notice = (page: Page) => page.locator('[data-testid=notice]');

function ticketByNumber(number: string): Ticket {
  const t = Object.values(h.hall.engine.data.tickets).find((x) => x.number === number);
  if (!t) throw new Error(`no ticket ${number}`);
  return t;
}

async function issue(serviceId: string, times = 1): Promise<string[]> {
  const numbers: string[] = [];
  for (let i = 0; i < times; i++) {
    const r = await h.api.issue(serviceId);
    expect(r.status).toBe(201);
    numbers.push(r.body.ticket.number);
  }
  return numbers;
}

/** No uncaught error and no console error, except Chromium's own line for each refusal the test provoked on purpose. */
function expectClean(t: Terminal, refusals: number[] = []): void {
  expect(pageErrors(t.page)).toEqual([]);
  const provoked = refusals.map((status) => `Failed to load resource: the server responded with a status of ${status}`);
  expect(t.consoleErrors.filter((e) => !provoked.some((p) => e.startsWith(p)))).toEqual([]);
}

describe('the counter terminal', () => {
  it('logs in, signs in to a window, calls next, recalls and finishes with an outcome', async () => {
    h = await startHall();
    await issue('company', 2);
    const display = await h.socket({ key: DISPLAY_KEY });
    const t = await openCounter();
    const { page } = t;

    await logIn(page, '1005');
    await page.locator('text=选择窗口签到').waitFor();
    await page.click('button[data-window="w5"]');
    await page.locator('[data-testid=window-number]', { hasText: '5 号窗口' }).waitFor();
    expect(h.hall.engine.data.windows.w5?.staffId).toBe('c5');

    // Only what is legal now is offered.
    await action(page, 'callNext').waitFor();
    expect(await action(page, 'recall').count()).toBe(0);
    expect(await action(page, 'finish:completed').count()).toBe(0);

    await action(page, 'callNext').click();
    await currentNumber(page, 'A001').waitFor();
    expect(ticketByNumber('A001')).toMatchObject({ status: 'called' });
    expect(await page.locator('[data-testid=ticket-state]').textContent()).toBe('已呼叫');
    expect(await action(page, 'callNext').count()).toBe(0);
    // Timers count from the server's clock (here a test clock far from this machine's), not the PC's.
    expect(await page.locator('.ticket__timer').textContent()).toMatch(/^已呼叫 0:0\d$/);

    h.clock.advance(20_000);
    await action(page, 'recall').click();
    await page.locator('[data-testid=call-count]', { hasText: '第 2 次' }).waitFor();
    await display.waitForCall((c) => c.number === 'A001' && c.callCount === 2);

    await action(page, 'finish:completed').click();
    await page.locator('[role=dialog]').waitFor();
    await page.fill('[role=dialog] input[name=note]', '当场办结');
    await page.click('[data-testid=confirm-finish]');
    await page.locator('[data-testid=idle]').waitFor();
    await notice(page).filter({ hasText: 'A001 已办结' }).waitFor();
    const visit = ticketByNumber('A001').visits[0];
    expect(visit).toMatchObject({ windowId: 'w5', staffId: 'c5', end: 'completed', note: '当场办结', callCount: 2 });

    // The side panel follows live: one still waiting, one visit completed today.
    await page.locator('[data-testid=waiting-company]', { hasText: '1' }).waitFor();
    await page.locator('[data-testid=served]', { hasText: '1' }).waitFor();
    expect(await page.locator('[data-testid=today-stats] [data-end=completed] dd').textContent()).toBe('1');
    expectClean(t);
  });

  it('transfers a called ticket to another service, where it waits, and to a window', async () => {
    h = await startHall();
    await issue('company', 2);
    const t = await openCounter();
    const { page } = t;
    await startAt(page, '1001', 'w1');

    await action(page, 'callNext').click();
    await currentNumber(page, 'A001').waitFor();
    h.clock.advance(60_000);
    await action(page, 'transfer').click();
    await page.locator('[role=dialog] [data-choice=trader]').click();
    await notice(page).filter({ hasText: 'A001 已转到 个体工商户登记' }).waitFor();
    await page.locator('[data-testid=idle]').waitFor();

    expect(ticketByNumber('A001')).toMatchObject({ status: 'waiting', serviceId: 'trader', number: 'A001' });
    const hall = await h.api.get('/hall');
    expect(hall.body.services.find((s: { id: string }) => s.id === 'trader').waiting).toBe(1);
    expect(hall.body.services.find((s: { id: string }) => s.id === 'company').waiting).toBe(1);
    await page.locator('[data-testid=waiting-trader]', { hasText: '1' }).waitFor();

    // The other tab of the picker sends a ticket to one window (open: nobody would call it at a closed one), where it is called first.
    await h.api.openWindow(5);
    await action(page, 'callNext').click();
    await currentNumber(page, 'A002').waitFor();
    await action(page, 'transfer').click();
    await page.locator('[role=dialog] [role=tab]', { hasText: '转到窗口' }).click();
    await page.fill('[role=dialog] input[name=transferNote]', '需核对社保缴费证明');
    await page.locator('[role=dialog] [data-choice=w5]').click();
    await notice(page).filter({ hasText: 'A002 已转到 5 号窗口' }).waitFor();
    expect(ticketByNumber('A002')).toMatchObject({ status: 'waiting', targetWindowId: 'w5' });
    const w5 = await h.api.get('/windows/w5', await h.api.login('1005'));
    expect(w5.body.transferredHere).toBe(1);
    expect(w5.body.transfers).toEqual([{ number: 'A002', fromWindowNumber: 1, note: '需核对社保缴费证明', enqueuedAt: h.clock.now() }]);
    // Its public screen is told how many, never the notes.
    expect((await h.api.get('/windows/w5', 'window5-key-00000001')).body.transfers).toBeUndefined();
    expectClean(t);

    // The receiving clerk sees the ticket itself: number, where from, why, how long it waits.
    const receiving = await openCounter();
    await logIn(receiving.page, '1005');
    await receiving.page.locator('[data-testid=transfers-here] [data-number=A002]').waitFor();
    const item = (await receiving.page.locator('[data-testid=transfers-here] [data-number=A002]').textContent())!;
    for (const part of ['A002', '来自 1 号窗口', '需核对社保缴费证明']) expect(item).toContain(part);
    await screenshot(receiving.page, `${SHOTS}/counter-transfers-here.png`);
    expectClean(receiving);
  });

  it('in 转到窗口 a typed number selects that window and Enter sends it; closed windows cannot be chosen', async () => {
    h = await startHall();
    await issue('company');
    await h.api.openWindow(12);
    const t = await openCounter();
    const { page } = t;
    await startAt(page, '1001', 'w1');
    await action(page, 'callNext').click();
    await currentNumber(page, 'A001').waitFor();
    await action(page, 'transfer').click();
    await page.locator('[role=dialog] [data-choice]:focus').waitFor();
    await page.keyboard.press('ArrowRight');
    // Window 2 has nobody signed in: shown, but it cannot be picked, by key or by mouse.
    expect(await page.locator('[role=dialog] [data-choice=w2]').isDisabled()).toBe(true);
    expect(await page.locator('[role=dialog] [data-choice=w12]').isDisabled()).toBe(false);
    await page.keyboard.press('8'); // a digit is a window number, not the eighth line: nothing is sent
    await page.keyboard.press('1');
    await page.keyboard.press('2');
    await page.locator('[role=dialog] [data-choice=w12]:focus').waitFor();
    expect(ticketByNumber('A001').status).toBe('called');
    await screenshot(page, `${SHOTS}/counter-transfer-window.png`);
    await page.keyboard.press('Enter');
    await notice(page).filter({ hasText: 'A001 已转到 12 号窗口' }).waitFor();
    expect(ticketByNumber('A001')).toMatchObject({ status: 'waiting', targetWindowId: 'w12' });
    expectClean(t);
  });

  it('过号 asks first, and not within 30 seconds of the call: recall meanwhile', async () => {
    h = await startHall();
    await issue('company');
    const t = await openCounter(h, (ctx) => ctx.clock.install());
    const { page } = t;
    await startAt(page, '1001', 'w1');
    await action(page, 'callNext').click();
    await currentNumber(page, 'A001').waitFor();
    await action(page, 'noShow').click();
    const dialog = page.locator('[data-testid=no-show-dialog]');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('已呼叫 1 次');
    expect(await dialog.textContent()).toContain('秒后才能过号');
    const confirm = dialog.locator('button', { hasText: '过号' });
    expect(await confirm.isDisabled()).toBe(true);
    await screenshot(page, `${SHOTS}/counter-no-show-confirm.png`);
    await page.keyboard.press('Enter');
    expect(ticketByNumber('A001').status).toBe('called');
    // Half a minute later the citizen has had time to come: now it can be confirmed. The server's
    // clock moves too, so a snapshot arriving meanwhile agrees with the page's.
    h.clock.advance(31_000);
    await page.clock.runFor(31_000);
    await expect.poll(() => confirm.isDisabled()).toBe(false);
    await confirm.click();
    await notice(page).filter({ hasText: 'A001 已过号' }).waitFor();
    expect(ticketByNumber('A001').status).toBe('no_show');
    expectClean(t);
  });

  it('says what was done when the window’s snapshot comes before the answer, as on a busy machine', async () => {
    h = await startHall();
    await issue('company');
    const t = await openCounter();
    const { page } = t;
    await startAt(page, '1001', 'w1');
    await action(page, 'callNext').click();
    await currentNumber(page, 'A001').waitFor();

    // The answer is held until the snapshot has emptied the desk, and the page's timers with it, so the
    // effects of that render are still pending when the answer is read.
    let answer!: () => Promise<void>;
    const held = new Promise<void>((answered) => {
      void page.route('**/api/windows/w1/transfer', async (route) => {
        const response = await route.fetch();
        answer = () => route.fulfill({ response });
        answered();
      });
    });
    await action(page, 'transfer').click();
    await page.clock.install();
    await page.clock.pauseAt(Date.now() + 1000);
    await page.locator('[role=dialog] [data-choice=trader]').click();
    await held;
    await page.locator('[data-testid=idle]').waitFor();
    await answer();
    await ready(page, 'callNext');
    expect(await notice(page).textContent()).toContain('A001 已转到 个体工商户登记');
    expectClean(t);
  });

  it('shows taken windows live and explains a sign-in refused by a race', async () => {
    h = await startHall();
    const t = await openCounter();
    const { page } = t;
    await logIn(page, '1005');
    await page.locator('button[data-window="w7"]:not(:disabled)').waitFor();
    // Only windows of the clerk's department and the 综合窗口 are offered.
    expect(await page.locator('button[data-window="w2"], button[data-window="w3"]').count()).toBe(0);
    await page.locator('button[data-window="w4"]').waitFor();

    // Someone signs in at w6 while the list is open: it is shown taken at once.
    await h.api.openWindow(6);
    await page.locator('button[data-window="w6"]:disabled', { hasText: '窗口员6 已签到' }).waitFor();

    // Someone else takes w7 between the click and the request arriving.
    await page.route('**/api/windows/w7/sign-in', async (route) => {
      await h.api.openWindow(7);
      await route.continue();
    });
    await page.click('button[data-window="w7"]');
    await notice(page).filter({ hasText: '该窗口已有其他工作人员签到' }).waitFor();
    await page.locator('button[data-window="w7"]:disabled').waitFor();
    expect(h.hall.engine.data.windows.w7?.staffId).toBe('c7');
    expectClean(t, [409]);
  });

  it('pauses with a reason, the display sees the window paused, and resumes', async () => {
    h = await startHall();
    await issue('company');
    const display = await h.socket({ key: DISPLAY_KEY });
    const t = await openCounter();
    const { page } = t;
    await startAt(page, '1005', 'w5');

    await action(page, 'pause').click();
    await page.locator('[role=dialog] [data-choice=meeting]').click();
    await page.locator('[data-testid=paused]', { hasText: '会议' }).waitFor();
    await display.waitForWindow((w) => w.id === 'w5' && w.status === 'paused' && w.pauseReason === 'meeting');
    const hall = await h.api.get('/hall');
    expect(hall.body.windows.find((w: { id: string }) => w.id === 'w5')).toMatchObject({ status: 'paused', pauseReason: 'meeting' });

    // Paused: nobody is called here, and calling is not offered.
    expect(await action(page, 'callNext').count()).toBe(0);
    expect(await page.locator('[data-testid=window-status]').textContent()).toContain('暂停');

    await action(page, 'resume').click();
    await action(page, 'callNext').waitFor();
    await display.waitForWindow((w) => w.id === 'w5' && w.status === 'open');
    expectClean(t);
  });

  it('does the same day’s work by keyboard alone', async () => {
    h = await startHall();
    await issue('company', 2);
    const display = await h.socket({ key: DISPLAY_KEY });
    const t = await openCounter();
    const { page } = t;
    const kb = page.keyboard;

    // The staff number field has the focus when the page opens.
    await kb.type('1005');
    await kb.press('Tab');
    await kb.type('pw');
    await kb.press('Enter');
    await page.locator('button[data-window]:focus').waitFor();
    for (let i = 0; i < 25 && !(await page.locator('button[data-window="w5"]:focus').count()); i++) await kb.press('ArrowRight');
    await kb.press('Enter');
    await page.locator('[data-testid=window-number]', { hasText: '5 号窗口' }).waitFor();
    await ready(page, 'callNext');

    await kb.press('n');
    await currentNumber(page, 'A001').waitFor();
    await ready(page, 'recall');
    await kb.press('r');
    await page.locator('[data-testid=call-count]', { hasText: '第 2 次' }).waitFor();
    await ready(page, 'start');
    await kb.press('s');
    await page.locator('[data-testid=ticket-state]', { hasText: '办理中' }).waitFor();
    await ready(page, 'finish:completed');
    await kb.press('1');
    await page.locator('[role=dialog] input[name=note]:focus').waitFor();
    await kb.press('Enter');
    await page.locator('[data-testid=idle]').waitFor();
    expect(ticketByNumber('A001').visits[0]).toMatchObject({ end: 'completed', callCount: 2 });
    expect(ticketByNumber('A001').visits[0].startedAt).toBeDefined();

    await ready(page, 'callNext');
    await kb.press('n');
    await currentNumber(page, 'A002').waitFor();
    await ready(page, 'transfer');
    await kb.press('t');
    await page.locator('[role=dialog] [data-choice]:focus').waitFor();
    // The services other than the ticket's own, in hall order: trader is the first, key 1.
    await kb.press('1');
    await page.locator('[data-testid=idle]').waitFor();
    expect(ticketByNumber('A002')).toMatchObject({ status: 'waiting', serviceId: 'trader' });

    await ready(page, 'pause');
    await kb.press('p');
    await page.locator('[role=dialog] [data-choice=break]:focus').waitFor();
    await kb.press('ArrowDown');
    await kb.press('ArrowDown');
    await kb.press('Enter');
    await page.locator('[data-testid=paused]', { hasText: '会议' }).waitFor();
    await display.waitForWindow((w) => w.id === 'w5' && w.status === 'paused' && w.pauseReason === 'meeting');
    await ready(page, 'resume');
    await kb.press('p');
    await ready(page, 'callNext');
    await display.waitForWindow((w) => w.id === 'w5' && w.status === 'open');

    // Esc closes a picker without doing anything.
    await kb.press('g');
    await page.locator('[role=dialog]').waitFor();
    await kb.press('Escape');
    await page.locator('[role=dialog]').waitFor({ state: 'detached' });

    await kb.press('q');
    await page.locator('[role=dialog]', { hasText: '签退 5 号窗口' }).waitFor();
    await kb.press('Enter');
    await page.locator('text=选择窗口签到').waitFor();
    await notice(page).filter({ hasText: '已签退 5 号窗口' }).waitFor();
    expect(h.hall.engine.data.windows.w5).toBeUndefined();
    expectClean(t);
  });

  it('two terminals calling next at the same instant never get the same ticket', async () => {
    h = await startHall();
    const issued = await issue('company', 6);
    const a = await openCounter();
    const b = await openCounter();
    await startAt(a.page, '1001', 'w1');
    await startAt(b.page, '1005', 'w5');

    const shown: string[] = [];
    for (let round = 0; round < 3; round++) {
      await Promise.all([action(a.page, 'callNext').waitFor(), action(b.page, 'callNext').waitFor()]);
      // Both pages click at one agreed moment on the shared machine clock.
      const at = Date.now() + 300;
      await Promise.all(
        [a.page, b.page].map((p) =>
          p.evaluate(
            (when) =>
              new Promise<void>((done) => {
                setTimeout(() => {
                  document.querySelector<HTMLButtonElement>('button[data-action="callNext"]')!.click();
                  done();
                }, when - Date.now());
              }),
            at,
          ),
        ),
      );
      const numbers = await Promise.all(
        [a.page, b.page].map(async (p) => {
          const el = p.locator('[data-testid=current-number]');
          await el.waitFor();
          return (await el.textContent())!;
        }),
      );
      expect(numbers[0]).not.toBe(numbers[1]);
      shown.push(...numbers);
      for (const p of [a.page, b.page]) {
        await action(p, 'finish:consulted').click();
        await p.click('[data-testid=confirm-finish]');
        await p.locator('[data-testid=idle]').waitFor();
      }
    }
    expect(new Set(shown).size).toBe(6);
    expect([...shown].sort()).toEqual(issued);
    for (const n of issued) expect(ticketByNumber(n).visits).toHaveLength(1);
    expectClean(a);
    expectClean(b);
  });

  it('a double click or a slow network never calls two tickets', async () => {
    h = await startHall();
    await issue('company', 3);
    const t = await openCounter();
    const { page } = t;
    await startAt(page, '1005', 'w5');

    let requests = 0;
    await page.route('**/api/windows/w5/call-next', async (route) => {
      requests++;
      await new Promise((r) => setTimeout(r, 800));
      await route.continue();
    });
    await action(page, 'callNext').dblclick();
    await page.keyboard.press('n');
    await page.keyboard.press('n');
    await currentNumber(page, 'A001').waitFor();
    await page.waitForTimeout(300);

    expect(requests).toBe(1);
    expect(ticketByNumber('A001').status).toBe('called');
    expect(ticketByNumber('A002').status).toBe('waiting');
    expect(ticketByNumber('A003').status).toBe('waiting');
    expect(await notice(page).count()).toBe(0);
    expectClean(t);
  });

  it('explains a conflict in plain words and shows the window’s true state', async () => {
    h = await startHall();
    await issue('company', 2);
    const t = await openCounter();
    const { page } = t;
    await startAt(page, '1005', 'w5');
    await action(page, 'callNext').click();
    await currentNumber(page, 'A001').waitFor();

    // The same clerk at a second terminal finishes the ticket while this one asks to recall it.
    const elsewhere = await h.api.login('1005');
    await page.route('**/api/windows/w5/recall', async (route) => {
      const won = await h.api.post('/windows/w5/finish', { outcome: 'completed' }, elsewhere);
      expect(won.status).toBe(200);
      await route.continue();
    });
    await action(page, 'recall').click();
    await notice(page).filter({ hasText: '这个号已不在本窗口' }).waitFor();
    await page.locator('[data-testid=idle]').waitFor();
    expect(ticketByNumber('A001').visits[0].callCount).toBe(1);

    // The citizen cancels A002 from the phone while the clerk types its number.
    const a002 = ticketByNumber('A002');
    expect((await h.api.post(`/tickets/${a002.id}/cancel?token=${a002.token}`)).status).toBe(200);
    await ready(page, 'callNumber');
    await page.keyboard.press('g');
    await page.keyboard.type('A002');
    await page.keyboard.press('Enter');
    await notice(page).filter({ hasText: '号票的状态已经变了' }).waitFor();
    expect(await notice(page).textContent()).toContain('A002 号当前不在等候中');
    await page.locator('[data-testid=idle]').waitFor();
    expectClean(t, [409]);
  });

  it('shows it is offline while the server is down, then resumes on the window’s true state', async () => {
    h = await startHall();
    await issue('company');
    const t = await openCounter();
    const { page } = t;
    await startAt(page, '1005', 'w5');
    await page.locator('[data-testid=connection]', { hasText: '在线' }).waitFor();
    // The window's state, not only its number (which the hall already shows), has come before the server goes.
    await ready(page, 'callNext');

    const port = Number(new URL(h.url).port);
    await h.stop();
    await page.locator('.offline-banner', { hasText: '连接中断，正在重新连接…' }).waitFor();
    expect(await action(page, 'callNext').isDisabled()).toBe(true);

    const again = await startHall({ port, dataDir: h.dataDir, clock: h.clock });
    try {
      // Another terminal of the same clerk calls while this one is still reconnecting.
      const other = await again.api.login('1005');
      expect((await again.api.post('/windows/w5/call-next', {}, other)).status).toBe(200);
      await currentNumber(page, 'A001').waitFor({ timeout: 15_000 });
      await page.locator('.offline-banner').waitFor({ state: 'detached' });
      await action(page, 'recall').waitFor();
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await again.close();
    }
  });

  it('lists the department’s pending cases and completes one', async () => {
    h = await startHall();
    await issue('company');
    const t = await openCounter();
    const { page } = t;
    await startAt(page, '1005', 'w5');
    await action(page, 'callNext').click();
    await currentNumber(page, 'A001').waitFor();
    await action(page, 'finish:accepted').click();
    await page.fill('[role=dialog] input[name=note]', '缺营业执照副本，补齐后办结');
    await page.click('[data-testid=confirm-finish]');
    await page.locator('[data-testid=idle]').waitFor();

    await page.locator('[data-testid=cases-tab]', { hasText: '1' }).click();
    const row = page.locator('tr[data-number=A001]');
    await row.waitFor();
    expect(await row.textContent()).toContain('缺营业执照副本，补齐后办结');
    expect(await row.textContent()).toContain('企业开办');
    await row.locator('button').click();
    await page.fill('[role=dialog] input[name=note]', '材料已补齐');
    await page.keyboard.press('Enter');
    await notice(page).filter({ hasText: 'A001 已办结' }).waitFor();
    await page.locator('text=本部门暂无待办结的件').waitFor();
    const token = await h.api.login('1005');
    expect((await h.api.get('/cases?status=pending', token)).body.cases).toEqual([]);
    expect(Object.values(h.hall.engine.data.caseCompletions)).toMatchObject([{ number: 'A001', note: '材料已补齐', completedBy: 'c5' }]);
    expectClean(t);
  });

  it('refuses a wrong password, returns to the login when the session ends, and sends a manager to the manager view', async () => {
    h = await startHall();
    const t = await openCounter();
    const { page } = t;
    await logIn(page, '1005', 'wrong');
    await page.locator('[role=alert]', { hasText: '工号或密码不正确' }).waitFor();

    await startAt(page, '1005', 'w5');
    await ready(page, 'callNext');
    // The session is ended elsewhere (e.g. logged out from another terminal): the next action says so plainly.
    const token = await page.evaluate(() => sessionStorage.getItem('hall.counter.token'));
    expect((await h.api.post('/auth/logout', {}, token!)).status).toBe(200);
    await page.keyboard.press('n');
    await page.locator('text=登录已失效，请重新登录').waitFor();
    await page.locator('input[name=staffNo]').waitFor();

    // Signed in at w5 still: logging in again goes straight to the window.
    await logIn(page, '1005');
    await page.locator('[data-testid=window-number]', { hasText: '5 号窗口' }).waitFor();
    expectClean(t, [401]);

    // The manager view is another app inside this one; all that matters here is that a manager lands there.
    await page.evaluate(() => sessionStorage.clear());
    await page.reload();
    await logIn(page, '9001');
    await page.locator('input[name=staffNo]').waitFor({ state: 'detached' });
    expect(await page.locator('button[data-window]').count()).toBe(0);
    expect(await page.locator('[data-testid=window-number]').count()).toBe(0);
  });

  it('switches to English and back', async () => {
    h = await startHall();
    const t = await openCounter();
    const { page } = t;
    await page.click('.lang-switch');
    await page.locator('h1', { hasText: 'Counter terminal' }).waitFor();
    await startAt(page, '1005', 'w5');
    await page.locator('[data-testid=window-number]', { hasText: 'Window 5' }).waitFor();
    await action(page, 'callNext').filter({ hasText: 'Call next' }).waitFor();
    // The configured English name of the service, where the hall file gives one.
    await page.locator('[data-service=company] .queue__name', { hasText: 'Company registration' }).waitFor();
    await page.click('.lang-switch');
    await page.locator('[data-service=company] .queue__name', { hasText: '企业开办' }).waitFor();
    await action(page, 'callNext').filter({ hasText: '叫下一位' }).waitFor();
    expectClean(t);
  });

  it('renders the working screen mid-visit (docs/screenshots/counter-working.png)', async () => {
    const config = await loadConfig(DEMO_CONFIG);
    h = await startHall({ config, clock: new ManualClock(Date.parse('2026-11-26T08:55:00+08:00')) });
    const kiosk = config.devices.find((d) => d.kind === 'kiosk')!.key;
    const password = 'Demo@2026';
    const min = 60_000;
    const issueDemo = async (serviceId: string, priority = false) => expect((await h.api.issue(serviceId, { key: kiosk, priority })).status).toBe(201);

    for (const s of ['company-setup', 'company-setup', 'sole-trader', 'company-setup', 'sole-trader', 'company-setup']) {
      await issueDemo(s);
      h.clock.advance(3 * min);
    }
    const clerk = await h.api.login('1001', password);
    await h.api.post('/windows/w1/sign-in', {}, clerk);
    for (const [outcome, minutes] of [['completed', 6], ['completed', 8], ['accepted', 11], ['consulted', 3], ['completed', 7]] as const) {
      await h.api.post('/windows/w1/call-next', {}, clerk);
      h.clock.advance(min);
      await h.api.post('/windows/w1/start', {}, clerk);
      h.clock.advance(minutes * min);
      await h.api.post('/windows/w1/finish', { outcome, ...(outcome === 'accepted' ? { note: '材料齐全，5 个工作日内办结' } : {}) }, clerk);
      h.clock.advance(2 * min);
    }
    await h.api.post('/windows/w1/call-next', {}, clerk);
    h.clock.advance(2 * min);
    await h.api.post('/windows/w1/no-show', {}, clerk);
    for (const s of ['company-setup', 'sole-trader', 'company-setup', 'company-setup', 'sole-trader', 'company-setup', 'company-setup']) {
      await issueDemo(s);
      h.clock.advance(2 * min);
    }
    await issueDemo('company-setup', true);
    h.clock.advance(4 * min);
    await h.api.post('/windows/w1/call-next', {}, clerk);
    h.clock.advance(min);
    await h.api.post('/windows/w1/recall', {}, clerk);

    const t = await openCounter(h, async (ctx) => {
      await ctx.clock.setFixedTime(h.clock.now() + 35_000);
    });
    const { page } = t;
    // Enter rather than a click, so no button is left hovered under the mouse in the picture.
    await page.fill('input[name=staffNo]', '1001');
    await page.fill('input[name=password]', password);
    await page.press('input[name=password]', 'Enter');
    await currentNumber(page, 'A010').waitFor();
    await page.locator('[data-testid=connection]', { hasText: '在线' }).waitFor();
    await page.locator('[data-testid=cases-tab]', { hasText: '1' }).waitFor();
    expect(await page.locator('.badge--priority').textContent()).toBe('绿色通道');
    await screenshot(page, resolve(SHOTS, 'counter-working.png'));
    expectClean(t);
  });
});
