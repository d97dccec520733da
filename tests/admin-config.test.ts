import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DISPLAY_KEY, KIOSK_KEY, PASSWORD, testConfig, WINDOW5_KEY } from './support/config.ts';
import { type ApiResponse, openSocket, startHall, type TestHall } from './support/harness.ts';
import { findLeaks } from './support/probes.ts';

/**
 * The hall's configuration edited live through the API (SPEC §13): versioned, refused with
 * a reason when it would strand live work or races another save, seen by every screen at
 * once, kept across a restart, and written in the audit trail.
 */

let h: TestHall;
afterEach(async () => {
  await h?.close();
});

type Config = Record<string, any>;

async function manager(): Promise<string> {
  return h.api.login('9001');
}

async function current(token: string): Promise<{ version: number; config: Config }> {
  const r = await h.api.get('/admin/config', token);
  expect(r.status).toBe(200);
  return r.body;
}

/** Edit the configuration as a manager's screen would: read it, change it, save it on its version. */
async function edit(token: string, change: (c: Config) => void): Promise<ApiResponse> {
  const { version, config } = await current(token);
  change(config);
  return h.api.put('/admin/config', { version, config }, token);
}

function expectError(r: ApiResponse, status: number, code: string, field?: string): void {
  expect({ status: r.status, code: r.body?.error?.code, ...(field ? { field: r.body?.error?.field } : {}) }).toEqual({ status, code, ...(field ? { field } : {}) });
}

