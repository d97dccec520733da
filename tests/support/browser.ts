import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium, never a downloaded browser; these flags keep it off the closed network and work as root. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--autoplay-policy=no-user-gesture-required', '--lang=zh-CN'];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

export interface ScreenOptions {
  width: number;
  height: number;
  deviceScaleFactor?: number;
  isMobile?: boolean;
  hasTouch?: boolean;
}

export const SCREENS = {
  /** A 1080p portrait kiosk. */
  kiosk: { width: 1080, height: 1920, hasTouch: true },
  kioskLandscape: { width: 1920, height: 1080, hasTouch: true },
  wall: { width: 1920, height: 1080 },
  /** A small phone. */
  phone: { width: 375, height: 667, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  counter: { width: 1366, height: 768 },
  windowPad: { width: 1280, height: 800, hasTouch: true },
} satisfies Record<string, ScreenOptions>;

export async function openPage(browser: Browser, url: string, screen: ScreenOptions, init?: (ctx: BrowserContext) => Promise<void>): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: screen.width, height: screen.height }, deviceScaleFactor: screen.deviceScaleFactor ?? 1, isMobile: screen.isMobile ?? false, hasTouch: screen.hasTouch ?? false, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  if (init) await init(ctx);
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // The server's Content-Security-Policy: a screen that breaks it is broken on a real hall's screen too.
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text());
  });
  (page as Page & { errors?: string[] }).errors = errors;
  await page.goto(url);
  return page;
}

/** Uncaught errors the page raised since it opened. */
export function pageErrors(page: Page): string[] {
  return (page as Page & { errors?: string[] }).errors ?? [];
}

export async function screenshot(page: Page, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await page.screenshot({ path });
}
