import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DISPLAY_KEY, KIOSK_KEY } from './support/config.ts';
import { type ApiResponse, type Recorder, startHall, type TestHall } from './support/harness.ts';

/**
 * Random valid configuration edits mixed with a live day's traffic (SPEC §13): whatever
 * the managers change — services, windows, staff and devices added, renamed, moved or
 * removed, caps and hours changed — no request ever answers 5xx, the server never stops,
 * the screens keep their snapshots, and a restart comes back to the same configuration.
 */

type Config = Record<string, any>;
type Rand = () => number;

const LETTERS = 'ABCDEFGHJKMNPQRSTUVWXYZ';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- configurations as the API gives them
function pick(rand: Rand, list: readonly any[]): any {
  return list.length > 0 ? list[Math.floor(rand() * list.length)] : undefined;
}

/** One edit a manager might make, on the configuration as GET gives it. */
const EDITS: Array<(c: Config, rand: Rand, n: number) => void> = [
  (c, rand) => {
    const s = pick(rand, c.services);
    if (s) s.name = `${s.name.replace(/（.*）$/, '')}（${Math.floor(rand() * 100)}）`;
  },
  (c, rand) => {
    const s = pick(rand, c.services);
    if (s) s.dailyCap = rand() < 0.3 ? undefined : 1 + Math.floor(rand() * 40);
  },
  (c, _rand, n) => {
    const used = new Set(c.services.map((s: Config) => s.prefix));
    const prefix = [...LETTERS].find((l) => !used.has(l));
    if (!prefix) return;
    const id = `svc${n}`;
    c.services.push({ id, departmentId: c.departments[0].id, name: `新事项${n}`, prefix, targetWaitMinutes: 20, defaultServiceMinutes: 5 });
    c.windows[0].serviceIds.push(id);
  },
  (c, rand) => {
    // Remove a service (refused while it has tickets: IN_USE), with it from every window.
    const s = pick(rand, c.services);
    if (!s || c.services.length < 3) return;
    c.services = c.services.filter((x: Config) => x !== s);
    for (const w of c.windows) w.serviceIds = w.serviceIds.filter((id: string) => id !== s.id);
    c.windows = c.windows.filter((w: Config) => w.serviceIds.length > 0);
    const windows = new Set(c.windows.map((w: Config) => w.id));
    c.devices = c.devices.filter((d: Config) => !d.windowId || windows.has(d.windowId));
    for (const d of c.devices) if (d.show?.serviceIds) d.show.serviceIds = d.show.serviceIds.filter((id: string) => id !== s.id);
  },
  (c, rand, n) => {
    const numbers = new Set(c.windows.map((w: Config) => w.number));
    let number = 1;
    while (numbers.has(number)) number++;
    c.windows.push({ id: `win${n}`, number, name: `新窗口${number}`, serviceIds: [pick(rand, c.services)!.id] });
  },
  (c, rand) => {
    // Remove a window (refused while a clerk is signed in there: IN_USE), with its window display.
    const w = pick(rand, c.windows);
    if (!w || c.windows.length < 3) return;
    c.windows = c.windows.filter((x: Config) => x !== w);
    c.devices = c.devices.filter((d: Config) => d.windowId !== w.id);
    for (const d of c.devices) if (d.show?.windowIds) d.show.windowIds = d.show.windowIds.filter((id: string) => id !== w.id);
  },
  (c, rand) => {
    const w = pick(rand, c.windows);
    const s = pick(rand, c.services);
    if (w && s && !w.serviceIds.includes(s.id)) w.serviceIds.unshift(s.id);
  },
  (c, rand, n) => {
    c.staff.push({ id: `st${n}`, staffNo: `${5000 + n}`, name: `新员工${n}`, departmentId: pick(rand, c.departments)!.id, role: 'clerk' });
  },
  (c, rand) => {
    const s = pick(
      rand,
      c.staff.filter((x: Config) => x.role === 'clerk'),
    );
    if (s) s.disabled = !s.disabled;
  },
  (c, rand) => {
    const s = pick(
      rand,
      c.staff.filter((x: Config) => x.role === 'clerk'),
    );
    if (!s) return;
    c.staff = c.staff.filter((x: Config) => x !== s);
    for (const w of c.windows) if (w.staffIds) w.staffIds = w.staffIds.filter((id: string) => id !== s.id);
  },
  (c, _rand, n) => c.devices.push({ id: `dev${n}`, kind: 'kiosk', name: `取号机 ${n}` }),
  (c, rand) => {
    const d = pick(
      rand,
      c.devices.filter((x: Config) => x.kind === 'kiosk' && x.id !== 'kiosk-1'),
    );
    if (d) c.devices = c.devices.filter((x: Config) => x !== d);
  },
  (c, rand) => {
    c.hall.holidays = rand() < 0.5 ? [] : ['2026-12-31'];
    c.hall.lateGraceMinutes = Math.floor(rand() * 30);
    c.limits.staffSessionHours = 8 + Math.floor(rand() * 8);
  },
  (c, rand) => {
    const d = pick(rand, c.departments);
    if (d) d.name = `${d.name.replace(/\d+$/, '')}${Math.floor(rand() * 10)}`;
  },
];

