import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallConfigInput } from '../shared/config-schema.ts';
import type { ErrorCode } from '../shared/errors.ts';
import type { NetworkSlipPrinter } from '../server/printing/printer.ts';
import { DISPLAY_KEY, KIOSK_KEY, NO_SHOW_WAIT_MS, testConfig, WINDOW5_KEY } from './support/config.ts';
import { type ApiResponse, type Recorder, startHall, type TestHall } from './support/harness.ts';
import { countCommits, errorShapeProblem, findLeaks, rawRequest, tryHandshake } from './support/probes.ts';

/**
 * SPEC §5 and §8: nothing changes without a credential of the right kind, and each
 * audience gets only what it needs. The matrix below is every HTTP endpoint × every kind
 * of credential, each cell the status (and code, when refused) the server must answer;
 * every refusal must also leave the store untouched. Then the same for sockets: who may
 * connect, and what each audience hears while a small day goes by.
 */

const WINDOW1_KEY = 'window1-key-00000001';
const KIOSK2_KEY = 'kiosk-key-0000000002';

/** These suites open more sockets than a real screen would in a minute. */
function raiseHandshakeLimit(c: HallConfigInput, perMinute = 100_000): void {
  // A limit the lead is adding to the schema; set loosely so this compiles before and after.
  Object.assign(c.limits as object, { socketHandshakePerMinutePerAddress: perMinute });
}

// ---- Credentials: the columns of the matrix -------------------------------------------

const CREDS = [
  'none',
  'kiosk',
  'hallDisplay',
  'windowDisplay',
  'otherWindowDisplay',
  'clerkHere',
  'clerkIdle',
  'clerkElsewhere',
  'clerkOtherDept',
  'manager',
  'ownTicket',
  'otherTicket',
] as const;
type Cred = (typeof CREDS)[number];

const CRED_NAMES: Record<Cred, string> = {
  none: 'no credential',
  kiosk: 'kiosk key',
  hallDisplay: 'hall display key',
  windowDisplay: "w5's window-display key",
  otherWindowDisplay: "w1's window-display key",
  clerkHere: 'clerk c5 (scjg) signed in at w5',
  clerkIdle: 'clerk c6 (scjg) signed in nowhere',
  clerkElsewhere: 'clerk c1 (scjg) signed in at w1',
  clerkOtherDept: 'clerk c2 (ga) signed in nowhere',
  manager: 'manager m1 (scjg) signed in nowhere',
  ownTicket: "the ticket's own token",
  otherTicket: "another ticket's token",
};

interface StaffCred {
  id: string;
  staffNo: string;
  departmentId: string;
}
const STAFF: Partial<Record<Cred, StaffCred>> = {
  clerkHere: { id: 'c5', staffNo: '1005', departmentId: 'scjg' },
  clerkIdle: { id: 'c6', staffNo: '1006', departmentId: 'scjg' },
  clerkElsewhere: { id: 'c1', staffNo: '1001', departmentId: 'scjg' },
  clerkOtherDept: { id: 'c2', staffNo: '1002', departmentId: 'ga' },
  manager: { id: 'm1', staffNo: '9001', departmentId: 'scjg' },
};
const DEVICE_KEYS: Partial<Record<Cred, string>> = {
  kiosk: KIOSK_KEY,
  hallDisplay: DISPLAY_KEY,
  windowDisplay: WINDOW5_KEY,
  otherWindowDisplay: WINDOW1_KEY,
};

// ---- Expected answers: the cells ------------------------------------------------------

type Refusal = readonly [status: number, code: ErrorCode];
type Expect = 200 | 201 | Refusal;

const U: Refusal = [401, 'UNAUTHENTICATED'];
const R: Refusal = [403, 'WRONG_ROLE'];
const F: Refusal = [403, 'FORBIDDEN'];
const NSI: Refusal = [409, 'NOT_SIGNED_IN'];
const WW: Refusal = [403, 'WRONG_WINDOW'];
const NA: Refusal = [403, 'WINDOW_NOT_ALLOWED'];
const OCC: Refusal = [409, 'WINDOW_OCCUPIED'];
const ASI: Refusal = [409, 'ALREADY_SIGNED_IN'];
const TNF: Refusal = [404, 'TICKET_NOT_FOUND'];
/** A ticket route without `?token=`. */
const NOTOKEN: Refusal = [400, 'INVALID_INPUT'];

interface Holder {
  id: string;
  number: string;
  token: string;
}

interface CellContext {
  w: World;
  cred: Cred;
  auth?: string;
}

interface Row {
  endpoint: string;
  /** One answer per credential, in the order of CREDS. */
  expect: readonly Expect[];
  method: 'GET' | 'POST';
  path: (w: World) => string;
  body?: (w: World) => unknown;
  /** A ticket-holder route: ticket tokens go in `?token=`, for this ticket. */
  holder?: 'waiting' | 'ratable';
  /** Brings the hall to the state this endpoint acts on (run before every cell). */
  arrange?: (w: World) => Promise<void>;
  cleanup?: (w: World) => Promise<void>;
  /** Staff columns use a session of their own (logout ends it). */
  freshSessions?: boolean;
  /** More checks of an accepted answer. */
  check?: (r: ApiResponse, c: CellContext) => void | Promise<void>;
}

const windowAction = (action: string, arrange: (w: World) => Promise<void>, body?: (w: World) => unknown): Row => ({
  endpoint: `POST /api/windows/w5/${action}`,
  //       none kiosk hall wdHere wdOther clerkHere idle elsewhere otherDept manager ownTkt otherTkt
  expect: [U, R, R, R, R, 200, NSI, WW, NSI, NSI, U, U],
  method: 'POST',
  path: () => `/windows/w5/${action}`,
  body,
  arrange,
});

const managerOnly = (endpoint: string, path: (w: World) => string, extra: Partial<Row> = {}): Row => ({
  endpoint,
  //       none kiosk hall wdHere wdOther clerkHere idle elsewhere otherDept manager ownTkt otherTkt
  expect: [U, R, R, R, R, R, R, R, R, 200, U, U],
  method: 'GET',
  path,
  ...extra,
});

