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

/** The smallest visible text, smallest touch target (of `targets`) and lowest text contrast inside `root` (SPEC §7, 适老化). */
export async function accessibilityFigures(page: Page, root: string, targets = 'button, [role="button"], a[href]'): Promise<{ text: { size: number; sample: string }; target: { size: number; sample: string }; contrast: { ratio: number; sample: string } }> {
  return page.evaluate(({ rootSelector, targetSelector }) => {
    const parse = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const ratio = (a: number[], b: number[]) => {
      const [x, y] = [luminance(a), luminance(b)].sort((m, n) => n - m);
      return (x + 0.05) / (y + 0.05);
    };
    const backgrounds = (el: Element | null): number[][] => {
      for (; el; el = el.parentElement) {
        const style = getComputedStyle(el);
        if (style.backgroundImage.includes('gradient')) return (style.backgroundImage.match(/rgba?\([^)]+\)/g) ?? []).map(parse);
        const bg = parse(style.backgroundColor);
        if (bg.length === 3 || (bg.length === 4 && bg[3] > 0.9)) return [bg];
      }
      return [[255, 255, 255]];
    };
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const rootEl = document.querySelector(rootSelector)!;
    const text = { size: Infinity, sample: '' };
    const contrast = { ratio: Infinity, sample: '' };
    const walker = document.createTreeWalker(rootEl, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const content = n.textContent!.trim();
      const el = n.parentElement!;
      if (!content || !visible(el)) continue;
      const style = getComputedStyle(el);
      const size = parseFloat(style.fontSize);
      if (size < text.size) Object.assign(text, { size, sample: content });
      for (const bg of backgrounds(el)) {
        const r = ratio(parse(style.color), bg);
        if (r < contrast.ratio) Object.assign(contrast, { ratio: r, sample: content });
      }
    }
    const target = { size: Infinity, sample: '' };
    for (const b of rootEl.querySelectorAll(targetSelector)) {
      if (!visible(b)) continue;
      const r = b.getBoundingClientRect();
      const size = Math.min(r.width, r.height);
      if (size < target.size) Object.assign(target, { size, sample: b.textContent!.trim() || b.getAttribute('name') || '' });
    }
    return { text, target, contrast };
  }, { rootSelector: root, targetSelector: targets });
}
