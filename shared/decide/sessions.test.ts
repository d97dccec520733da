import { describe, expect, it } from 'vitest';
import type { PrinterFault, StaffSession } from '../types.ts';
import { changeList, makeConfig, makeDraft, NOW, staff, T0 } from './fixture.ts';
import { createSession, endSession, MAX_PRINTER_FAULTS, recordPrinterFault } from './sessions.ts';

const HOUR = 3600_000;

describe('createSession', () => {
  it.each<{ name: string; hours: number | undefined; expiresAt: number }>([
    { name: 'default 12 hours', hours: undefined, expiresAt: NOW + 12 * HOUR },
    { name: 'configured 8 hours', hours: 8, expiresAt: NOW + 8 * HOUR },
    { name: 'configured half an hour', hours: 0.5, expiresAt: NOW + HOUR / 2 },
  ])('$name', ({ hours, expiresAt }) => {
    const cfg = hours === undefined ? makeConfig() : makeConfig({ limits: { staffSessionHours: hours } });
    const d = makeDraft({}, { config: cfg });
    const s = createSession(d, 'hash-1', staff('c1', cfg));
    expect(s).toEqual({ tokenHash: 'hash-1', staffId: 'c1', createdAt: NOW, expiresAt });
    expect(d.changes).toEqual([{ c: 'sessions', id: 'hash-1', v: s }]);
    expect(d.events).toEqual([]);
  });

  it('a second session of the same clerk is a session of its own', () => {
    const old: StaffSession = { tokenHash: 'hash-0', staffId: 'c1', createdAt: T0, expiresAt: T0 + 12 * HOUR };
    const d = makeDraft({ sessions: [old] });
    createSession(d, 'hash-1', staff('c1'));
    expect(Object.keys(d.model.data.sessions).sort()).toEqual(['hash-0', 'hash-1']);
  });
});

describe('endSession', () => {
  const s: StaffSession = { tokenHash: 'hash-1', staffId: 'c1', createdAt: T0, expiresAt: T0 + 12 * HOUR };
  it.each<{ name: string; sessions: StaffSession[]; hash: string; changes: string[] }>([
    { name: 'an existing session is removed', sessions: [s], hash: 'hash-1', changes: ['-sessions hash-1'] },
    { name: 'an unknown session: nothing to remove', sessions: [s], hash: 'hash-2', changes: [] },
    { name: 'an inherited property name: nothing to remove', sessions: [s], hash: 'constructor', changes: [] },
  ])('$name, and sockets of it are told it ended', ({ sessions, hash, changes }) => {
    const d = makeDraft({ sessions });
    endSession(d, hash);
    expect(changeList(d)).toEqual(changes);
    expect(d.events).toEqual([{ type: 'session-ended', tokenHash: hash }]);
  });
});

describe('recordPrinterFault', () => {
  /** `n` faults, stored newest first, so only `at` tells their age. */
  const faults = (n: number): PrinterFault[] =>
    Array.from({ length: n }, (_, i) => ({ id: `old-${String(i).padStart(3, '0')}`, deviceId: 'kiosk-1', message: 'paper out', at: T0 + i * 1000 })).reverse();

  it.each<{ before: number; removed: number }>([
    { before: 0, removed: 0 },
    { before: 1, removed: 0 },
    { before: MAX_PRINTER_FAULTS - 1, removed: 0 },
    { before: MAX_PRINTER_FAULTS, removed: 1 },
    { before: MAX_PRINTER_FAULTS + 3, removed: 4 },
  ])('with $before kept: the $removed oldest go, never more than MAX_PRINTER_FAULTS', ({ before, removed }) => {
    const d = makeDraft({ printerFaults: faults(before) });
    const f = recordPrinterFault(d, 'kiosk-2', 'cover open');
    expect(f).toEqual({ id: 'pf-1', deviceId: 'kiosk-2', message: 'cover open', at: NOW });
    const gone = Array.from({ length: removed }, (_, i) => `-printerFaults old-${String(i).padStart(3, '0')}`);
    expect(changeList(d)).toEqual([...gone, '+printerFaults pf-1']);
    expect(Object.keys(d.model.data.printerFaults)).toHaveLength(Math.min(before + 1, MAX_PRINTER_FAULTS));
    expect(d.model.data.printerFaults['pf-1']).toEqual(f);
    expect(d.events).toEqual([{ type: 'printer-fault', fault: f }]);
  });

  it.each<{ name: string; number: string | undefined; has: boolean }>([
    { name: 'the ticket it failed to print', number: 'A012', has: true },
    { name: 'no ticket', number: undefined, has: false },
    { name: 'an empty ticket number', number: '', has: false },
  ])('$name', ({ number, has }) => {
    const d = makeDraft();
    const f = recordPrinterFault(d, 'kiosk-1', 'paper out', number);
    if (has) expect(f.ticketNumber).toBe(number);
    else expect(f).not.toHaveProperty('ticketNumber');
  });

  it('faults recorded one after another keep the cap', () => {
    const d = makeDraft({ printerFaults: faults(MAX_PRINTER_FAULTS) });
    for (let i = 0; i < 5; i++) recordPrinterFault(d, 'kiosk-1', `fault ${i}`);
    const kept = Object.values(d.model.data.printerFaults);
    expect(kept).toHaveLength(MAX_PRINTER_FAULTS);
    expect(kept.filter((f) => f.id.startsWith('old-'))).toHaveLength(MAX_PRINTER_FAULTS - 5);
    expect(Object.keys(d.model.data.printerFaults).filter((id) => /^old-00[0-4]$/.test(id))).toEqual([]);
  });
});