/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked field by field */
const MATRIX: Row[] = [
  //                                                none kiosk hall wdHere wdOther clerkHere idle elsewhere otherDept manager ownTkt otherTkt
  { endpoint: 'GET /api/health', expect: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200], method: 'GET', path: () => '/health' },
  { endpoint: 'GET /api/hall', expect: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200], method: 'GET', path: () => '/hall' },
  {
    endpoint: 'POST /api/tickets',
    expect: [U, 201, R, R, R, R, R, R, R, R, U, U],
    method: 'POST',
    path: () => '/tickets',
    body: () => ({ serviceId: 'company' }),
    check: (r) => expect(r.body.ticket.statusUrl).toMatch(/token=/),
  },
  {
    endpoint: 'GET /api/tickets/:id?token=',
    expect: [NOTOKEN, NOTOKEN, NOTOKEN, NOTOKEN, NOTOKEN, NOTOKEN, NOTOKEN, NOTOKEN, NOTOKEN, NOTOKEN, 200, TNF],
    method: 'GET',
    holder: 'waiting',
    path: (w) => `/tickets/${w.own.id}`,
    arrange: (w) => w.waitingHolder(),
    check: (r, { w }) => {
      expect(r.body.ticket.id).toBe(w.own.id);
      expect(findLeaks(r.body, { values: [w.own.token, w.other.token], keys: ['token', 'staffToday'] })).toEqual([]);
    },
  },
  {
    endpoint: 'POST /api/tickets/:id/cancel?token=',
    expect: [NOTOKEN, NOTOKEN, NOTOKEN, NOTOKEN, NOTOKEN, NOTOKEN, NOTOKEN, NOTOKEN, NOTOKEN, NOTOKEN, 200, TNF],
    method: 'POST',
    holder: 'waiting',
    path: (w) => `/tickets/${w.own.id}/cancel`,
    arrange: (w) => w.waitingHolder(),
    check: (r) => expect(r.body.ticket.status).toBe('cancelled'),
  },
  {
    endpoint: 'POST /api/tickets/:id/rating?token=',
    expect: [NOTOKEN, NOTOKEN, NOTOKEN, NOTOKEN, NOTOKEN, NOTOKEN, NOTOKEN, NOTOKEN, NOTOKEN, NOTOKEN, 201, TNF],
    method: 'POST',
    holder: 'ratable',
    path: (w) => `/tickets/${w.ratable.id}/rating`,
    body: () => ({ score: 5 }),
    arrange: (w) => w.ratableHolder(),
  },
  {
    endpoint: 'POST /api/auth/login',
    expect: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    method: 'POST',
    path: () => '/auth/login',
    body: () => ({ staffNo: '1007', password: 'pw' }),
    check: (r) => {
      expect(typeof r.body.token).toBe('string');
      expect(r.body.staff.id).toBe('c7');
    },
  },
  {
    endpoint: 'POST /api/auth/logout',
    expect: [U, R, R, R, R, 200, 200, 200, 200, 200, U, U],
    method: 'POST',
    path: () => '/auth/logout',
    freshSessions: true,
    check: async (r, { w, auth }) => {
      expect((await w.api.get('/auth/me', auth)).status).toBe(401);
    },
  },
  {
    endpoint: 'GET /api/auth/me',
    expect: [U, R, R, R, R, 200, 200, 200, 200, 200, U, U],
    method: 'GET',
    path: () => '/auth/me',
    check: (r, { cred }) => expect(r.body.staff.id).toBe(STAFF[cred]!.id),
  },
  {
    endpoint: 'GET /api/windows/w5',
    expect: [U, F, F, 200, F, 200, F, F, F, 200, U, U],
    method: 'GET',
    path: () => '/windows/w5',
    arrange: (w) => w.w5Called(),
    check: (r, { w, cred }) => {
      expect(r.body.window.id).toBe('w5');
      expect(r.body.current?.number).toBeDefined();
      // The screen above the window is public: no clerk's figures on it, no ticket's id or token.
      const current = w.data.tickets[w.data.windows.w5!.currentTicketId!];
      if (cred === 'windowDisplay') expect(findLeaks(r.body, { keys: ['staffToday', 'token'], values: [current.id, current.token] })).toEqual([]);
    },
  },
  {
    endpoint: 'POST /api/windows/w5/sign-in (w5 held by c5)',
    expect: [U, R, R, R, R, 200, OCC, OCC, NA, OCC, U, U],
    method: 'POST',
    path: () => '/windows/w5/sign-in',
    arrange: (w) => w.w5Idle(),
  },
  {
    endpoint: 'POST /api/windows/w7/sign-in (free, scjg)',
    expect: [U, R, R, R, R, ASI, 200, ASI, NA, 200, U, U],
    method: 'POST',
    path: () => '/windows/w7/sign-in',
    cleanup: (w) => w.free('w7'),
  },
  {
    endpoint: 'POST /api/windows/w4/sign-in (free, 综合窗口 of no department)',
    expect: [U, R, R, R, R, ASI, 200, ASI, 200, 200, U, U],
    method: 'POST',
    path: () => '/windows/w4/sign-in',
    cleanup: (w) => w.free('w4'),
  },
  windowAction('sign-out', (w) => w.w5Idle()),
  windowAction('pause', (w) => w.w5Idle(), () => ({ reason: 'break' })),
  windowAction('resume', (w) => w.w5Paused()),
  windowAction('call-next', (w) => w.w5Idle()),
  windowAction('call', (w) => w.waitingNumber(), (w) => ({ number: w.number })),
  windowAction('requeue', (w) => w.noShowNumber(), (w) => ({ number: w.number })),
  windowAction('recall', (w) => w.w5Called()),
  windowAction('start', (w) => w.w5Called()),
  windowAction('no-show', (w) => w.w5Called()),
  windowAction('finish', (w) => w.w5Called(), () => ({ outcome: 'completed' })),
  windowAction('transfer', (w) => w.w5Called(), () => ({ serviceId: 'trader' })),
  {
    endpoint: 'POST /api/windows/w5/rating',
    expect: [U, R, R, 201, F, R, R, R, R, R, U, U],
    method: 'POST',
    path: () => '/windows/w5/rating',
    body: (w) => ({ visitId: w.padVisitId, score: 5 }),
    arrange: (w) => w.padRatable(),
  },
  {
    endpoint: 'GET /api/cases?status=pending',
    expect: [U, R, R, R, R, 200, 200, 200, 200, 200, U, U],
    method: 'GET',
    path: () => '/cases?status=pending',
    arrange: (w) => w.pendingCase(),
    check: (r, { cred }) => {
      // Own department only, managers included; the hall has pending cases of scjg and zrzy.
      const departments = new Set(r.body.cases.map((c: { departmentId: string }) => c.departmentId));
      expect([...departments]).toEqual(STAFF[cred]!.departmentId === 'scjg' ? ['scjg'] : []);
    },
  },
  {
    endpoint: 'POST /api/cases/:ticketId/complete (a scjg case)',
    expect: [U, R, R, R, R, 200, 200, 200, F, 200, U, U],
    method: 'POST',
    path: (w) => `/cases/${w.caseId}/complete`,
    arrange: (w) => w.pendingCase(),
  },
  managerOnly('GET /api/reports/summary', () => '/reports/summary?from=2026-11-26&to=2026-11-26'),
  managerOnly('GET /api/reports/attendance', () => '/reports/attendance?from=2026-11-26&to=2026-11-26'),
  managerOnly('GET /api/reports/hourly', () => '/reports/hourly?date=2026-11-26'),
  managerOnly('GET /api/reviews?status=open', () => '/reviews?status=open'),
  managerOnly('POST /api/reviews/:id/resolve', (w) => `/reviews/${w.reviewId}/resolve`, {
    method: 'POST',
    body: () => ({ note: '已电话回访，群众表示理解' }),
    arrange: (w) => w.openReview(),
  }),
  managerOnly('GET /api/manager/dashboard', () => '/manager/dashboard'),
  managerOnly('GET /api/admin/config', () => '/admin/config', {
    check: (r, { w }) => expect(findLeaks(r.body, { keys: ['passwordHash', 'key'], values: w.h.hall.engine.config.devices.map((d) => d.key) })).toEqual([]),
  }),
  managerOnly('GET /api/admin/audit', () => '/admin/audit'),
  managerOnly('GET /api/admin/outbox', () => '/admin/outbox'),
  managerOnly('GET /api/appointments?date=', () => '/appointments?date=2026-11-26'),
  managerOnly('GET /api/reports/bulletin', () => '/reports/bulletin?from=2026-11-26&to=2026-11-26&format=json'),
  {
    endpoint: 'POST /api/appointments/check-in',
    // Only a kiosk checks in (an unknown code: 404); nobody else may.
    expect: [U, [404, 'APPOINTMENT_NOT_FOUND'], R, R, R, R, R, R, R, R, U, U],
    method: 'POST',
    path: () => '/appointments/check-in',
    body: () => ({ code: '123456' }),
  },
  managerOnly('POST /api/admin/outbox/retry', () => '/admin/outbox/retry', { method: 'POST' }),
  managerOnly('POST /api/admin/devices/:id/key', () => '/admin/devices/kiosk-2/key', { method: 'POST' }),
  managerOnly('POST /api/admin/staff/:id/password', () => '/admin/staff/c19/password', { method: 'POST', body: () => ({ password: 'another-password-19' }) }),
];

