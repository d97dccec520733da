import { describe, expect, it } from 'vitest';
import type { CallView, HallView, QueueCount, ServiceView, WindowView } from '../views.ts';
import { applyCall, applyCounts, applyWindow, RECENT_CALLS, showsCall } from './hall-state.ts';

const service = (id: string, s: Partial<ServiceView> = {}): ServiceView => ({
  id,
  departmentId: 'scjg',
  name: id,
  prefix: 'A',
  windowNumbers: [1],
  serviceId: id,
  waiting: 0,
  estimatedWaitMinutes: 0,
  windowsOpen: 1,
  open: true,
  ...s,
});
const win = (id: string, w: Partial<WindowView> = {}): WindowView => ({ id, number: Number(id.slice(1)), name: '', serviceIds: [], status: 'open', ...w });
const call = (number: string, windowId: string, at: number, visitId = `v-${number}`, callCount = 1): CallView => ({
  id: `${visitId}#${callCount}`,
  visitId,
  number,
  windowId,
  windowNumber: Number(windowId.slice(1)),
  windowName: '',
  serviceId: 'company',
  callCount,
  at,
});
const count = (serviceId: string, c: Partial<QueueCount> = {}): QueueCount => ({ serviceId, waiting: 0, estimatedWaitMinutes: 0, windowsOpen: 1, open: true, ...c });

/** A hall screen's snapshot: services company and trader, windows w1 and w2, no calls yet. */
function makeHall(overrides: Partial<HallView> = {}): HallView {
  return {
    serverNow: 0,
    name: '测试大厅',
    timezone: 'Asia/Shanghai',
    businessDate: '2026-11-26',
    ticketingOpen: true,
    departments: [{ id: 'scjg', name: '市场监督管理局' }],
    services: [service('company'), service('trader')],
    windows: [win('w1'), win('w2')],
    recentCalls: [],
    ...overrides,
  };
}

describe('waiting counts', () => {
  it('replace the figures of the services they name, and leave the others', () => {
    const before = makeHall();
    const hall = applyCounts(before, [count('company', { waiting: 7, estimatedWaitMinutes: 25, windowsOpen: 2 })]);
    expect(hall.services[0]).toEqual({ ...service('company'), waiting: 7, estimatedWaitMinutes: 25, windowsOpen: 2 });
    expect(hall.services[1]).toBe(before.services[1]);
  });

  it.each([
    ['a count without closedReason drops the old reason (the service reopened)', 'cap', count('company'), undefined, true],
    ['a count with a reason sets it', undefined, count('company', { open: false, closedReason: 'hours' }), 'hours', false],
    ['a count with another reason replaces it', 'hours', count('company', { open: false, closedReason: 'cap' }), 'cap', false],
  ] as const)('%s', (_what, before, delta, after, open) => {
    const hall = makeHall({ services: [service('company', { open: before === undefined, ...(before ? { closedReason: before } : {}) })] });
    const next = applyCounts(hall, [delta]).services[0];
    expect(next.closedReason).toBe(after);
    expect('closedReason' in next).toBe(after !== undefined);
    expect(next.open).toBe(open);
  });

  it('about services the screen does not show are ignored: the very same hall comes back', () => {
    const hall = makeHall();
    expect(applyCounts(hall, [count('household', { waiting: 3 })])).toBe(hall);
    expect(applyCounts(hall, [])).toBe(hall);
  });
});

describe('window states', () => {
  it('replace the window they name', () => {
    const paused = win('w2', { status: 'paused', pauseReason: 'meeting', pausedSince: 5 });
    const hall = applyWindow(makeHall(), paused);
    expect(hall.windows).toEqual([win('w1'), paused]);
  });

  it('about windows the screen does not show are ignored (a display of one zone)', () => {
    const hall = makeHall();
    expect(applyWindow(hall, win('w9', { status: 'paused' }))).toBe(hall);
  });
});

describe('calls', () => {
  it('come newest first', () => {
    const hall = applyCall(applyCall(makeHall(), call('A001', 'w1', 10)), call('A002', 'w2', 20));
    expect(hall.recentCalls.map((c) => c.number)).toEqual(['A002', 'A001']);
  });

  it('a recall replaces the earlier call of the same visit', () => {
    const first = call('A001', 'w1', 10, 'v-1', 1);
    const other = call('A002', 'w2', 20, 'v-2');
    const recall = call('A001', 'w1', 30, 'v-1', 2);
    const hall = [first, other, recall].reduce(applyCall, makeHall());
    expect(hall.recentCalls.map((c) => c.id)).toEqual(['v-1#2', 'v-2#1']);
  });

  it('the same number called again in a new visit (after a transfer) is a new call', () => {
    const hall = [call('A001', 'w1', 10, 'v-1'), call('A001', 'w2', 20, 'v-2')].reduce(applyCall, makeHall());
    expect(hall.recentCalls.map((c) => `${c.number}@${c.windowId}`)).toEqual(['A001@w2', 'A001@w1']);
  });

  it(`keeps the ${RECENT_CALLS} most recent, as the server does`, () => {
    const calls = Array.from({ length: RECENT_CALLS + 3 }, (_, i) => call(`A${String(i + 1).padStart(3, '0')}`, 'w1', i));
    const hall = calls.reduce(applyCall, makeHall());
    expect(hall.recentCalls).toHaveLength(RECENT_CALLS);
    expect(hall.recentCalls[0].number).toBe(`A0${RECENT_CALLS + 3}`);
    expect(hall.recentCalls[RECENT_CALLS - 1].number).toBe('A004');
  });

  it('to windows the screen does not show are ignored', () => {
    const hall = makeHall();
    const elsewhere = call('C001', 'w9', 10);
    expect(showsCall(hall, elsewhere)).toBe(false);
    expect(applyCall(hall, elsewhere)).toBe(hall);
    expect(showsCall(hall, call('A001', 'w1', 10))).toBe(true);
  });
});
