import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../server/config.ts';
import { formatPath, type HallConfigInput, hallConfigSchema } from './config-schema.ts';

const HASH = 'scrypt$16384$8$1$c2FsdA==$aGFzaA==';

/** A small valid hall; every test edits a fresh copy. */
function makeInput(overrides: Partial<HallConfigInput> = {}): HallConfigInput {
  return {
    hall: {
      name: '测试大厅',
      hours: { mon: [['09:00', '12:00']], tue: [['09:00', '12:00']] },
    },
    departments: [
      { id: 'scjg', name: '市场监督管理局' },
      { id: 'ga', name: '公安局' },
    ],
    services: [
      { id: 'company', departmentId: 'scjg', name: '企业开办', prefix: 'A', targetWaitMinutes: 30, defaultServiceMinutes: 10 },
      { id: 'household', departmentId: 'ga', name: '户籍', prefix: 'HJ', targetWaitMinutes: 20, defaultServiceMinutes: 5, dailyCap: 50 },
    ],
    windows: [
      { id: 'w1', number: 1, name: '一号窗口', serviceIds: ['company'], departmentId: 'scjg' },
      { id: 'w2', number: 2, name: '二号窗口', serviceIds: ['household', 'company'] },
    ],
    staff: [
      { id: 'c1', staffNo: '1001', name: '张三', departmentId: 'scjg', role: 'clerk', passwordHash: HASH },
      { id: 'm1', staffNo: '9001', name: '李主任', departmentId: 'scjg', role: 'manager', passwordHash: HASH },
    ],
    devices: [
      { id: 'kiosk-1', kind: 'kiosk', name: '取号机', key: 'kiosk-key-0000000001', printer: { type: 'network', host: '10.0.0.5' } },
      { id: 'wall', kind: 'display', name: '综合屏', key: 'display-key-00000001' },
      { id: 'wd1', kind: 'window-display', name: '1 号窗口屏', key: 'window1-key-00000001', windowId: 'w1' },
    ],
    ...overrides,
  };
}

function issuesOf(input: unknown): Array<{ path: string; message: string }> {
  const r = hallConfigSchema.safeParse(input);
  if (r.success) return [];
  return r.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
}

describe('formatPath', () => {
  it.each<[PropertyKey[], string]>([
    [[], ''],
    [['hall'], 'hall'],
    [['hall', 'timezone'], 'hall.timezone'],
    [['services', 3, 'prefix'], 'services[3].prefix'],
    [['hall', 'hours', 'mon', 0], 'hall.hours.mon[0]'],
    [['hall', 'hours', 'mon', 0, 1], 'hall.hours.mon[0][1]'],
    [['devices', 0, 'show', 'windowIds', 2], 'devices[0].show.windowIds[2]'],
    [[0, 'a'], '[0].a'],
  ])('%j → %s', (path, text) => {
    expect(formatPath(path)).toBe(text);
  });
});

describe('a valid configuration', () => {
  it('parses, with the defaults applied', () => {
    const cfg = hallConfigSchema.parse(makeInput());
    expect(cfg.hall.timezone).toBe('Asia/Shanghai');
    expect(cfg.hall.holidays).toEqual([]);
    expect(cfg.hall.ticketing).toEqual({ openEarlyMinutes: 0, stopBeforeCloseMinutes: 0 });
    expect(cfg.hall.lateGraceMinutes).toBe(5);
    expect(cfg.hall.hours).toEqual({
      mon: [['09:00', '12:00']],
      tue: [['09:00', '12:00']],
      wed: [],
      thu: [],
      fri: [],
      sat: [],
      sun: [],
    });
    expect(cfg.reviews).toEqual({ deadlineWorkingDays: 5 });
    expect(cfg.limits).toEqual({ issuePerMinutePerDevice: 60, loginPerMinutePerAddress: 20, socketHandshakePerMinutePerAddress: 1200, ticketPagePerMinutePerAddress: 120, staffSessionHours: 12 });
    expect(cfg.devices[0].printer).toEqual({ type: 'network', host: '10.0.0.5', port: 9100, timeoutMs: 3000 });
    expect(cfg.services[0].dailyCap).toBeUndefined();
    expect(cfg.services[1].dailyCap).toBe(50);
    expect(cfg.windows[1].serviceIds).toEqual(['household', 'company']);
  });

  it('keeps explicit values over the defaults', () => {
    const input = makeInput({ reviews: { deadlineWorkingDays: 10 } });
    input.hall.timezone = 'Asia/Urumqi';
    input.hall.ticketing = { openEarlyMinutes: 30, stopBeforeCloseMinutes: 15 };
    input.hall.holidays = ['2027-01-01'];
    const cfg = hallConfigSchema.parse(input);
    expect(cfg.hall.timezone).toBe('Asia/Urumqi');
    expect(cfg.hall.ticketing).toEqual({ openEarlyMinutes: 30, stopBeforeCloseMinutes: 15 });
    expect(cfg.hall.holidays).toEqual(['2027-01-01']);
    expect(cfg.reviews.deadlineWorkingDays).toBe(10);
  });

  it.each([
    ['a browser printer', { type: 'browser' as const }],
    ['a network printer with a port', { type: 'network' as const, host: 'printer.local', port: 9101 }],
  ])('accepts a kiosk with %s', (_, printer) => {
    const input = makeInput();
    input.devices[0].printer = printer;
    expect(issuesOf(input)).toEqual([]);
  });

  it('accepts a hall with no staff and no devices yet', () => {
    expect(issuesOf(makeInput({ staff: [], devices: [] }))).toEqual([]);
  });
});