/**
 * The hall the matrix runs in, and the steps that bring it to each row's state. Every cell
 * starts from the same baseline: c5 at w5, c1 at w1, c6, c2 and m1 signed in nowhere.
 */
class World {
  own!: Holder;
  other!: Holder;
  ratable!: Holder;
  number = '';
  caseId = '';
  reviewId = '';
  padVisitId = '';

  constructor(
    readonly h: TestHall,
    /** Session token of each staff member by staff id. */
    readonly tokens: Record<string, string>,
  ) {}

  get api() {
    return this.h.api;
  }
  get data() {
    return this.h.hall.engine.data;
  }

  async must(p: Promise<ApiResponse>, what: string): Promise<ApiResponse> {
    const r = await p;
    if (r.status >= 300) throw new Error(`arranging: ${what} answered ${r.status} ${JSON.stringify(r.body)}`);
    return r;
  }

  async issue(serviceId: string, key = KIOSK2_KEY): Promise<Holder> {
    const r = await this.must(this.api.issue(serviceId, { key }), `issue ${serviceId}`);
    return { id: r.body.ticket.id, number: r.body.ticket.number, token: new URL(r.body.ticket.statusUrl).searchParams.get('token')! };
  }

  private post(path: string, body: unknown, staffId: string) {
    return this.must(this.api.post(path, body, this.tokens[staffId]), `${staffId}: POST ${path}`);
  }

  /** Whoever is signed in at the window ends what they serve and signs out. */
  async free(windowId: string): Promise<void> {
    const s = this.data.windows[windowId];
    if (!s?.staffId) return;
    if (!this.tokens[s.staffId]) throw new Error(`arranging: ${windowId} is held by ${s.staffId}, whose token the test has not`);
    if (s.currentTicketId) await this.post(`/windows/${windowId}/finish`, { outcome: 'completed' }, s.staffId);
    await this.post(`/windows/${windowId}/sign-out`, {}, s.staffId);
  }

  private windowOf(staffId: string): string | undefined {
    return Object.values(this.data.windows).find((s) => s.staffId === staffId)?.windowId;
  }

  private async seat(staffId: string, windowId: string): Promise<void> {
    const at = this.windowOf(staffId);
    if (at === windowId) return;
    if (at) await this.free(at);
    await this.free(windowId);
    await this.post(`/windows/${windowId}/sign-in`, {}, staffId);
  }

  async baseline(): Promise<void> {
    for (const id of ['c6', 'c2', 'm1']) {
      const at = this.windowOf(id);
      if (at) await this.free(at);
    }
    await this.seat('c1', 'w1');
    await this.seat('c5', 'w5');
  }

  async w5Idle(): Promise<void> {
    await this.seat('c5', 'w5');
    if (this.data.windows.w5?.currentTicketId) await this.post('/windows/w5/finish', { outcome: 'completed' }, 'c5');
    if (this.data.windows.w5?.pause) await this.post('/windows/w5/resume', {}, 'c5');
  }

  async w5Paused(): Promise<void> {
    await this.w5Idle();
    await this.post('/windows/w5/pause', { reason: 'break' }, 'c5');
  }

  /** Called half a minute ago: long enough for every action, 过号 included. */
  async w5Called(): Promise<void> {
    await this.w5Idle();
    const t = await this.issue('company');
    await this.post('/windows/w5/call', { number: t.number }, 'c5');
    this.h.clock.advance(NO_SHOW_WAIT_MS);
  }

  async waitingNumber(): Promise<void> {
    await this.w5Idle();
    this.number = (await this.issue('company')).number;
  }

  async noShowNumber(): Promise<void> {
    await this.w5Idle();
    const t = await this.issue('company');
    await this.post('/windows/w5/call', { number: t.number }, 'c5');
    this.h.clock.advance(NO_SHOW_WAIT_MS);
    await this.post('/windows/w5/no-show', {}, 'c5');
    this.number = t.number;
  }

  /** A company ticket served at w5 just now; its visit is the one w5's pad asks about. */
  private async serveAtW5(outcome = 'completed'): Promise<{ holder: Holder; visitId: string }> {
    await this.w5Idle();
    const holder = await this.issue('company');
    await this.post('/windows/w5/call', { number: holder.number }, 'c5');
    const done = await this.post('/windows/w5/finish', { outcome }, 'c5');
    const visits: Array<{ id: string }> = done.body.ticket.visits;
    return { holder, visitId: visits[visits.length - 1].id };
  }

  async padRatable(): Promise<void> {
    this.padVisitId = (await this.serveAtW5()).visitId;
  }

  async ratableHolder(): Promise<void> {
    this.ratable = (await this.serveAtW5()).holder;
  }

  async waitingHolder(): Promise<void> {
    // `trader` is served at w1 only, where c1 never calls: it stays waiting.
    if (this.data.tickets[this.own.id]?.status !== 'waiting') this.own = await this.issue('trader');
  }