function problem(what: string, r: ApiResponse): string | undefined {
  if (r.status >= 500) return `${what} → ${r.status} ${JSON.stringify(r.body)}`;
  if (r.status >= 400 && !r.body?.error?.code) return `${what} → ${r.status} without an error code`;
  return undefined;
}

async function fuzzDay(h: TestHall, seed: number, steps: number): Promise<string[]> {
  let state = seed >>> 0 || 1;
  const rand: Rand = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const problems: string[] = [];
  const note = (what: string, r: ApiResponse) => {
    const p = problem(what, r);
    if (p) problems.push(p);
    return r;
  };
  const manager = await h.api.login('9001');
  const tokens = new Map<string, string>();
  const outcomes = { saved: 0, refused: 0 };

  for (let step = 0; step < steps; step++) {
    const { body: current } = note('GET /admin/config', await h.api.get('/admin/config', manager));
    const config = current.config as Config;
    if (rand() < 0.35) {
      const edit = pick(rand, EDITS)!;
      edit(config, rand, step);
      const r = note(`PUT /admin/config (step ${step})`, await h.api.put('/admin/config', { version: current.version, config }, manager));
      if (r.status === 200) outcomes.saved++;
      else outcomes.refused++;
      continue;
    }
    // Traffic: issue, sign in, call, serve, transfer, sign out — at whatever the hall has now.
    const service = pick(rand, config.services);
    if (service) note('POST /tickets', await h.api.issue(service.id));
    const window = pick(rand, config.windows);
    const clerk = pick(
      rand,
      config.staff.filter((s: Config) => s.role === 'clerk' && !s.disabled && s.hasPassword),
    );
    if (!window || !clerk) continue;
    let token = tokens.get(clerk.id);
    if (!token) {
      const login = note('POST /auth/login', await h.api.post('/auth/login', { staffNo: clerk.staffNo, password: 'pw' }));
      if (login.status !== 200) continue;
      token = login.body.token as string;
      tokens.set(clerk.id, token);
    }
    const w = `/windows/${window.id}`;
    const x = rand();
    if (x < 0.25) note(`sign-in ${window.id}`, await h.api.post(`${w}/sign-in`, {}, token));
    else if (x < 0.5) note(`call-next ${window.id}`, await h.api.post(`${w}/call-next`, {}, token));
    else if (x < 0.7) note(`finish ${window.id}`, await h.api.post(`${w}/finish`, { outcome: 'completed' }, token));
    else if (x < 0.8) note(`transfer ${window.id}`, await h.api.post(`${w}/transfer`, { serviceId: pick(rand, config.services)!.id }, token));
    else if (x < 0.9) note(`sign-out ${window.id}`, await h.api.post(`${w}/sign-out`, {}, token));
    else note(`GET ${w}`, await h.api.get(w, token));
    if (rand() < 0.2) tokens.delete(clerk.id);
  }
  for (const path of ['/hall', '/health', '/reports/summary?from=2026-11-26&to=2026-11-26', '/reports/attendance?from=2026-11-26&to=2026-11-26', '/manager/dashboard', '/admin/audit']) {
    note(`GET ${path}`, await h.api.get(path, manager));
  }
  if (outcomes.saved < steps / 10) problems.push(`too few edits were saved to test anything: ${JSON.stringify(outcomes)}`);
  return problems;
}

describe('configuration edits mixed with a live day', () => {
  it('never answer 5xx, never stop the server, keep the screens fed, and survive a restart', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
        const h = await startHall();
        let display: Recorder | undefined;
        let kiosk: Recorder | undefined;
        try {
          display = await h.socket({ key: DISPLAY_KEY });
          kiosk = await h.socket({ key: KIOSK_KEY });
          const problems = await fuzzDay(h, seed, 120);
          expect(problems, `seed ${seed}`).toEqual([]);
          // The screens that were not revoked are still fed; the hall screen's last snapshot names the current windows.
          const hall = (await h.api.get('/hall')).body;
          if (display.socket.connected) await display.waitFor('hall:snapshot', (s) => JSON.stringify(s.windows.map((w) => w.id)) === JSON.stringify(hall.windows.map((w: Config) => w.id)), 2000);
          expect(kiosk.socket.connected).toBe(true);

          const before = (await h.api.get('/admin/config', await h.api.login('9001'))).body;
          await h.stop();
          const again = await startHall({ dataDir: h.dataDir, clock: h.clock });
          try {
            const after = (await again.api.get('/admin/config', await again.api.login('9001'))).body;
            expect(after).toEqual(before);
            expect((await again.api.get('/hall')).status).toBe(200);
          } finally {
            await again.close();
          }
        } finally {
          await h.close();
        }
      }),
      { numRuns: 3 },
    );
  });
});
