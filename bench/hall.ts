import type { HallConfigInput } from '../shared/config-schema.ts';
import { PW_HASH } from '../tests/support/config.ts';

/** SPEC §8's scale: 60 windows, 20 services over 10 departments, open all day, no rate limit in the way. */
export function benchConfig(): HallConfigInput {
  const allDay: Array<[string, string]> = [['00:00', '23:59']];
  const departments = Array.from({ length: 10 }, (_, i) => ({ id: `d${i}`, name: `部门${i}` }));
  const letters = 'ABCDEFGHJKLMNPQRSTUV';
  const services = Array.from({ length: 20 }, (_, i) => ({
    id: `s${i}`,
    departmentId: `d${i % 10}`,
    name: `事项${i}`,
    prefix: letters[i],
    targetWaitMinutes: 30,
    defaultServiceMinutes: 10,
  }));
  const windows = Array.from({ length: 60 }, (_, i) => ({ id: `w${i + 1}`, number: i + 1, name: `窗口${i + 1}`, serviceIds: [`s${i % 20}`, `s${(i + 7) % 20}`] }));
  return {
    hall: {
      name: '基准测试大厅',
      hours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
      // The bench's day runs in minutes of real time: a 过号 may follow its call at once.
      noShowAfterSeconds: 0,
    },
    departments,
    services,
    windows,
    staff: [
      { id: 'm1', staffNo: '9001', name: '主任', departmentId: 'd0', role: 'manager', passwordHash: PW_HASH },
      ...windows.map((w, i) => ({ id: `c${i + 1}`, staffNo: `${1000 + i + 1}`, name: `员${i + 1}`, departmentId: `d${i % 10}`, role: 'clerk' as const, passwordHash: PW_HASH })),
    ],
    devices: [
      { id: 'k1', kind: 'kiosk', name: 'kiosk', key: 'bench-kiosk-key-000001' },
      { id: 'disp', kind: 'display', name: 'display', key: 'bench-display-key-0001' },
    ],
    limits: { issuePerMinutePerDevice: 1_000_000, loginPerMinutePerAddress: 1_000_000, ticketPagePerMinutePerAddress: 1_000_000, staffSessionHours: 12 },
  };
}