  async pendingCase(): Promise<void> {
    const pending = Object.values(this.data.cases).find((c) => c.departmentId === 'scjg');
    this.caseId = pending ? pending.ticketId : (await this.serveAtW5('accepted')).holder.id;
  }

  async openReview(): Promise<void> {
    const open = () => Object.values(this.data.reviews).find((rv) => rv.status === 'open');
    if (!open()) {
      const { holder } = await this.serveAtW5();
      await this.must(this.api.post(`/tickets/${holder.id}/rating?token=${holder.token}`, { score: 1, reason: '等候时间太长' }), 'a bad review');
    }
    this.reviewId = open()!.id;
  }

  async credential(cred: Cred, fresh: boolean): Promise<string | undefined> {
    const device = DEVICE_KEYS[cred];
    if (device) return device;
    const staff = STAFF[cred];
    if (staff) return fresh ? this.api.login(staff.staffNo) : this.tokens[staff.id];
    return undefined;
  }
}

function describeExpect(e: Expect): string {
  return typeof e === 'number' ? `${e}` : `${e[0]} ${e[1]}`;
}

describe('authorization matrix: every endpoint × every credential', () => {
  let h: TestHall;
  let w: World;
  let commits: ReturnType<typeof countCommits>;

  beforeAll(async () => {
    h = await startHall({ config: testConfig((c) => raiseHandshakeLimit(c)) });
    const tokens: Record<string, string> = {};
    for (const [id, staffNo] of [
      ['c5', '1005'],
      ['c6', '1006'],
      ['c1', '1001'],
      ['c2', '1002'],
      ['c4', '1004'],
      ['m1', '9001'],
    ]) {
      tokens[id] = await h.api.login(staffNo);
    }
    w = new World(h, tokens);
    // A pending case of another department (zrzy), accepted at the 综合窗口: no scjg list may show it.
    const t = await w.issue('property');
    await w.must(h.api.post('/windows/w4/sign-in', {}, tokens.c4), 'c4 signs in at w4');
    await w.must(h.api.post('/windows/w4/call', { number: t.number }, tokens.c4), 'c4 calls');
    await w.must(h.api.post('/windows/w4/finish', { outcome: 'accepted' }, tokens.c4), 'c4 accepts');
    await w.must(h.api.post('/windows/w4/sign-out', {}, tokens.c4), 'c4 signs out');
    w.own = await w.issue('trader');
    // `forestry` is served at w4 only, where nobody calls during the matrix.
    w.other = await w.issue('forestry');
    await w.baseline();
    commits = countCommits(h.hall.engine.store);
  });
  afterAll(async () => {
    commits?.restore();
    await h?.close();
  });

  it('has a cell for every credential in every row', () => {
    for (const row of MATRIX) expect(row.expect, row.endpoint).toHaveLength(CREDS.length);
    expect(MATRIX.length * CREDS.length).toBeGreaterThanOrEqual(390);
  });

  for (const row of MATRIX) {
    describe(row.endpoint, () => {
      CREDS.forEach((cred, i) => {
        const want = row.expect[i];
        it(`${CRED_NAMES[cred]} → ${describeExpect(want)}`, async () => {
          try {
            await w.baseline();
            await row.arrange?.(w);
            let path = row.path(w);
            let auth: string | undefined;
            if (cred === 'ownTicket' || cred === 'otherTicket') {
              const holder = row.holder === 'ratable' ? w.ratable : w.own;
              const token = cred === 'ownTicket' ? holder.token : w.other.token;
              if (row.holder) path += `${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
              else auth = token;
            } else {
              auth = await w.credential(cred, row.freshSessions === true);
            }
            const before = commits.count;
            const r = await h.api.request(row.method, path, { body: row.method === 'POST' ? (row.body?.(w) ?? {}) : undefined, auth });
            const said = `${row.method} ${path} → ${r.status} ${JSON.stringify(r.body)?.slice(0, 300)}`;
            if (typeof want === 'number') {
              expect(r.status, said).toBe(want);
              await row.check?.(r, { w, cred, auth });
            } else {
              expect({ status: r.status, code: r.body?.error?.code }, said).toEqual({ status: want[0], code: want[1] });
              expect(errorShapeProblem(r.body), said).toBeUndefined();
              expect(commits.count - before, `a refusal wrote to the store: ${said}`).toBe(0);
            }
          } finally {
            await row.cleanup?.(w);
          }
        });
      });
    });
  }
});
/* eslint-enable @typescript-eslint/no-explicit-any */

// ---- Sockets ----------------------------------------------------------------------------

const REASON = '窗口人员态度差-REASON-5f3a9c';
const HALL_EVENTS = ['hall:snapshot', 'hall:changes', 'day:closed'];
const STAFF_EVENTS = [...HALL_EVENTS, 'window:snapshot'];
const WINDOW_SCREEN_EVENTS = ['window:snapshot', 'rating:request', 'rating:closed', 'day:closed'];
const PHONE_EVENTS = ['ticket:update', 'day:closed'];

const failingPrinter: NetworkSlipPrinter = {
  print: async () => {
    throw new Error('打印机缺纸');
  },
};

function eventNames(r: Recorder): string[] {
  return [...new Set(r.events.map((e) => e.name))].sort();
}

describe('sockets: who may connect, and what each audience hears', () => {
  let h: TestHall;
  const tokens: Record<string, string> = {};
  /** Tickets issued before the day below: one for the refusals, its token known to the test. */
  let x: Holder;
  let y: Holder;

  const issue = async (serviceId: string, key: string): Promise<Holder> => {
    const r = await h.api.issue(serviceId, { key });
    expect(r.status).toBe(201);
    return { id: r.body.ticket.id, number: r.body.ticket.number, token: new URL(r.body.ticket.statusUrl).searchParams.get('token')! };
  };

  beforeAll(async () => {
    const config = testConfig((c) => {
      raiseHandshakeLimit(c);
      c.devices[0].printer = { type: 'network', host: '127.0.0.1', port: 9 };
    });
    h = await startHall({ config, networkPrinter: failingPrinter });
    tokens.c5 = await h.api.openWindow(5);
    tokens.c6 = await h.api.login('1006');
    tokens.c2 = await h.api.login('1002');
    tokens.m1 = await h.api.login('9001');
    x = await issue('forestry', KIOSK2_KEY);
    y = await issue('forestry', KIOSK2_KEY);
  });
  afterAll(async () => {
    await h?.close();
  });

  const MALFORMED = ['UNAUTHENTICATED', 'INVALID_INPUT'];
  const refusals: Array<{ name: string; auth: () => unknown; codes: string[] }> = [
    { name: 'no auth at all', auth: () => ({}), codes: ['UNAUTHENTICATED'] },
    { name: 'an unknown key', auth: () => ({ key: 'not-a-device-key-0000' }), codes: ['UNAUTHENTICATED'] },
    { name: 'an unknown staff token', auth: () => ({ token: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }), codes: ['UNAUTHENTICATED'] },
    { name: 'a ticket token used as a device key', auth: () => ({ key: x.token }), codes: ['UNAUTHENTICATED'] },
    { name: 'a ticket token used as a staff token', auth: () => ({ token: x.token }), codes: ['UNAUTHENTICATED'] },
    { name: 'a ticket id with another ticket’s token', auth: () => ({ ticketId: x.id, ticketToken: y.token }), codes: ['TICKET_NOT_FOUND'] },
    { name: 'an unknown well-formed ticket id', auth: () => ({ ticketId: '20261126-zzzzzzzzzz', ticketToken: x.token }), codes: ['TICKET_NOT_FOUND'] },
    { name: 'a ticket id without its token', auth: () => ({ ticketId: x.id }), codes: MALFORMED },
    { name: 'numbers for the ticket', auth: () => ({ ticketId: 5, ticketToken: 5 }), codes: MALFORMED },
    { name: 'an array as key', auth: () => ({ key: [KIOSK_KEY] }), codes: MALFORMED },
    { name: 'an object as token', auth: () => ({ token: { toString: 'x' } }), codes: MALFORMED },
    { name: '__proto__ as ticket id', auth: () => ({ ticketId: '__proto__', ticketToken: x.token }), codes: [...MALFORMED, 'TICKET_NOT_FOUND'] },
    { name: 'constructor as ticket id', auth: () => ({ ticketId: 'constructor', ticketToken: x.token }), codes: [...MALFORMED, 'TICKET_NOT_FOUND'] },
    { name: 'toString as ticket id', auth: () => ({ ticketId: 'toString', ticketToken: 'toString' }), codes: [...MALFORMED, 'TICKET_NOT_FOUND'] },
    { name: 'a 100 kB ticket id', auth: () => ({ ticketId: 'x'.repeat(100_000), ticketToken: x.token }), codes: [...MALFORMED, 'TICKET_NOT_FOUND'] },
  ];

  for (const c of refusals) {
    it(`refuses ${c.name}: connect_error ${c.codes.join(' or ')}`, async () => {
      const o = await tryHandshake(h.url, c.auth());
      if (o.kind === 'connected') o.socket.disconnect();
      expect(o.kind === 'refused' ? o.code : o.kind).toSatisfy((code: string) => c.codes.includes(code));
    });
  }

  it('answers an unknown ticket and a wrong token with the same code and message', async () => {
    const unknown = await tryHandshake(h.url, { ticketId: '20261126-zzzzzzzzzz', ticketToken: x.token });
    const wrong = await tryHandshake(h.url, { ticketId: x.id, ticketToken: y.token });
    expect(unknown).toMatchObject({ kind: 'refused', code: 'TICKET_NOT_FOUND' });
    expect(wrong).toEqual(unknown);
  });

  it('refuses a staff token after logout', async () => {
    const token = await h.api.login('1008');
    await h.api.post('/auth/logout', {}, token);
    expect(await tryHandshake(h.url, { token })).toMatchObject({ kind: 'refused', code: 'UNAUTHENTICATED' });
  });

  it('over a small day, each audience hears only its own events, with nothing it may not see', async () => {
    const kiosk = await h.socket({ key: KIOSK_KEY });
    const hall = await h.socket({ key: DISPLAY_KEY });
    const pad5 = await h.socket({ key: WINDOW5_KEY });
    const pad1 = await h.socket({ key: WINDOW1_KEY });
    const clerk5 = await h.socket({ token: tokens.c5 });
    const clerk6 = await h.socket({ token: tokens.c6 });
    const clerk2 = await h.socket({ token: tokens.c2 });
    const manager = await h.socket({ token: tokens.m1 });

    // Issued at kiosk-1, whose printer is out of paper: the manager hears of it.
    const a = await issue('company', KIOSK_KEY);
    const b = await issue('company', KIOSK_KEY);
    const phoneA = await h.socket({ ticketId: a.id, ticketToken: a.token });
    const phoneB = await h.socket({ ticketId: b.id, ticketToken: b.token });
    await phoneA.waitFor('ticket:update', (t) => t.id === a.id);
    await phoneB.waitFor('ticket:update', (t) => t.id === b.id);

    const called = await h.api.post('/windows/w5/call-next', {}, tokens.c5);
    expect(called.body.ticket.number).toBe(a.number);
    // The screen above w5 shows the number being served (and must not learn its ticket's id).
    await pad5.waitFor('window:snapshot', (s) => s.current?.number === a.number);
    await h.api.post('/windows/w5/start', {}, tokens.c5);
    h.clock.advance(5 * 60_000);
    expect((await h.api.post('/windows/w5/finish', { outcome: 'completed' }, tokens.c5)).status).toBe(200);
    const request = await pad5.waitFor('rating:request');
    expect((await h.api.post(`/tickets/${a.id}/rating?token=${a.token}`, { score: 1, reason: REASON })).status).toBe(201);

    await pad5.waitFor('rating:closed', (p) => p.visitId === request.visitId);
    await hall.waitForCall((c) => c.number === a.number);
    await manager.waitFor('printer:fault', (f) => f.deviceId === 'kiosk-1');
    await phoneA.waitFor('ticket:update', (t) => t.visits.some((v) => v.rated));
    await phoneB.waitFor('ticket:update', (t) => t.ahead === 0);
    // Waiting counts are coalesced: let the last batch go out.
    await new Promise((r) => setTimeout(r, 600));

    const secrets = [a.token, b.token, x.token, y.token, tokens.c5, tokens.c6, tokens.c2, tokens.m1, KIOSK_KEY, KIOSK2_KEY, DISPLAY_KEY, WINDOW5_KEY, WINDOW1_KEY];
    const ticketIds = [a.id, b.id, x.id, y.id];
    const publicScreen = { keys: ['staffToday', 'token', 'ticketToken'], values: [...secrets, ...ticketIds, REASON] };
    // Every finding at once, so one run shows all that leaks where.
    const problems: string[] = [];
    const leaks = (who: string, r: Recorder, forbidden: { keys?: string[]; values?: string[] }) =>
      problems.push(...r.events.flatMap((e) => findLeaks(e.payload, forbidden).map((l) => `${who} got ${e.name} ${l}`)));
    const onlyEvents = (who: string, r: Recorder, allowed: string[]) =>
      problems.push(...eventNames(r).filter((n) => !allowed.includes(n)).map((n) => `${who} got ${n}`));
    const must = (ok: boolean, what: string) => {
      if (!ok) problems.push(what);
    };

    // Public hall screens: counts, windows, calls; no ids, tokens, reasons or staff figures.
    for (const [who, screen] of [
      ['kiosk', kiosk],
      ['hall display', hall],
    ] as const) {
      onlyEvents(who, screen, HALL_EVENTS);
      for (const e of ['hall:snapshot', 'hall:changes']) must(eventNames(screen).includes(e), `${who} never got ${e}`);
      const changes = screen.all('hall:changes');
      for (const part of ['calls', 'windows', 'counts'] as const) must(changes.some((c) => c[part].length > 0), `${who} never got ${part} in hall:changes`);
      leaks(who, screen, publicScreen);
    }
    const call = hall.calls().find((c) => c.number === a.number);
    must(call !== undefined && !call.visitId.includes(a.id), `the hall's call of ${a.number} carries the ticket id in its visitId: ${call?.visitId}`);

    // Window screens: their own window's snapshot and rating requests, nothing else.
    for (const [who, screen, windowId] of [
      ['w5 display', pad5, 'w5'],
      ['w1 display', pad1, 'w1'],
    ] as const) {
      onlyEvents(who, screen, WINDOW_SCREEN_EVENTS);
      must(screen.all('window:snapshot').length > 0, `${who} never got its window:snapshot`);
      for (const s of screen.all('window:snapshot')) must(s.window.id === windowId, `${who} got the window:snapshot of ${s.window.id}`);
      for (const q of screen.all('rating:request')) must(q.windowId === windowId, `${who} got a rating:request of ${q.windowId}`);
      leaks(who, screen, publicScreen);
    }
    must(JSON.stringify(pad5.all('rating:request').map((q) => q.number)) === JSON.stringify([a.number]), `w5 display's rating requests: ${JSON.stringify(pad5.all('rating:request'))}`);
    must(pad1.all('rating:request').length === 0, 'w1 display got a rating:request');

    // Phones: their own ticket only.
    for (const [who, phone, own] of [
      ['phone A', phoneA, a],
      ['phone B', phoneB, b],
    ] as const) {
      onlyEvents(who, phone, PHONE_EVENTS);
      for (const t of phone.all('ticket:update')) must(t.id === own.id, `${who} got the ticket:update of ${t.id}`);
      leaks(who, phone, { keys: publicScreen.keys, values: [...secrets, ...ticketIds.filter((id) => id !== own.id), REASON] });
    }

    // Staff: the clerk sees their own window with their own figures; other clerks see neither.
    onlyEvents('clerk c5', clerk5, STAFF_EVENTS);
    for (const s of clerk5.all('window:snapshot')) must(s.window.id === 'w5', `clerk c5 got the window:snapshot of ${s.window.id}`);
    must(clerk5.all('window:snapshot').some((s) => 'staffToday' in s), 'clerk c5 never got their own figures');
    leaks('clerk c5', clerk5, { values: [...secrets, REASON] });
    for (const [who, clerk] of [
      ['clerk c6', clerk6],
      ['clerk c2', clerk2],
    ] as const) {
      onlyEvents(who, clerk, HALL_EVENTS);
      leaks(who, clerk, { keys: ['staffToday'], values: [...secrets, REASON] });
    }

    // The manager hears of printer faults; nobody else does.
    must(manager.all('printer:fault').some((f) => f.deviceId === 'kiosk-1'), 'the manager never heard of the printer fault');
    onlyEvents('manager', manager, [...STAFF_EVENTS, 'printer:fault']);
    leaks('manager', manager, { values: [a.token, b.token, x.token, y.token, tokens.c5, tokens.c6, tokens.c2, KIOSK_KEY, DISPLAY_KEY, WINDOW5_KEY] });
    expect(problems).toEqual([]);
  });
});

// ---- The rules, one by one ---------------------------------------------------------------

describe('authorization rules', () => {
  let h: TestHall;
  let commits: ReturnType<typeof countCommits>;
  const tokens: Record<string, string> = {};
  let a: Holder;
  let b: Holder;

  const issue = async (serviceId: string): Promise<Holder> => {
    const r = await h.api.issue(serviceId, { key: KIOSK2_KEY });
    expect(r.status).toBe(201);
    return { id: r.body.ticket.id, number: r.body.ticket.number, token: new URL(r.body.ticket.statusUrl).searchParams.get('token')! };
  };
  /** A refusal with this status and one of these codes, its error shape, and no commit. */
  const refused = async (p: () => Promise<ApiResponse>, status: number | number[], codes: string | string[]) => {
    const before = commits.count;
    const r = await p();
    const said = `${r.status} ${JSON.stringify(r.body)?.slice(0, 300)}`;
    expect([status].flat(), said).toContain(r.status);
    expect([codes].flat(), said).toContain(r.body?.error?.code);
    expect(errorShapeProblem(r.body), said).toBeUndefined();
    expect(commits.count - before, `a refusal wrote to the store: ${said}`).toBe(0);
    return r;
  };

  beforeAll(async () => {
    h = await startHall({ config: testConfig((c) => raiseHandshakeLimit(c)) });
    tokens.c5 = await h.api.openWindow(5);
    tokens.c1 = await h.api.openWindow(1);
    tokens.c3 = await h.api.openWindow(3);
    tokens.c6 = await h.api.login('1006');
    tokens.m1 = await h.api.login('9001');
    a = await issue('trader');
    b = await issue('trader');
    commits = countCommits(h.hall.engine.store);
  });
  afterAll(async () => {
    commits?.restore();
    await h?.close();
  });

  const PROTO = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

  it('a malformed ticket id is 400 on every ticket route, prototype names included', async () => {
    const ids = [...PROTO, 'abc', '20261126-ABCDEFGHJK', '20261126-abc', '20261126-abcdefghjk1', '2026112-abcdefghjk', `20261126-${'a'.repeat(5000)}`];
    for (const id of ids) {
      const path = `/tickets/${encodeURIComponent(id)}`;
      await refused(() => h.api.get(`${path}?token=${a.token}`), 400, 'INVALID_INPUT');
      await refused(() => h.api.post(`${path}/cancel?token=${a.token}`), 400, 'INVALID_INPUT');
      await refused(() => h.api.post(`${path}/rating?token=${a.token}`, { score: 5 }), 400, 'INVALID_INPUT');
    }
  });

  it('an unknown ticket and a wrong token are the same 404: nothing tells a real id', async () => {
    const unknown = await refused(() => h.api.get(`/tickets/20261126-zzzzzzzzzz?token=${a.token}`), 404, 'TICKET_NOT_FOUND');
    const wrong = await refused(() => h.api.get(`/tickets/${a.id}?token=${b.token}`), 404, 'TICKET_NOT_FOUND');
    expect(wrong.body).toEqual(unknown.body);
    const archived = await refused(() => h.api.get(`/tickets/20261120-zzzzzzzzzz?token=${a.token}`), 404, 'TICKET_NOT_FOUND');
    expect(archived.body).toEqual(unknown.body);
    expect((await refused(() => h.api.post(`/tickets/${a.id}/cancel?token=${b.token}`), 404, 'TICKET_NOT_FOUND')).body).toEqual(unknown.body);
    expect((await refused(() => h.api.post(`/tickets/${a.id}/rating?token=${b.token}`, { score: 5 }), 404, 'TICKET_NOT_FOUND')).body).toEqual(unknown.body);
    expect(h.hall.engine.data.tickets[a.id].status).toBe('waiting');
  });

  it('a review that does not exist cannot be resolved, whatever its name', async () => {
    const before = JSON.stringify((await h.api.get('/reviews?status=all', tokens.m1)).body);
    for (const id of [...PROTO, 'rv-zzzzzzzzzzzz', 'rv-nope']) {
      await refused(() => h.api.post(`/reviews/${encodeURIComponent(id)}/resolve`, { note: '已回访' }, tokens.m1), [404, 400], ['REVIEW_NOT_FOUND', 'INVALID_INPUT']);
    }
    expect(JSON.stringify((await h.api.get('/reviews?status=all', tokens.m1)).body)).toBe(before);
  });

  it('cases: own department only, managers included; a completed case is 409; prototype names are not cases', async () => {
    const serve = async (windowId: string, token: string, serviceId: string) => {
      const t = await issue(serviceId);
      expect((await h.api.post(`/windows/${windowId}/call`, { number: t.number }, token)).status).toBe(200);
      expect((await h.api.post(`/windows/${windowId}/finish`, { outcome: 'accepted' }, token)).status).toBe(200);
      return t;
    };
    const scjg = await serve('w5', tokens.c5, 'company');
    const zrzy = await serve('w3', tokens.c3, 'property');

    const list = (await h.api.get('/cases?status=pending', tokens.m1)).body.cases as Array<{ ticketId: string; departmentId: string }>;
    expect(list.map((c) => c.ticketId)).toEqual([scjg.id]);
    await refused(() => h.api.post(`/cases/${zrzy.id}/complete`, {}, tokens.m1), 403, 'FORBIDDEN');
    await refused(() => h.api.post(`/cases/${zrzy.id}/complete`, {}, tokens.c5), 403, 'FORBIDDEN');
    for (const id of PROTO) await refused(() => h.api.post(`/cases/${id}/complete`, {}, tokens.c5), [404, 400], ['CASE_NOT_FOUND', 'INVALID_INPUT']);

    expect((await h.api.post(`/cases/${scjg.id}/complete`, {}, tokens.c6)).status).toBe(200);
    await refused(() => h.api.post(`/cases/${scjg.id}/complete`, {}, tokens.c5), 409, 'CASE_ALREADY_COMPLETED');
    await refused(() => h.api.post(`/cases/${scjg.id}/complete`, {}, tokens.m1), 409, 'CASE_ALREADY_COMPLETED');
    expect((await h.api.post(`/cases/${zrzy.id}/complete`, {}, tokens.c3)).status).toBe(200);
  });

  it("the pad's visitId: malformed is 400, unknown is 404 VISIT_NOT_FOUND", async () => {
    for (const visitId of ['x', ...PROTO, '__proto__-1', 'constructor-1', 'toString-1', '../w1', `v-${'z'.repeat(70)}`, ' ', 'v-\u0000']) {
      await refused(() => h.api.post('/windows/w5/rating', { visitId, score: 5 }, WINDOW5_KEY), 400, 'INVALID_INPUT');
    }
    await refused(() => h.api.post('/windows/w5/rating', { visitId: 'v-zzzzzzzzzzzz', score: 5 }, WINDOW5_KEY), 404, 'VISIT_NOT_FOUND');
    await refused(() => h.api.post('/windows/w5/rating', { visitId: `${a.id}-1`, score: 5 }, WINDOW5_KEY), 404, 'VISIT_NOT_FOUND');
  });

  it("a window's snapshot: its display, its clerk and managers; never another clerk; no clerk figures on the display", async () => {
    const t = await issue('company');
    await h.api.post('/windows/w5/call', { number: t.number }, tokens.c5);
    await h.api.post('/windows/w5/finish', { outcome: 'completed' }, tokens.c5);
    const onDisplay = await h.api.get('/windows/w5', WINDOW5_KEY);
    expect(onDisplay.status).toBe(200);
    expect(findLeaks(onDisplay.body, { keys: ['staffToday'] })).toEqual([]);
    expect((await h.api.get('/windows/w5', tokens.c5)).body.staffToday.served).toBeGreaterThan(0);
    expect((await h.api.get('/windows/w5', tokens.m1)).status).toBe(200);
    await refused(() => h.api.get('/windows/w5', tokens.c6), 403, 'FORBIDDEN');
    await refused(() => h.api.get('/windows/w5', tokens.c1), 403, 'FORBIDDEN');
    await refused(() => h.api.get('/windows/w5', WINDOW1_KEY), 403, ['FORBIDDEN', 'WRONG_ROLE']);
    await refused(() => h.api.get('/windows/w5', KIOSK_KEY), 403, ['FORBIDDEN', 'WRONG_ROLE']);
  });

  it('call and requeue take only tickets the window serves, or transferred to it', async () => {
    const property = await issue('property');
    await h.api.post('/windows/w3/call', { number: property.number }, tokens.c3);
    h.clock.advance(NO_SHOW_WAIT_MS);
    await h.api.post('/windows/w3/no-show', {}, tokens.c3);
    await refused(() => h.api.post('/windows/w5/requeue', { number: property.number }, tokens.c5), 409, 'NOT_FOR_THIS_WINDOW');
    await refused(() => h.api.post('/windows/w5/call', { number: property.number }, tokens.c5), 409, 'NOT_FOR_THIS_WINDOW');
    expect(h.hall.engine.data.tickets[property.id].status).toBe('no_show');
    expect((await h.api.post('/windows/w3/requeue', { number: property.number }, tokens.c3)).status).toBe(200);

    await refused(() => h.api.post('/windows/w5/call', { number: a.number }, tokens.c5), 409, 'NOT_FOR_THIS_WINDOW');
    // Transferred to w5 from w1: w5 may call it although it does not serve `trader`.
    const traded = await issue('trader');
    expect((await h.api.post('/windows/w1/call', { number: traded.number }, tokens.c1)).status).toBe(200);
    expect((await h.api.post('/windows/w1/transfer', { windowId: 'w5' }, tokens.c1)).status).toBe(200);
    expect((await h.api.post('/windows/w5/call', { number: traded.number }, tokens.c5)).status).toBe(200);
    h.clock.advance(NO_SHOW_WAIT_MS);
    await h.api.post('/windows/w5/no-show', {}, tokens.c5);
    await refused(() => h.api.post('/windows/w1/requeue', { number: property.number }, tokens.c1), 409, ['NOT_FOR_THIS_WINDOW', 'INVALID_STATE']);
  });

  it('reports refuse far-future, unreal and overlong periods at once with 400', async () => {
    const queries = [
      '/reports/summary?from=9999-12-31&to=9999-12-31',
      '/reports/summary?from=9999-12-30&to=9999-12-31',
      '/reports/summary?from=2026-11-26&to=9999-12-31',
      '/reports/attendance?from=9999-12-01&to=9999-12-31',
      '/reports/attendance?from=2026-11-26&to=9999-12-31',
      '/reports/hourly?date=9999-12-31',
      '/reports/summary?from=2026-02-30&to=2026-03-01',
      '/reports/summary?from=0000-00-00&to=2026-11-26',
      '/reports/summary?from=%2B010000-01-01&to=%2B010000-01-02',
      '/reports/summary?from=2026-11-26&to=%2B010000-01-01',
      '/reports/hourly?date=%2B010000-01-01',
      '/reports/summary?from=2000-01-01&to=2026-11-26',
    ];
    for (const q of queries) {
      const r = await rawRequest(`${h.url}/api`, { method: 'GET', path: q, headers: { authorization: `Bearer ${tokens.m1}` } }, 5000);
      expect({ q, status: r.status, code: (r.json as { error?: { code?: string } })?.error?.code }).toEqual({ q, status: 400, code: 'INVALID_INPUT' });
      expect(r.ms, q).toBeLessThan(2000);
    }
  });
});

describe('sign-in: own department, a 综合窗口, or named in the window', () => {
  let h: TestHall;
  beforeAll(async () => {
    const config = testConfig((c) => {
      raiseHandshakeLimit(c);
      const w7 = c.windows.find((w) => w.id === 'w7')!;
      w7.staffIds = ['c2'];
      c.staff.push({ id: 'm2', staffNo: '9002', name: '钱科长', departmentId: 'ga', role: 'manager', passwordHash: c.staff[0].passwordHash });
    });
    h = await startHall({ config });
  });
  afterAll(async () => {
    await h?.close();
  });

  const table: Array<{ staffNo: string; windowId: string; ok: boolean; why: string }> = [
    { staffNo: '1002', windowId: 'w7', ok: true, why: 'c2 (ga) is named in w7 (scjg)' },
    { staffNo: '1003', windowId: 'w7', ok: false, why: 'c3 (zrzy) is not named in w7 (scjg)' },
    { staffNo: '1003', windowId: 'w5', ok: false, why: 'c3 (zrzy) at w5 (scjg)' },
    { staffNo: '1003', windowId: 'w4', ok: true, why: 'c3 at the 综合窗口 w4' },
    { staffNo: '1004', windowId: 'w2', ok: false, why: 'c4 (ly) at w2 (ga)' },
    { staffNo: '9002', windowId: 'w5', ok: false, why: 'manager m2 (ga) at w5 (scjg)' },
    { staffNo: '9002', windowId: 'w2', ok: true, why: 'manager m2 (ga) at w2 (ga)' },
    { staffNo: '9002', windowId: 'w4', ok: true, why: 'manager m2 at the 综合窗口 w4' },
    { staffNo: '9001', windowId: 'w3', ok: false, why: 'manager m1 (scjg) at w3 (zrzy)' },
    { staffNo: '9001', windowId: 'w6', ok: true, why: 'manager m1 (scjg) at w6 (scjg)' },
    { staffNo: '1006', windowId: 'w8', ok: true, why: 'c6 (scjg) at w8 (scjg)' },
  ];
  for (const t of table) {
    it(`${t.why}: ${t.ok ? '200' : '403 WINDOW_NOT_ALLOWED'}`, async () => {
      const token = await h.api.login(t.staffNo);
      const before = h.hall.engine.store;
      const commits = countCommits(before);
      try {
        const r = await h.api.post(`/windows/${t.windowId}/sign-in`, {}, token);
        if (t.ok) {
          expect(r.status, JSON.stringify(r.body)).toBe(200);
          expect((await h.api.post(`/windows/${t.windowId}/sign-out`, {}, token)).status).toBe(200);
        } else {
          expect({ status: r.status, code: r.body?.error?.code }).toEqual({ status: 403, code: 'WINDOW_NOT_ALLOWED' });
          expect(commits.count).toBe(0);
        }
      } finally {
        commits.restore();
      }
    });
  }
});

describe('login lockout: five failures in a row lock the account for fifteen minutes', () => {
  let h: TestHall;
  beforeAll(async () => {
    h = await startHall({ config: testConfig((c) => raiseHandshakeLimit(c)) });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('locks after five, even against the right password, without writing; unlocks after fifteen minutes', async () => {
    const commits = countCommits(h.hall.engine.store);
    try {
      for (let i = 0; i < 5; i++) {
        const r = await h.api.post('/auth/login', { staffNo: '1005', password: `wrong-${i}` });
        expect(r.body.error.code, `failure ${i + 1}`).toBe('BAD_CREDENTIALS');
      }
      const locked = await h.api.post('/auth/login', { staffNo: '1005', password: 'pw' });
      expect({ status: locked.status, code: locked.body?.error?.code }).toEqual({ status: 429, code: 'ACCOUNT_LOCKED' });
      expect(errorShapeProblem(locked.body)).toBeUndefined();
      expect(commits.count, 'failed and locked logins must not write').toBe(0);
      // Another account is not affected.
      expect((await h.api.post('/auth/login', { staffNo: '1006', password: 'pw' })).status).toBe(200);

      h.clock.advance(14 * 60_000);
      expect((await h.api.post('/auth/login', { staffNo: '1005', password: 'pw' })).status).toBe(429);
      h.clock.advance(60_000 + 1000);
      expect((await h.api.post('/auth/login', { staffNo: '1005', password: 'pw' })).status).toBe(200);
    } finally {
      commits.restore();
    }
  });

  it('counts consecutive failures only: a success in between starts again', async () => {
    for (let i = 0; i < 4; i++) expect((await h.api.post('/auth/login', { staffNo: '1007', password: 'nope' })).status).toBe(401);
    expect((await h.api.post('/auth/login', { staffNo: '1007', password: 'pw' })).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await h.api.post('/auth/login', { staffNo: '1007', password: 'nope' })).status).toBe(401);
    expect((await h.api.post('/auth/login', { staffNo: '1007', password: 'pw' })).status).toBe(200);
  });
});

describe('socket handshakes are rate limited per address', () => {
  let h: TestHall;
  beforeAll(async () => {
    h = await startHall({ config: testConfig((c) => raiseHandshakeLimit(c, 3)) });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses the fourth handshake in a minute with RATE_LIMITED', async () => {
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await tryHandshake(h.url, { key: DISPLAY_KEY }));
    for (const o of outcomes) if (o.kind === 'connected') o.socket.disconnect();
    expect(outcomes.slice(0, 3).map((o) => o.kind)).toEqual(['connected', 'connected', 'connected']);
    expect(outcomes[3]).toMatchObject({ kind: 'refused', code: 'RATE_LIMITED' });
    expect((await h.api.get('/health')).status).toBe(200);
  });
});
