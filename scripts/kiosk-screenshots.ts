/**
 * Regenerates the kiosk and phone-page screenshots under docs/screenshots/ from the demo hall
 * with a morning's worth of tickets, on the real server and Debian's Chromium.
 *
 *   npx vite build && npx tsx scripts/kiosk-screenshots.ts
 *
 * (HALL_DIST=<dir> to use a build elsewhere.)
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_CONFIG, parseConfig } from '../server/config.ts';
import { launchBrowser, openPage, SCREENS, screenshot } from '../tests/support/browser.ts';
import { THURSDAY_10AM } from '../tests/support/config.ts';
import { startHall, type TestHall } from '../tests/support/harness.ts';

const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const DEMO_PASSWORD = 'Demo@2026';

/** Waiting tickets per service at about ten in the morning. */
const MORNING: Record<string, number> = {
  'company-setup': 14,
  'sole-trader': 5,
  household: 8,
  'exit-entry': 3,
  'property-reg': 9,
  'social-security': 6,
  'medical-insurance': 5,
  tax: 7,
  invoice: 2,
  'construction-permit': 1,
  'housing-trade': 3,
  notary: 2,
  'social-assistance': 1,
};

async function demoHall(): Promise<{ h: TestHall; kioskKey: string }> {
  const raw = JSON.parse(await readFile(DEMO_CONFIG, 'utf8'));
  // Seeding issues more than a kiosk may in a minute.
  raw.limits = { ...raw.limits, issuePerMinutePerDevice: 10_000 };
  const config = parseConfig(raw);
  const h = await startHall({ config });
  const kioskKey = config.devices.find((d) => d.kind === 'kiosk')!.key;
  for (const [serviceId, n] of Object.entries(MORNING)) {
    for (let i = 0; i < n; i++) await h.api.issue(serviceId, { key: kioskKey, priority: i === 3 });
  }
  // Clerks at windows 1–10 signed in, each having called its first ticket.
  for (let n = 1; n <= 10; n++) {
    const token = await h.api.login(String(1000 + n), DEMO_PASSWORD);
    await h.api.post(`/windows/w${n}/sign-in`, {}, token);
    await h.api.post(`/windows/w${n}/call-next`, {}, token);
  }
  return { h, kioskKey };
}

/** A fixed clock in the page, so the header shows the same morning as the server. */
async function morning(ctx: BrowserContext): Promise<void> {
  await ctx.clock.setFixedTime(THURSDAY_10AM + 7 * 60_000);
  await ctx.addInitScript(() => {
    window.print = () => undefined;
  });
}

async function settle(page: Page): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300);
}

/** The phone page of any ticket, as its QR code would open it. */
function statusPathOf(h: TestHall, ticketId: string): string {
  const t = h.hall.engine.data.tickets[ticketId]!;
  return `/kiosk/ticket.html?id=${t.id}&token=${t.token}`;
}

async function main(): Promise<void> {
  const { h, kioskKey } = await demoHall();
  const browser = await launchBrowser();
  try {
    const kiosk = await openPage(browser, `${h.url}/kiosk/?key=${kioskKey}`, SCREENS.kiosk, morning);
    await kiosk.locator('.department-tile').first().waitFor();
    await settle(kiosk);
    await screenshot(kiosk, `${OUT}kiosk-home.png`);

    await kiosk.locator('[data-department="scjg"]').click();
    await kiosk.locator('[data-service="company-setup"]').click();
    await kiosk.locator('.confirm [data-testid=service-guide]').waitFor();
    await settle(kiosk);
    await screenshot(kiosk, `${OUT}kiosk-confirm.png`);
    await kiosk.locator('.confirm__issue').click();
    const number = (await kiosk.locator('.ticket-card__number').textContent())!;
    await settle(kiosk);
    await screenshot(kiosk, `${OUT}kiosk-ticket.png`);

    // The phone that scanned that slip.
    const statusUrl = (await kiosk.locator('.ticket-card svg[data-qr]').getAttribute('data-qr'))!;
    const phone = await openPage(browser, statusUrl, SCREENS.phone, morning);
    await phone.locator(`[data-number="${number}"]`).waitFor();
    await phone.locator('.position').waitFor();
    await settle(phone);
    await screenshot(phone, `${OUT}phone-ticket.png`);

    // Called at window 1, then finished: the page asks for the 好差评.
    const id = new URL(statusUrl).searchParams.get('id')!;
    const w1 = await h.api.login('1001', DEMO_PASSWORD);
    await h.api.post('/windows/w1/finish', { outcome: 'completed' }, w1);
    await h.api.post('/windows/w1/call', { number }, w1);
    await phone.locator('.call--called').waitFor();
    await settle(phone);
    await screenshot(phone, `${OUT}phone-called.png`);

    h.clock.advance(9 * 60_000);
    await h.api.post('/windows/w1/finish', { outcome: 'completed' }, w1);
    // The whole page, with a 不满意 chosen: a bad review asks for its reason.
    const rating = phone.locator('form.rating');
    await rating.waitFor();
    await rating.locator('[data-score="2"]').click();
    await rating.locator('.reason-chip').first().click();
    await settle(phone);
    await phone.screenshot({ path: `${OUT}phone-rating.png`, fullPage: true });
    if (h.hall.engine.data.tickets[id]?.status !== 'done') throw new Error('the demo ticket did not finish');

    // The next citizen at window 1 is sent back for a missing document: the note and the guide.
    const next = await h.api.post('/windows/w1/call-next', {}, w1);
    const returned = await openPage(browser, `${h.url}${statusPathOf(h, next.body.ticket.id)}`, SCREENS.phone, morning);
    h.clock.advance(4 * 60_000);
    await h.api.post('/windows/w1/finish', { outcome: 'rejected', note: '缺公司章程原件，请补齐后再来取号' }, w1);
    await returned.locator('[data-outcome="rejected"]').waitFor();
    await settle(returned);
    await screenshot(returned, `${OUT}phone-returned.png`);
  } finally {
    await browser.close();
    await h.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
