import { describe, expect, it } from 'vitest';
import type { CallView, WindowView } from '../views.ts';
import { callsOnBoard } from './calls-on-board.ts';

const call = (number: string, windowId: string, at: number, visitId = `v-${number}-${windowId}`): CallView => ({
  id: `${visitId}#1`,
  visitId,
  number,
  windowId,
  windowNumber: Number(windowId.slice(1)),
  windowName: '',
  serviceId: 'company',
  callCount: 1,
  at,
});
const win = (id: string, w: Partial<WindowView> = {}): WindowView => ({ id, number: Number(id.slice(1)), name: '', serviceIds: [], status: 'open', ...w });

describe('the calls a hall screen shows', () => {
  const A1 = call('A001', 'w1', 30);
  const B1 = call('B001', 'w2', 20);
  const A2 = call('A002', 'w1', 10);
  const cases: Array<[string, CallView[], WindowView[], string | undefined, string[]]> = [
    ['the newest call whose window still calls it', [A1, B1, A2], [win('w1', { currentNumber: 'A001', currentStatus: 'called' }), win('w2', { currentNumber: 'B001', currentStatus: 'called' })], 'A001', ['B001', 'A002']],
    ['not once the citizen is being served', [A1, B1], [win('w1', { currentNumber: 'A001', currentStatus: 'serving' }), win('w2', { currentNumber: 'B001', currentStatus: 'called' })], 'B001', ['A001']],
    ['not once it is finished (the window is free)', [A1], [win('w1')], undefined, ['A001']],
    ['not while the window is paused', [A1], [win('w1', { status: 'paused', currentNumber: 'A001', currentStatus: 'called' })], undefined, ['A001']],
    ['not after a transfer: the window has the next number or none', [A1, A2], [win('w1', { currentNumber: 'A002', currentStatus: 'called' })], 'A002', ['A001']],
    ['not for a window the screen does not show', [A1], [], undefined, ['A001']],
    ['nothing at all', [], [win('w1')], undefined, []],
  ];
  it.each(cases)('%s', (_what, calls, windows, calling, earlier) => {
    const board = callsOnBoard(calls, windows);
    expect(board.calling?.number).toBe(calling);
    expect(board.earlier.map((c) => c.number)).toEqual(earlier);
  });

  it('lists a number once, at its latest call, when it was called at two windows (a transfer)', () => {
    const first = call('A001', 'w1', 10, 'v-1');
    const again = call('A001', 'w5', 40, 'v-2');
    const board = callsOnBoard([again, B1, first], [win('w1'), win('w2'), win('w5')]);
    expect(board.earlier.map((c) => `${c.number}@${c.windowId}`)).toEqual(['A001@w5', 'B001@w2']);
  });
});