describe('GET and PUT /api/admin/config', () => {
  it('gives the configuration with its version and no secret in it', async () => {
    h = await startHall();
    const token = await manager();
    const r = await h.api.get('/admin/config', token);
    expect(r.status).toBe(200);
    expect(r.body.version).toBe(1);
    expect(r.body.config.services.map((s: { id: string }) => s.id)).toContain('company');
    const secrets = [...testConfig().staff.map((s) => s.passwordHash), ...testConfig().devices.map((d) => d.key)];
    expect(findLeaks(r.body, { keys: ['passwordHash', 'key'], values: secrets })).toEqual([]);
    expect(r.body.config.staff.every((s: { hasPassword: boolean }) => s.hasPassword)).toBe(true);
  });

  it('refuses a clerk (403), nobody (401) and a device (403)', async () => {
    h = await startHall();
    const clerk = await h.api.login('1005');
    expectError(await h.api.get('/admin/config', clerk), 403, 'WRONG_ROLE');
    expectError(await h.api.put('/admin/config', { version: 1, config: {} }, clerk), 403, 'WRONG_ROLE');
    expectError(await h.api.get('/admin/audit', clerk), 403, 'WRONG_ROLE');
    expectError(await h.api.post('/admin/devices/kiosk-1/key', {}, clerk), 403, 'WRONG_ROLE');
    expectError(await h.api.post('/admin/staff/c5/password', { password: 'a-new-password' }, clerk), 403, 'WRONG_ROLE');
    expectError(await h.api.get('/admin/config'), 401, 'UNAUTHENTICATED');
    expectError(await h.api.get('/admin/config', KIOSK_KEY), 403, 'WRONG_ROLE');
  });

  it('names the field of an invalid configuration (400) and changes nothing', async () => {
    h = await startHall();
    const token = await manager();
    const r = await edit(token, (c) => (c.services[1].prefix = 'b1'));
    expectError(r, 400, 'INVALID_INPUT', 'services[1].prefix');
    expect(r.body.error.message).toContain('capital letters');
    expectError(await edit(token, (c) => (c.windows[0].serviceIds = ['nope'])), 400, 'INVALID_INPUT', 'windows[0].serviceIds[0]');
    expectError(await edit(token, (c) => (c.hall.id = 'another-hall')), 400, 'INVALID_INPUT', 'hall.id');
    expectError(await h.api.put('/admin/config', { version: 'one', config: {} }, token), 400, 'INVALID_INPUT', 'version');
    expect((await current(token)).version).toBe(1);
  });

  it('applies a change at once: a connected kiosk sees it within a second, with no restart', async () => {
    h = await startHall();
    const token = await manager();
    const kiosk = await h.socket({ key: KIOSK_KEY });
    await kiosk.waitFor('hall:snapshot');
    kiosk.clear();
    const started = Date.now();
    const r = await edit(token, (c) => {
      c.services.find((s: Config) => s.id === 'company').name = '企业开办（一窗通办）';
      c.services.find((s: Config) => s.id === 'household').dailyCap = 50;
    });
    expect(r.status).toBe(200);
    expect(r.body.version).toBe(2);
    const hall = await kiosk.waitFor('hall:snapshot', (x) => x.services.some((s) => s.name === '企业开办（一窗通办）'), 1000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(hall.services.find((s) => s.id === 'company')!.name).toBe('企业开办（一窗通办）');
    // The raised cap is in force: household (cap 3 in the file) issues a fourth ticket.
    for (let i = 0; i < 4; i++) expect((await h.api.issue('household')).status).toBe(201);
    expect((await h.api.get('/hall')).body.services.find((s: Config) => s.id === 'company').name).toBe('企业开办（一窗通办）');
  });

  it('refuses a save made on an older version with 409 VERSION_CONFLICT and the newer version', async () => {
    h = await startHall();
    const a = await manager();
    const b = await h.api.login('9001');
    const seen = await current(b);
    expect((await edit(a, (c) => (c.hall.lateGraceMinutes = 10))).status).toBe(200);
    seen.config.hall.lateGraceMinutes = 15;
    const r = await h.api.put('/admin/config', seen, b);
    expectError(r, 409, 'VERSION_CONFLICT');
    expect(r.body.current.version).toBe(2);
    expect(r.body.current.config.hall.lateGraceMinutes).toBe(10);
    expect(findLeaks(r.body, { keys: ['passwordHash', 'key'], values: [] })).toEqual([]);
    expect((await current(a)).config.hall.lateGraceMinutes).toBe(10);
  });

  it('refuses with 409 IN_USE what would strand live work: a service with tickets waiting, a window with a clerk, a clerk at a window', async () => {
    h = await startHall();
    const token = await manager();
    await h.api.issue('property');
    const r1 = await edit(token, (c) => {
      c.services = c.services.filter((s: Config) => s.id !== 'property');
      for (const w of c.windows) w.serviceIds = w.serviceIds.filter((s: string) => s !== 'property');
      c.windows = c.windows.filter((w: Config) => w.serviceIds.length > 0);
    });
    expectError(r1, 409, 'IN_USE', 'services');
    expect(r1.body.error.message).toContain('不动产登记');

    await h.api.openWindow(5);
    const r2 = await edit(token, (c) => {
      c.windows = c.windows.filter((w: Config) => w.id !== 'w5');
      c.devices = c.devices.filter((d: Config) => d.windowId !== 'w5');
    });
    expectError(r2, 409, 'IN_USE', 'windows');
    expect(r2.body.error.message).toContain('5 号窗口');
    expectError(await edit(token, (c) => (c.staff = c.staff.filter((s: Config) => s.id !== 'c5'))), 409, 'IN_USE', 'staff');
    expect((await current(token)).version).toBe(1);
  });

  it('keeps a change across a restart, and writes who changed what in the audit trail', async () => {
    h = await startHall();
    const token = await manager();
    expect((await edit(token, (c) => (c.hall.name = '滨江市民中心'))).status).toBe(200);
    await h.stop();
    h = await startHall({ dataDir: h.dataDir, clock: h.clock });
    const again = await manager();
    const { version, config } = await current(again);
    expect({ version, name: config.hall.name }).toEqual({ version: 2, name: '滨江市民中心' });
    expect((await h.api.get('/hall')).body.name).toBe('滨江市民中心');

    const audit = await h.api.get('/admin/audit', again);
    expect(audit.status).toBe(200);
    const [latest, first] = audit.body.entries;
    expect(latest).toMatchObject({ version: 2, source: 'manager', staffId: 'm1', staffName: '郑主任', changes: ['设置 hall.name：滨江市政务服务中心 → 滨江市民中心'] });
    expect(first).toMatchObject({ version: 1, source: 'file' });
  });

  it('takes a changed hall file at start, and leaves the live changes alone while the file stays the same', async () => {
    h = await startHall();
    const token = await manager();
    expect((await edit(token, (c) => (c.hall.lateGraceMinutes = 9))).status).toBe(200);
    await h.stop();
    // The same file: the manager's change stays.
    h = await startHall({ dataDir: h.dataDir, clock: h.clock });
    expect((await current(await manager())).config.hall.lateGraceMinutes).toBe(9);
    await h.stop();
    // A changed file is the administrator's word: it is taken, and audited as the file's.
    h = await startHall({ dataDir: h.dataDir, clock: h.clock, config: testConfig((c) => (c.hall.name = '新大厅名称')) });
    const after = await current(await manager());
    expect({ version: after.version, name: after.config.hall.name, grace: after.config.hall.lateGraceMinutes }).toEqual({ version: 3, name: '新大厅名称', grace: 5 });
    const audit = (await h.api.get('/admin/audit', await manager())).body.entries;
    expect(audit[0]).toMatchObject({ version: 3, source: 'file' });
  });
});

describe('staff and devices', () => {
  it('adds a clerk who logs in once a password is set; disabling ends their sessions at once', async () => {
    h = await startHall();
    const token = await manager();
    const r = await edit(token, (c) => c.staff.push({ id: 'c99', staffNo: '1099', name: '新同事', departmentId: 'scjg', role: 'clerk' }));
    expect(r.status).toBe(200);
    expect((await current(token)).config.staff.find((s: Config) => s.id === 'c99').hasPassword).toBe(false);
    expectError(await h.api.post('/auth/login', { staffNo: '1099', password: 'first-password' }), 401, 'BAD_CREDENTIALS');
    expectError(await h.api.post('/admin/staff/c99/password', { password: 'short' }, token), 400, 'INVALID_INPUT', 'password');
    expectError(await h.api.post('/admin/staff/nobody/password', { password: 'first-password' }, token), 404, 'NOT_FOUND');
    expect((await h.api.post('/admin/staff/c99/password', { password: 'first-password' }, token)).status).toBe(200);
    expect((await current(token)).config.staff.find((s: Config) => s.id === 'c99').hasPassword).toBe(true);
    const login = await h.api.post('/auth/login', { staffNo: '1099', password: 'first-password' });
    expect(login.status).toBe(200);
    const clerk = login.body.token as string;
    expect((await h.api.post('/windows/w6/sign-in', {}, clerk)).status).toBe(200);
    const socket = await h.socket({ token: clerk });
    await socket.waitFor('hall:snapshot');
    const gone = new Promise<string>((resolve) => socket.socket.on('disconnect', resolve));

    expect((await edit(token, (c) => (c.staff.find((s: Config) => s.id === 'c99').disabled = true))).status).toBe(200);
    expect(await gone).toBe('io server disconnect');
    expectError(await h.api.get('/auth/me', clerk), 401, 'UNAUTHENTICATED');
    expectError(await h.api.post('/auth/login', { staffNo: '1099', password: 'first-password' }), 403, 'ACCOUNT_DISABLED');
    // Their window closed with them, and their attendance says when.
    expect((await h.api.get('/hall')).body.windows.find((w: Config) => w.id === 'w6').status).toBe('closed');
    expect(Object.values(h.hall.engine.data.attendance).some((a) => a.staffId === 'c99' && a.kind === 'sign-out')).toBe(true);
  });

  it('gives a new device its key once; a new key or a revoke lets the old one go at once (本设备未授权)', async () => {
    h = await startHall();
    const token = await manager();
    const r = await edit(token, (c) => c.devices.push({ id: 'kiosk-9', kind: 'kiosk', name: '取号机 9' }));
    expect(r.status).toBe(200);
    const key = r.body.keys['kiosk-9'] as string;
    expect(key).toMatch(/^[A-Za-z0-9_-]{24,}$/);
    expect(JSON.stringify(await current(token))).not.toContain(key);
    expect((await h.api.issue('company', { key })).status).toBe(201);

    const kiosk = await h.socket({ key });
    const renewed = new Promise<string>((resolve) => kiosk.socket.on('disconnect', resolve));
    const fresh = await h.api.post('/admin/devices/kiosk-9/key', {}, token);
    expect(fresh.status).toBe(200);
    expect(await renewed).toBe('io server disconnect');
    expectError(await h.api.issue('company', { key }), 401, 'UNAUTHENTICATED');
    await expect(openSocket(h.url, { key })).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
    expect((await h.api.issue('company', { key: fresh.body.key })).status).toBe(201);

    // Revoked: removed from the hall, its screen is let go and refused from then on.
    const display = await h.socket({ key: DISPLAY_KEY });
    await display.waitFor('hall:snapshot');
    const revoked = new Promise<string>((resolve) => display.socket.on('disconnect', resolve));
    expect((await edit(token, (c) => (c.devices = c.devices.filter((d: Config) => d.id !== 'wall')))).status).toBe(200);
    expect(await revoked).toBe('io server disconnect');
    await expect(openSocket(h.url, { key: DISPLAY_KEY })).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
    // Another device's screen stays connected through all of it.
    const pad = await h.socket({ key: WINDOW5_KEY });
    await pad.waitFor('window:snapshot');
    expect(pad.socket.connected).toBe(true);
    const audit = (await h.api.get('/admin/audit', token)).body.entries.flatMap((e: Config) => e.changes);
    expect(audit).toContain('设备「取号机 9」 密钥已更换');
    expect(JSON.stringify(audit)).not.toContain(key);
  });
});

describe('what stored data refers to keeps rendering after any change', () => {
  it('a window that served today, removed: the hall answers, the recent calls and the phone page keep its number', async () => {
    h = await startHall();
    const token = await manager();
    const t = (await h.api.issue('trader')).body.ticket;
    const clerk = await h.api.openWindow(1);
    await h.api.post('/windows/w1/call-next', {}, clerk);
    await h.api.post('/windows/w1/finish', { outcome: 'completed' }, clerk);
    await h.api.post('/windows/w1/sign-out', {}, clerk);
    const display = await h.socket({ key: DISPLAY_KEY });
    await display.waitFor('hall:snapshot');
    display.clear();

    const removed = await edit(token, (c) => {
      c.windows = c.windows.filter((w: Config) => w.id !== 'w1');
      c.devices = c.devices.filter((d: Config) => d.windowId !== 'w1');
    });
    expect(removed.status).toBe(200);
    const hall = await display.waitFor('hall:snapshot');
    expect(hall.windows.some((w) => w.id === 'w1')).toBe(false);
    expect(hall.recentCalls.find((c) => c.number === t.number)).toMatchObject({ windowNumber: 1, windowName: '企业开办' });
    const page = await h.api.get(`/tickets/${t.id}?token=${new URL(t.statusUrl).searchParams.get('token')}`);
    expect(page.status).toBe(200);
    expect(page.body.ticket.visits[0]).toMatchObject({ windowNumber: 1, windowName: '企业开办' });
    expect((await h.api.get('/hall')).status).toBe(200);
    const report = await h.api.get('/reports/summary?from=2026-11-26&to=2026-11-26', token);
    expect(report.status).toBe(200);
    expect(report.body.hall.served).toBe(1);
    // The report keeps the removed window's row, by its number, since it worked in the period.
    expect(report.body.windows.find((w: Config) => w.id === 'w1')).toMatchObject({ number: 1, name: '企业开办', served: 1, retired: true });
    expect(report.body.zeroVolume.windows.some((w: Config) => w.id === 'w1')).toBe(false);
  });
});

describe('npm run config -- export | import', () => {
  const run = (args: string[], env: Record<string, string>) =>
    new Promise<{ code: number; out: string; err: string }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', 'scripts/config.ts', ...args], { env: { ...process.env, ...env } }, (error, out, err) => resolve({ code: error ? Number(error.code ?? 1) : 0, out, err }));
    });

  it('exports the configuration, and imports an edited file through the same checks, audited as an import', async () => {
    h = await startHall();
    const dir = await mkdtemp(join(tmpdir(), 'hall-config-'));
    try {
      const env = { HALL_URL: h.url, HALL_STAFF_NO: '9001', HALL_PASSWORD: PASSWORD };
      const file = join(dir, 'hall.json');
      expect(await run(['export', file], env)).toMatchObject({ code: 0 });
      const exported = JSON.parse(await readFile(file, 'utf8'));
      expect(exported.$version).toBe(1);
      expect(JSON.stringify(exported)).not.toContain(KIOSK_KEY);

      exported.services.find((s: Config) => s.id === 'forestry').dailyCap = 12;
      exported.devices.push({ id: 'kiosk-3', kind: 'kiosk', name: '取号机 3' });
      await writeFile(file, JSON.stringify(exported));
      const imported = await run(['import', file], env);
      expect(imported.code).toBe(0);
      expect(imported.out).toContain('imported: version 2');
      const key = /kiosk-3: key (\S+)/.exec(imported.out)?.[1];
      expect((await h.api.issue('forestry', { key })).status).toBe(201);
      const token = await manager();
      expect((await current(token)).config.services.find((s: Config) => s.id === 'forestry').dailyCap).toBe(12);
      expect((await h.api.get('/admin/audit', token)).body.entries[0]).toMatchObject({ version: 2, source: 'import', staffId: 'm1' });

      // The same file again is now out of date: refused, not applied over version 2.
      exported.hall.name = '不该生效';
      await writeFile(file, JSON.stringify(exported));
      const stale = await run(['import', file], env);
      expect(stale.code).toBe(1);
      expect(stale.err).toContain('VERSION_CONFLICT');
      // And a bad field is named.
      exported.$version = 2;
      exported.services[0].prefix = 'a';
      await writeFile(file, JSON.stringify(exported));
      expect((await run(['import', file], env)).err).toContain('INVALID_INPUT (services[0].prefix)');
      expect((await current(token)).version).toBe(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
