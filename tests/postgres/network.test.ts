import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type HallApp } from '../../server/app.ts';
import { ManualClock } from '../../server/clock.ts';
import { PgStore } from '../../server/store/pg/pg-store.ts';
import { PW_HASH, testConfig, THURSDAY_10AM } from '../support/config.ts';
import { Api, DIST } from '../support/harness.ts';
import { launchBrowser, openPage, pageErrors, screenshot } from '../support/browser.ts';
import { resolve } from 'node:path';
import { databaseUrl } from '../support/stores.ts';

/**
 * Two halls in one database of their own (so no other test's halls join the network),
 * each with its own traffic over two days; the network report must give each hall's
 * figures exactly as that hall's own report does, and totals that are their sums.
 */

interface Hall {
  app: HallApp;
  api: Api;
  manager: string;
}

const FROM = '2026-11-26';
const TO = '2026-11-27';

describe('network reports over two halls in one database', () => {
  let admin: pg.Client;
  let dbName: string;
  let url: string;
  const clock = new ManualClock(THURSDAY_10AM);
  const halls: Hall[] = [];
  let network: string;

  async function startHall(id: string, name: string): Promise<Hall> {
    const config = testConfig((c) => {
      c.hall.id = id;
      c.hall.name = name;
      c.staff.push({ id: 'n1', staffNo: '9100', name: '网络管理员', departmentId: 'scjg', role: 'network-manager', passwordHash: PW_HASH });
    });
    const app = await createApp({ config, store: new PgStore({ url, hallId: id, config }), clock, staticDir: DIST, logger: pino({ level: process.env.NETWORK_TEST_LOG ? 'error' : 'silent' }) });
    const api = new Api(`http://127.0.0.1:${(await app.listen(0)).port}`);
    return { app, api, manager: await api.login('9001') };
  }

  /** `served` visits finished at window 5, then `waiting` more tickets left in the queue. */
  async function traffic(h: Hall, served: number, waiting: number): Promise<void> {
    const clerk = await h.api.openWindow(5);
    for (let i = 0; i < served + waiting; i++) await h.api.issue('company');
    for (let i = 0; i < served; i++) {
      const t = (await h.api.post('/windows/w5/call-next', {}, clerk)).body.ticket;
      clock.advance(90_000);
      const done = await h.api.post('/windows/w5/finish', { outcome: i % 3 === 0 ? 'accepted' : 'completed' }, clerk);
      expect(done.status, t.number).toBe(200);
    }
    await h.api.post('/windows/w5/sign-out', {}, clerk).catch(() => undefined);
  }

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: databaseUrl() });
    await admin.connect();
    dbName = `hall_network_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${dbName}`);
    const u = new URL(databaseUrl());
    u.pathname = `/${dbName}`;
    url = u.toString();
    halls.push(await startHall('hall-a', '甲区政务服务大厅'), await startHall('hall-b', '乙区政务服务大厅'));
    await traffic(halls[0], 5, 2);
    await traffic(halls[1], 3, 1);
    clock.set('2026-11-27T10:00:00+08:00');
    for (const h of halls) await h.app.engine.ensureBusinessDate();
    for (const h of halls) h.manager = await h.api.login('9001');
    await traffic(halls[0], 2, 0);
    await traffic(halls[1], 4, 3);
    network = await halls[0].api.login('9100');
  });

  afterAll(async () => {
    for (const h of halls) await h.app.close();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  it('gives each hall the figures of its own report, and totals that are their sums', async () => {
    const r = await halls[0].api.get(`/reports/summary?from=${FROM}&to=${TO}&scope=network`, network);
    expect(r.status).toBe(200);
    expect(r.body.scope).toBe('network');
    expect(r.body.halls.map((h: { hallId: string }) => h.hallId)).toEqual(['hall-a', 'hall-b']);
    for (const [i, h] of halls.entries()) {
      const own = await h.api.get(`/reports/summary?from=${FROM}&to=${TO}`, h.manager);
      const { hallId: _id, name, ...inNetwork } = r.body.halls[i];
      expect(name).toBe(i === 0 ? '甲区政务服务大厅' : '乙区政务服务大厅');
      // The network compares the visits' figures; a hall's bad reviews and bookings are its own report's.
      const { reviews: _reviews, appointments: _bookings, ...visitFigures } = own.body;
      expect(inNetwork).toEqual(visitFigures);
    }
    const [a, b] = r.body.halls.map((h: { hall: Record<string, number> }) => h.hall);
    expect(a.issued).toBe(9);
    expect(b.issued).toBe(11);
    for (const k of ['issued', 'calls', 'served', 'ticketsServed', 'noShows', 'completed', 'accepted', 'cases', 'serviceLevelTickets']) expect(r.body.total[k], k).toBe(a[k] + b[k]);
    // Distributions over all the halls' visits.
    expect(r.body.total.waitSeconds.count).toBe(a.waitSeconds.count + b.waitSeconds.count);
    expect(r.body.total.waitSeconds.max).toBe(Math.max(a.waitSeconds.max, b.waitSeconds.max));
    expect(r.body.total.serviceSeconds.count).toBe(a.serviceSeconds.count + b.serviceSeconds.count);
    expect(r.body.total.serviceSeconds.median).toBe(90);
  });

  it('gives each hall its own attendance, as its managers see it', async () => {
    const r = await halls[1].api.get(`/reports/attendance?from=${FROM}&to=${TO}&scope=network`, await halls[1].api.login('9100'));
    expect(r.status).toBe(200);
    for (const [i, h] of halls.entries()) {
      const own = await h.api.get(`/reports/attendance?from=${FROM}&to=${TO}`, h.manager);
      const { hallId: _id, name: _name, ...inNetwork } = r.body.halls[i];
      expect(inNetwork).toEqual(own.body);
    }
  });

  it('exports the network report as CSV and as a workbook with a sheet for the halls and one per hall', async () => {
    const csv = await fetch(`${halls[0].api.url}/api/reports/summary?from=${FROM}&to=${TO}&scope=network&format=csv`, { headers: { authorization: `Bearer ${network}` } });
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain('甲区政务服务大厅');
    expect(text).toContain('乙区政务服务大厅');
    expect(text).toContain('全部大厅');
    const xlsx = await fetch(`${halls[0].api.url}/api/reports/summary?from=${FROM}&to=${TO}&scope=network&format=xlsx`, { headers: { authorization: `Bearer ${network}` } });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    expect(book.worksheets.map((w) => w.name)).toEqual(['各大厅', '甲区政务服务大厅', '乙区政务服务大厅']);
    const overview = book.getWorksheet('各大厅')!;
    expect(overview.getRow(4).getCell(2).value).toBe('全部大厅');
    expect(overview.getRow(4).getCell(3).value).toBe(20);
  });

  it('is for network managers only', async () => {
    const manager = await halls[0].api.get(`/reports/summary?from=${FROM}&to=${TO}&scope=network`, halls[0].manager);
    expect([manager.status, manager.body.error.code]).toEqual([403, 'WRONG_ROLE']);
    const clerk = await halls[0].api.login('1005');
    expect((await halls[0].api.get(`/reports/attendance?from=${FROM}&to=${TO}&scope=network`, clerk)).status).toBe(403);
    // A network manager reads their own hall's reports as a manager does.
    expect((await halls[0].api.get(`/reports/summary?from=${FROM}&to=${TO}`, network)).status).toBe(200);
  });

  it('in the manager view, a network manager picks all halls or one of them', async () => {
    const browser = await launchBrowser();
    try {
      const page = await openPage(browser, `${halls[0].api.url}/counter/`, { width: 1440, height: 900 });
      await page.fill('input[name=staffNo]', '9100');
      await page.fill('input[name=password]', 'pw');
      await page.click('button[type=submit]');
      await page.click('[data-view=report]');
      await page.click('.mgr-chip >> text=本周');
      await page.selectOption('[data-testid=report-scope]', 'network');
      await expect.poll(() => page.textContent('[data-testid=report-network] .mgr-stat__value'), { timeout: 10_000 }).toBe('20');
      const rows = await page.$$eval('.mgr-table--figures tbody th .mgr-cell-main', (els) => els.map((e) => e.textContent));
      expect(rows).toEqual(['甲区政务服务大厅', '乙区政务服务大厅']);
      expect(await page.textContent('.mgr-table--figures tfoot th')).toBe('全部大厅合计');
      await screenshot(page, `${resolve(process.env.SCREENSHOT_DIR ?? 'tests/.tmp/screenshots')}/manager-network.png`);
      await page.selectOption('[data-testid=report-scope]', 'hall:hall-b');
      await expect.poll(() => page.textContent('[data-testid=report-hall] .mgr-stat__value'), { timeout: 10_000 }).toBe('11');
      await page.selectOption('[data-testid=report-scope]', 'own');
      await expect.poll(() => page.textContent('[data-testid=report-hall] .mgr-stat__value'), { timeout: 10_000 }).toBe('9');
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
