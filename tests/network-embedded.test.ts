import { afterEach, describe, expect, it } from 'vitest';
import { PW_HASH, testConfig } from './support/config.ts';
import { startHall, type TestHall } from './support/harness.ts';

describe('network reports on the embedded store', () => {
  let h: TestHall | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('refuses scope=network with 400 NETWORK_NEEDS_DATABASE: one hall’s files hold no other hall', async () => {
    h = await startHall({ config: testConfig((c) => void c.staff.push({ id: 'n1', staffNo: '9100', name: '网络管理员', departmentId: 'scjg', role: 'network-manager', passwordHash: PW_HASH })) });
    const network = await h.api.login('9100');
    for (const path of ['/reports/summary', '/reports/attendance']) {
      const r = await h.api.get(`${path}?from=2026-11-26&to=2026-11-26&scope=network`, network);
      expect([r.status, r.body.error.code]).toEqual([400, 'NETWORK_NEEDS_DATABASE']);
    }
    expect((await h.api.get('/reports/summary?from=2026-11-26&to=2026-11-26', network)).status).toBe(200);
  });
});
