import type { HallConfigInput } from '../../shared/config-schema.ts';
import { parseConfig } from '../../server/config.ts';
import type { HallConfig } from '../../shared/config-schema.ts';

/** A precomputed scrypt hash of "pw" (hashing in every test would cost 50 ms each). */
export const PW_HASH = 'scrypt$16384$8$1$nTFo80hnoAekqpmkYJBGBg==$ZtH/EM+vZEFLS3y4LncXkQCNSu+Yn369Bua5TWG96UU=';
export const PASSWORD = 'pw';

/** The default `hall.noShowAfterSeconds`: a 过号 earlier than this after the call is refused. */
export const NO_SHOW_WAIT_MS = 30_000;

const week: Array<[string, string]> = [
  ['09:00', '12:00'],
  ['13:30', '17:00'],
];

/**
 * A small hall with real opening hours in Asia/Shanghai: Mon–Fri two periods, Saturday
 * mornings, Sunday closed. Twenty windows so concurrency tests have room.
 */
export function testConfigInput(): HallConfigInput {
  const windows = [
    { id: 'w1', number: 1, name: '企业开办', serviceIds: ['company', 'trader'], departmentId: 'scjg' },
    { id: 'w2', number: 2, name: '户籍', serviceIds: ['household'], departmentId: 'ga' },
    { id: 'w3', number: 3, name: '不动产', serviceIds: ['property'], departmentId: 'zrzy' },
    { id: 'w4', number: 4, name: '综合窗口', serviceIds: ['forestry', 'property', 'household'] },
    { id: 'w5', number: 5, name: '企业开办', serviceIds: ['company'], departmentId: 'scjg' },
    ...Array.from({ length: 15 }, (_, i) => ({ id: `w${i + 6}`, number: i + 6, name: '企业开办', serviceIds: ['company'], departmentId: 'scjg' })),
  ];
  const clerks = windows.map((w, i) => ({
    id: `c${w.number}`,
    staffNo: `${1000 + w.number}`,
    name: `窗口员${i + 1}`,
    departmentId: w.departmentId ?? 'ly',
    role: 'clerk' as const,
    passwordHash: PW_HASH,
  }));
  return {
    hall: {
      name: '滨江市政务服务中心',
      nameEn: 'Binjiang Government Service Center',
      timezone: 'Asia/Shanghai',
      hours: { mon: week, tue: week, wed: week, thu: week, fri: week, sat: [['09:00', '12:00']], sun: [] },
      holidays: ['2027-01-01'],
      ticketing: { openEarlyMinutes: 30, stopBeforeCloseMinutes: 15 },
      lateGraceMinutes: 5,
    },
    departments: [
      { id: 'scjg', name: '市场监督管理局', nameEn: 'Market Regulation Bureau' },
      { id: 'ga', name: '公安局' },
      { id: 'zrzy', name: '自然资源和规划局' },
      { id: 'ly', name: '林业局' },
    ],
    services: [
      {
        id: 'company',
        departmentId: 'scjg',
        name: '企业开办',
        nameEn: 'Company registration',
        prefix: 'A',
        targetWaitMinutes: 30,
        defaultServiceMinutes: 10,
        guide: { materials: ['公司登记（备案）申请书', '全体股东身份证明', '公司章程', '住所使用证明'], notes: '可先在政务服务网预审材料，预审通过后一次办结。', promisedDays: 1 },
      },
      { id: 'trader', departmentId: 'scjg', name: '个体工商户登记', prefix: 'B', targetWaitMinutes: 20, defaultServiceMinutes: 6 },
      { id: 'household', departmentId: 'ga', name: '户籍办理', prefix: 'C', targetWaitMinutes: 20, defaultServiceMinutes: 5, dailyCap: 3 },
      { id: 'property', departmentId: 'zrzy', name: '不动产登记', prefix: 'E', targetWaitMinutes: 30, defaultServiceMinutes: 20 },
      { id: 'forestry', departmentId: 'ly', name: '林木采伐许可', prefix: 'L', targetWaitMinutes: 30, defaultServiceMinutes: 15 },
    ],
    windows,
    staff: [{ id: 'm1', staffNo: '9001', name: '郑主任', departmentId: 'scjg', role: 'manager', passwordHash: PW_HASH }, ...clerks],
    devices: [
      { id: 'kiosk-1', kind: 'kiosk', name: '取号机 1', key: 'kiosk-key-0000000001' },
      { id: 'kiosk-2', kind: 'kiosk', name: '取号机 2', key: 'kiosk-key-0000000002', printer: { type: 'browser' } },
      { id: 'wall', kind: 'display', name: '大厅综合屏', key: 'display-key-00000001' },
      { id: 'wd5', kind: 'window-display', name: '5 号窗口屏', key: 'window5-key-00000001', windowId: 'w5' },
      { id: 'wd1', kind: 'window-display', name: '1 号窗口屏', key: 'window1-key-00000001', windowId: 'w1' },
    ],
    limits: { issuePerMinutePerDevice: 10_000, loginPerMinutePerAddress: 1000, ticketPagePerMinutePerAddress: 100_000, staffSessionHours: 12 },
  };
}

export function testConfig(edit?: (c: HallConfigInput) => void): HallConfig {
  const input = testConfigInput();
  edit?.(input);
  return parseConfig(input);
}

export const KIOSK_KEY = 'kiosk-key-0000000001';
export const DISPLAY_KEY = 'display-key-00000001';
export const WINDOW5_KEY = 'window5-key-00000001';
/** Thursday 2026-11-26 10:00 in Shanghai (02:00 UTC): the hall is open. */
export const THURSDAY_10AM = Date.parse('2026-11-26T10:00:00+08:00');