describe('an invalid configuration names the field', () => {
  type Row = { name: string; edit: (c: HallConfigInput) => void; path: string };
  const rows: Row[] = [
    { name: 'prefix "a1"', edit: (c) => void (c.services[0].prefix = 'a1'), path: 'services[0].prefix' },
    { name: 'prefix of 3 letters', edit: (c) => void (c.services[1].prefix = 'ABC'), path: 'services[1].prefix' },
    { name: 'empty prefix', edit: (c) => void (c.services[0].prefix = ''), path: 'services[0].prefix' },
    { name: 'a window serving an unknown service', edit: (c) => void (c.windows[0].serviceIds = ['nope']), path: 'windows[0].serviceIds[0]' },
    { name: 'an unknown service second in the list', edit: (c) => void (c.windows[1].serviceIds = ['company', 'nope']), path: 'windows[1].serviceIds[1]' },
    { name: 'a window serving nothing', edit: (c) => void (c.windows[0].serviceIds = []), path: 'windows[0].serviceIds' },
    { name: 'timezone "Mars/Olympus"', edit: (c) => void (c.hall.timezone = 'Mars/Olympus'), path: 'hall.timezone' },
    { name: 'a period ending before it starts', edit: (c) => void (c.hall.hours.mon = [['12:00', '09:00']]), path: 'hall.hours.mon[0]' },
    { name: 'an empty period', edit: (c) => void (c.hall.hours.tue = [['09:00', '12:00'], ['13:00', '13:00']]), path: 'hall.hours.tue[1]' },
    { name: 'a time without its leading zero', edit: (c) => void (c.hall.hours.wed = [['9:00', '12:00']]), path: 'hall.hours.wed[0][0]' },
    { name: 'an hour past 23', edit: (c) => void (c.hall.hours.thu = [['09:00', '24:00']]), path: 'hall.hours.thu[0][1]' },
    { name: 'a holiday not written YYYY-MM-DD', edit: (c) => void (c.hall.holidays = ['2027-01-01', '2027/02/01']), path: 'hall.holidays[1]' },
    { name: 'negative openEarlyMinutes', edit: (c) => void (c.hall.ticketing = { openEarlyMinutes: -1 }), path: 'hall.ticketing.openEarlyMinutes' },
    { name: 'an empty hall name', edit: (c) => void (c.hall.name = ''), path: 'hall.name' },
    { name: 'a publicUrl that is no URL', edit: (c) => void (c.hall.publicUrl = 'not a url'), path: 'hall.publicUrl' },
    {
      name: 'a duplicate window number',
      edit: (c) => void (c.windows[1].number = 1),
      path: 'windows[1].number',
    },
    { name: 'a window number 0', edit: (c) => void (c.windows[0].number = 0), path: 'windows[0].number' },
    { name: 'a duplicate window id', edit: (c) => void (c.windows[1].id = 'w1'), path: 'windows[1].id' },
    { name: 'a duplicate service id', edit: (c) => void (c.services[1].id = 'company'), path: 'services[1].id' },
    { name: 'a duplicate department id', edit: (c) => void (c.departments[1].id = 'scjg'), path: 'departments[1].id' },
    { name: 'a duplicate staff number', edit: (c) => void (c.staff[1].staffNo = '1001'), path: 'staff[1].staffNo' },
    { name: 'a duplicate device key', edit: (c) => void (c.devices[2].key = 'kiosk-key-0000000001'), path: 'devices[2].key' },
    { name: 'a service of an unknown department', edit: (c) => void (c.services[0].departmentId = 'nope'), path: 'services[0].departmentId' },
    { name: 'a window of an unknown department', edit: (c) => void (c.windows[1].departmentId = 'nope'), path: 'windows[1].departmentId' },
    { name: 'a clerk of an unknown department', edit: (c) => void (c.staff[0].departmentId = 'nope'), path: 'staff[0].departmentId' },
    { name: 'a plain-text password', edit: (c) => void (c.staff[0].passwordHash = 'secret'), path: 'staff[0].passwordHash' },
    { name: 'an unknown role', edit: (c) => void ((c.staff[1] as { role: string }).role = 'admin'), path: 'staff[1].role' },
    { name: 'a zero dailyCap', edit: (c) => void (c.services[1].dailyCap = 0), path: 'services[1].dailyCap' },
    { name: 'a missing targetWaitMinutes', edit: (c) => void delete (c.services[0] as { targetWaitMinutes?: number }).targetWaitMinutes, path: 'services[0].targetWaitMinutes' },
    { name: 'an id with a space', edit: (c) => void (c.departments[0].id = 'sc jg'), path: 'departments[0].id' },
    {
      name: 'a window-display without windowId',
      edit: (c) => void (c.devices = [{ id: 'wd', kind: 'window-display', name: '窗口屏', key: 'window-key-000000001' }]),
      path: 'devices[0].windowId',
    },
    { name: 'a window-display of an unknown window', edit: (c) => void (c.devices[2].windowId = 'w9'), path: 'devices[2].windowId' },
    { name: 'a printer on a display', edit: (c) => void (c.devices[1].printer = { type: 'browser' }), path: 'devices[1].printer' },
    { name: 'a network printer port out of range', edit: (c) => void (c.devices[0].printer = { type: 'network', host: 'p', port: 70000 }), path: 'devices[0].printer.port' },
    { name: 'a device key shorter than 16', edit: (c) => void (c.devices[0].key = 'short'), path: 'devices[0].key' },
    { name: 'an unknown device kind', edit: (c) => void ((c.devices[1] as { kind: string }).kind = 'tv'), path: 'devices[1].kind' },
    { name: 'a display showing an unknown window', edit: (c) => void (c.devices[1].show = { windowIds: ['w1', 'w9'] }), path: 'devices[1].show.windowIds[1]' },
    { name: 'a display showing an unknown service', edit: (c) => void (c.devices[1].show = { serviceIds: ['nope'] }), path: 'devices[1].show.serviceIds[0]' },
    { name: 'no department', edit: (c) => void (c.departments = []), path: 'departments' },
    { name: 'no service', edit: (c) => void (c.services = []), path: 'services' },
    { name: 'no window', edit: (c) => void (c.windows = []), path: 'windows' },
    { name: 'a review deadline of 0 days', edit: (c) => void (c.reviews = { deadlineWorkingDays: 0 }), path: 'reviews.deadlineWorkingDays' },
  ];

  it.each(rows)('$name → $path', ({ edit, path }) => {
    const input = makeInput();
    edit(input);
    const issues = issuesOf(input);
    expect(issues.map((i) => i.path)).toContain(path);
    expect(issues.find((i) => i.path === path)?.message).toBeTruthy();
  });

  it('a missing hall → hall', () => {
    const { hall: _hall, ...rest } = makeInput();
    expect(issuesOf(rest).map((i) => i.path)).toContain('hall');
  });

  it('reports every duplicate, not only the first', () => {
    const input = makeInput();
    input.windows.push({ id: 'w3', number: 1, name: '三号', serviceIds: ['company'] }, { id: 'w4', number: 2, name: '四号', serviceIds: ['company'] });
    expect(issuesOf(input).map((i) => i.path)).toEqual(['windows[2].number', 'windows[3].number']);
  });

  it("parseConfig's message names the source and the field", () => {
    const input = makeInput();
    input.services[0].prefix = 'a1';
    expect(() => parseConfig(input, 'hall.json')).toThrow(ConfigError);
    expect(() => parseConfig(input, 'hall.json')).toThrow(/hall\.json[\s\S]*services\[0\]\.prefix: must be 1–2 capital letters/);
  });
});
