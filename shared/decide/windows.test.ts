import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../errors.ts';
import type { AttendanceEvent, PauseReason, Ticket, WindowState } from '../types.ts';
import type { Draft } from './draft.ts';
import { calledTicket, changeList, expectRefused, makeDraft, makeModel, makeTicket, NOW, type Records, refusal, signedIn, staff, T0 } from './fixture.ts';
import { actingWindow, pause, readyToCall, resume, serves, signIn, signOut, windowOf } from './windows.ts';

/** The attendance written by a command, without the time (always the draft's now). */
function attendanceOf(d: Draft): Array<Omit<AttendanceEvent, 'id' | 'at'>> {
  return d.changes.flatMap((c) => {
    if (c.c !== 'attendance' || c.v === null) return [];
    expect(c.v.at).toBe(NOW);
    expect(c.v.id).toBe(c.id);
    const { id: _id, at: _at, ...rest } = c.v;
    return [rest];
  });
}

type Expected = { code: ErrorCode } | { windows: Record<string, WindowState | undefined>; attendance: Array<Omit<AttendanceEvent, 'id' | 'at'>> };

interface Row {
  name: string;
  /** The situation: who is signed in where, and any tickets. */
  given: Records;
  signedOutByDayClose?: string[];
  cmd: (d: Draft) => unknown;
  expected: Expected;
}

function check({ given, signedOutByDayClose, cmd, expected }: Row): void {
  const d = makeDraft(given, { signedOutByDayClose });
  if ('code' in expected) {
    expectRefused(d, () => cmd(d), expected.code);
    return;
  }
  cmd(d);
  for (const [id, w] of Object.entries(expected.windows)) expect(d.model.data.windows[id], id).toEqual(w);
  expect(attendanceOf(d)).toEqual(expected.attendance);
}

const at = (staffId: string, windowId: string, kind: AttendanceEvent['kind'], reason?: PauseReason) => ({ staffId, windowId, kind, ...(reason ? { reason } : {}) });
const paused = { pause: { reason: 'break' as const, since: T0 + 1000 } };

describe('signIn', () => {
  const rows: Row[] = [
    {
      name: 'at a free window of their department',
      given: {},
      cmd: (d) => signIn(d, 'w1', staff('c1')),
      expected: { windows: { w1: { windowId: 'w1', staffId: 'c1', signedInAt: NOW } }, attendance: [at('c1', 'w1', 'sign-in')] },
    },
    { name: 'at a window another clerk is signed in at → WINDOW_OCCUPIED', given: { windows: [signedIn('w1', 'c2')] }, cmd: (d) => signIn(d, 'w1', staff('c1')), expected: { code: 'WINDOW_OCCUPIED' } },
    { name: 'at a window of another department → WINDOW_NOT_ALLOWED', given: {}, cmd: (d) => signIn(d, 'w1', staff('c3')), expected: { code: 'WINDOW_NOT_ALLOWED' } },
    { name: 'at an occupied window of another department → WINDOW_NOT_ALLOWED first', given: { windows: [signedIn('w1', 'c2')] }, cmd: (d) => signIn(d, 'w1', staff('c3')), expected: { code: 'WINDOW_NOT_ALLOWED' } },
    {
      name: 'at a 综合窗口 (no department) by a clerk of ga',
      given: {},
      cmd: (d) => signIn(d, 'w4', staff('c3')),
      expected: { windows: { w4: { windowId: 'w4', staffId: 'c3', signedInAt: NOW } }, attendance: [at('c3', 'w4', 'sign-in')] },
    },
    {
      name: 'at a 综合窗口 (no department) by a clerk of scjg',
      given: {},
      cmd: (d) => signIn(d, 'w4', staff('c1')),
      expected: { windows: { w4: { windowId: 'w4', staffId: 'c1', signedInAt: NOW } }, attendance: [at('c1', 'w4', 'sign-in')] },
    },
    {
      name: 'at a window of another department whose staffIds names them',
      given: {},
      cmd: (d) => signIn(d, 'w5', staff('c3')),
      expected: { windows: { w5: { windowId: 'w5', staffId: 'c3', signedInAt: NOW } }, attendance: [at('c3', 'w5', 'sign-in')] },
    },
    { name: 'staffIds names one clerk, not their whole department → WINDOW_NOT_ALLOWED', given: {}, cmd: (d) => signIn(d, 'w5', staff('c6')), expected: { code: 'WINDOW_NOT_ALLOWED' } },
    {
      name: 'already signed in at another window → ALREADY_SIGNED_IN',
      given: { windows: [signedIn('w2', 'c1')] },
      cmd: (d) => signIn(d, 'w1', staff('c1')),
      expected: { code: 'ALREADY_SIGNED_IN' },
    },
    { name: 'at a window the config does not have → UNKNOWN_WINDOW', given: {}, cmd: (d) => signIn(d, 'w9', staff('c1')), expected: { code: 'UNKNOWN_WINDOW' } },
    {
      name: 'after the day close signed them out: a new sign-in is what they are asked for',
      given: {},
      signedOutByDayClose: ['c1'],
      cmd: (d) => signIn(d, 'w1', staff('c1')),
      expected: { windows: { w1: { windowId: 'w1', staffId: 'c1', signedInAt: NOW } }, attendance: [at('c1', 'w1', 'sign-in')] },
    },
    {
      name: 'a stale sign-in at a window the config dropped is ended, then the new one starts',
      given: { windows: [signedIn('w9', 'c1')] },
      cmd: (d) => signIn(d, 'w1', staff('c1')),
      expected: {
        windows: { w9: undefined, w1: { windowId: 'w1', staffId: 'c1', signedInAt: NOW } },
        attendance: [at('c1', 'w9', 'sign-out'), at('c1', 'w1', 'sign-in')],
      },
    },
    {
      name: "another clerk's stale sign-in at a dropped window is left alone",
      given: { windows: [signedIn('w9', 'c2')] },
      cmd: (d) => signIn(d, 'w1', staff('c1')),
      expected: {
        windows: { w9: signedIn('w9', 'c2'), w1: { windowId: 'w1', staffId: 'c1', signedInAt: NOW } },
        attendance: [at('c1', 'w1', 'sign-in')],
      },
    },
  ];

  it.each(rows)('$name', (row) => check(row));

  it('records one window change and one attendance, with fresh ids and no patch, and announces the window', () => {
    const d = makeDraft();
    const w = signIn(d, 'w1', staff('c1'));
    expect(w).toEqual({ windowId: 'w1', staffId: 'c1', signedInAt: NOW });
    expect(d.changes).toEqual([
      { c: 'windows', id: 'w1', v: w },
      { c: 'attendance', id: 'at-1', v: { id: 'at-1', staffId: 'c1', windowId: 'w1', kind: 'sign-in', at: NOW } },
    ]);
    expect(d.events).toEqual([{ type: 'window', windowId: 'w1' }]);
  });

  it('repeated at the same window: the window as it is, no change, no event', () => {
    const before = signedIn('w1', 'c1', { signedInAt: T0, ...paused });
    const d = makeDraft({ windows: [before] });
    expect(signIn(d, 'w1', staff('c1'))).toEqual(before);
    expect(d.changes).toEqual([]);
    expect(d.events).toEqual([]);
  });

  it('a stale sign-in ends in order: the dropped window, its sign-out, the new window, its sign-in; one event, for the new window', () => {
    const d = makeDraft({ windows: [signedIn('w9', 'c1')] });
    signIn(d, 'w1', staff('c1'));
    expect(changeList(d)).toEqual(['-windows w9', '+attendance at-1', '+windows w1', '+attendance at-2']);
    expect(d.changes[0]).toEqual({ c: 'windows', id: 'w9', v: null });
    expect(d.events).toEqual([{ type: 'window', windowId: 'w1' }]);
  });

  it('a window record left without a clerk is written whole again, as a patch of what changed', () => {
    const d = makeDraft({ windows: [{ windowId: 'w1' }] });
    signIn(d, 'w1', staff('c1'));
    expect(d.changes[0]).toEqual({
      c: 'windows',
      id: 'w1',
      v: { windowId: 'w1', staffId: 'c1', signedInAt: NOW },
      patch: { set: { staffId: 'c1', signedInAt: NOW } },
    });
  });
});

describe('signOut, pause and resume', () => {
  const busy = (ticketId = calledTicket().id) => signedIn('w1', 'c1', { currentTicketId: ticketId });
  const rows: Row[] = [
    // signOut
    {
      name: 'sign out: the window is removed, a sign-out written',
      given: { windows: [signedIn('w1', 'c1')] },
      cmd: (d) => signOut(d, 'w1', staff('c1')),
      expected: { windows: { w1: undefined }, attendance: [at('c1', 'w1', 'sign-out')] },
    },
    {
      name: 'sign out while paused is allowed',
      given: { windows: [signedIn('w1', 'c1', paused)] },
      cmd: (d) => signOut(d, 'w1', staff('c1')),
      expected: { windows: { w1: undefined }, attendance: [at('c1', 'w1', 'sign-out')] },
    },
    { name: 'sign out with a current ticket → WINDOW_BUSY', given: { windows: [busy()], tickets: [calledTicket()] }, cmd: (d) => signOut(d, 'w1', staff('c1')), expected: { code: 'WINDOW_BUSY' } },
    {
      name: 'sign out with a ticket transferred to the window waiting → WINDOW_HAS_TRANSFERS',
      given: { windows: [signedIn('w1', 'c1')], tickets: [makeTicket({ targetWindowId: 'w1' })] },
      cmd: (d) => signOut(d, 'w1', staff('c1')),
      expected: { code: 'WINDOW_HAS_TRANSFERS' },
    },
    {
      name: 'sign out with tickets of its services waiting (not transferred to it) is allowed',
      given: { windows: [signedIn('w1', 'c1')], tickets: [makeTicket(), makeTicket({ targetWindowId: 'w2', seq: 2 })] },
      cmd: (d) => signOut(d, 'w1', staff('c1')),
      expected: { windows: { w1: undefined }, attendance: [at('c1', 'w1', 'sign-out')] },
    },
    { name: 'sign out at another window than their own → WRONG_WINDOW', given: { windows: [signedIn('w1', 'c1')] }, cmd: (d) => signOut(d, 'w2', staff('c1')), expected: { code: 'WRONG_WINDOW' } },
    { name: 'sign out, signed in nowhere → NOT_SIGNED_IN', given: {}, cmd: (d) => signOut(d, 'w1', staff('c1')), expected: { code: 'NOT_SIGNED_IN' } },
    { name: 'sign out at a window unknown to the config → UNKNOWN_WINDOW', given: {}, cmd: (d) => signOut(d, 'w9', staff('c1')), expected: { code: 'UNKNOWN_WINDOW' } },
    // pause
    {
      name: 'pause: the window keeps its clerk and gets the reason and time',
      given: { windows: [signedIn('w1', 'c1')] },
      cmd: (d) => pause(d, 'w1', staff('c1'), 'meeting'),
      expected: { windows: { w1: signedIn('w1', 'c1', { pause: { reason: 'meeting', since: NOW } }) }, attendance: [at('c1', 'w1', 'pause', 'meeting')] },
    },
    { name: 'pause twice → WINDOW_PAUSED', given: { windows: [signedIn('w1', 'c1', paused)] }, cmd: (d) => pause(d, 'w1', staff('c1'), 'leave'), expected: { code: 'WINDOW_PAUSED' } },
    { name: 'pause with a current ticket → WINDOW_BUSY', given: { windows: [busy()], tickets: [calledTicket()] }, cmd: (d) => pause(d, 'w1', staff('c1'), 'break'), expected: { code: 'WINDOW_BUSY' } },
    { name: 'pause at another window → WRONG_WINDOW', given: { windows: [signedIn('w1', 'c1'), signedIn('w2', 'c2')] }, cmd: (d) => pause(d, 'w2', staff('c1'), 'break'), expected: { code: 'WRONG_WINDOW' } },
    { name: 'pause at the window of another clerk, signed in nowhere → NOT_SIGNED_IN', given: { windows: [signedIn('w2', 'c2')] }, cmd: (d) => pause(d, 'w2', staff('c1'), 'break'), expected: { code: 'NOT_SIGNED_IN' } },
    // resume
    {
      name: 'resume: the pause is gone, the clerk stays',
      given: { windows: [signedIn('w1', 'c1', paused)] },
      cmd: (d) => resume(d, 'w1', staff('c1')),
      expected: { windows: { w1: signedIn('w1', 'c1') }, attendance: [at('c1', 'w1', 'resume')] },
    },
    { name: 'resume when not paused → NOT_PAUSED', given: { windows: [signedIn('w1', 'c1')] }, cmd: (d) => resume(d, 'w1', staff('c1')), expected: { code: 'NOT_PAUSED' } },
    { name: 'resume at another window → WRONG_WINDOW', given: { windows: [signedIn('w1', 'c1', paused), signedIn('w2', 'c2', paused)] }, cmd: (d) => resume(d, 'w2', staff('c1')), expected: { code: 'WRONG_WINDOW' } },
    // not signed in: why
    { name: 'signed out by the day close → DAY_CLOSED', given: {}, signedOutByDayClose: ['c1'], cmd: (d) => pause(d, 'w1', staff('c1'), 'break'), expected: { code: 'DAY_CLOSED' } },
    { name: 'another clerk signed out by the day close: still NOT_SIGNED_IN', given: {}, signedOutByDayClose: ['c2'], cmd: (d) => resume(d, 'w1', staff('c1')), expected: { code: 'NOT_SIGNED_IN' } },
    {
      name: 'signed out by the day close but since signed in elsewhere → WRONG_WINDOW',
      given: { windows: [signedIn('w2', 'c1')] },
      signedOutByDayClose: ['c1'],
      cmd: (d) => signOut(d, 'w1', staff('c1')),
      expected: { code: 'WRONG_WINDOW' },
    },
    {
      name: 'signed out by the day close and signed in again here: acts',
      given: { windows: [signedIn('w1', 'c1')] },
      signedOutByDayClose: ['c1'],
      cmd: (d) => pause(d, 'w1', staff('c1'), 'other'),
      expected: { windows: { w1: signedIn('w1', 'c1', { pause: { reason: 'other', since: NOW } }) }, attendance: [at('c1', 'w1', 'pause', 'other')] },
    },
    {
      name: 'signed in only at a window the config dropped: NOT_SIGNED_IN, not WRONG_WINDOW',
      given: { windows: [signedIn('w9', 'c1')] },
      cmd: (d) => pause(d, 'w1', staff('c1'), 'break'),
      expected: { code: 'NOT_SIGNED_IN' },
    },
  ];

  it.each(rows)('$name', (row) => check(row));

  it('sign out removes the window record (no patch) and announces the window', () => {
    const d = makeDraft({ windows: [signedIn('w1', 'c1')] });
    expect(signOut(d, 'w1', staff('c1'))).toEqual({ windowId: 'w1' });
    expect(d.changes).toEqual([
      { c: 'windows', id: 'w1', v: null },
      { c: 'attendance', id: 'at-1', v: { id: 'at-1', staffId: 'c1', windowId: 'w1', kind: 'sign-out', at: NOW } },
    ]);
    expect(d.events).toEqual([{ type: 'window', windowId: 'w1' }]);
  });

  it('pause is an update whose patch sets only the pause', () => {
    const d = makeDraft({ windows: [signedIn('w1', 'c1')] });
    const w = pause(d, 'w1', staff('c1'), 'break');
    expect(d.changes[0]).toEqual({ c: 'windows', id: 'w1', v: w, patch: { set: { pause: { reason: 'break', since: NOW } } } });
    expect(d.changes[1]).toEqual({ c: 'attendance', id: 'at-1', v: { id: 'at-1', staffId: 'c1', windowId: 'w1', kind: 'pause', reason: 'break', at: NOW } });
    expect(d.events).toEqual([{ type: 'window', windowId: 'w1' }]);
  });

  it('resume is an update whose patch only removes the pause', () => {
    const d = makeDraft({ windows: [signedIn('w1', 'c1', paused)] });
    const w = resume(d, 'w1', staff('c1'));
    expect(w).toEqual(signedIn('w1', 'c1'));
    expect(w).not.toHaveProperty('pause');
    expect(d.changes[0]).toEqual({ c: 'windows', id: 'w1', v: w, patch: { unset: ['pause'] } });
    expect(d.changes[1].v).not.toHaveProperty('reason');
    expect(d.events).toEqual([{ type: 'window', windowId: 'w1' }]);
  });

  it('sign in, pause, resume, sign out: one attendance each, ids counting up', () => {
    const d = makeDraft();
    signIn(d, 'w3', staff('c3'));
    pause(d, 'w3', staff('c3'), 'leave');
    resume(d, 'w3', staff('c3'));
    signOut(d, 'w3', staff('c3'));
    expect(changeList(d)).toEqual(['+windows w3', '+attendance at-1', '~windows w3', '+attendance at-2', '~windows w3', '+attendance at-3', '-windows w3', '+attendance at-4']);
    expect(attendanceOf(d).map((a) => a.kind)).toEqual(['sign-in', 'pause', 'resume', 'sign-out']);
    expect(d.model.data.windows.w3).toBeUndefined();
  });
});

describe('actingWindow and readyToCall', () => {
  it.each<{ name: string; given: Records; windowId?: string; code: ErrorCode | undefined }>([
    { name: 'signed in here, free', given: { windows: [signedIn('w1', 'c1')] }, code: undefined },
    { name: 'paused → WINDOW_PAUSED', given: { windows: [signedIn('w1', 'c1', paused)] }, code: 'WINDOW_PAUSED' },
    { name: 'a ticket at the window → WINDOW_BUSY', given: { windows: [signedIn('w1', 'c1', { currentTicketId: calledTicket().id })], tickets: [calledTicket()] }, code: 'WINDOW_BUSY' },
    { name: 'signed in elsewhere → WRONG_WINDOW', given: { windows: [signedIn('w2', 'c1')] }, code: 'WRONG_WINDOW' },
    { name: 'not signed in → NOT_SIGNED_IN', given: {}, code: 'NOT_SIGNED_IN' },
    { name: 'unknown window → UNKNOWN_WINDOW', given: {}, windowId: 'w9', code: 'UNKNOWN_WINDOW' },
  ])('readyToCall: $name', ({ given, windowId = 'w1', code }) => {
    const d = makeDraft(given);
    expect(refusal(() => readyToCall(d, windowId, staff('c1')))).toBe(code);
    expect(d.changes).toEqual([]);
  });

  it('actingWindow gives the window as stored, paused or busy', () => {
    const w = signedIn('w1', 'c1', { ...paused });
    const d = makeDraft({ windows: [w] });
    expect(actingWindow(d, 'w1', staff('c1'))).toEqual(w);
  });
});

describe('windowOf', () => {
  it.each<{ name: string; windows: WindowState[]; staffId: string; at: string | undefined }>([
    { name: 'signed in at w2', windows: [signedIn('w1', 'c2'), signedIn('w2', 'c1')], staffId: 'c1', at: 'w2' },
    { name: 'not signed in', windows: [signedIn('w1', 'c2')], staffId: 'c1', at: undefined },
    { name: 'only at a window the config dropped', windows: [signedIn('w9', 'c1')], staffId: 'c1', at: undefined },
    { name: 'a window record without a clerk', windows: [{ windowId: 'w1' }], staffId: 'c1', at: undefined },
  ])('$name → $at', ({ windows, staffId, at: where }) => {
    expect(windowOf(makeModel({ windows }), staffId)?.windowId).toBe(where);
  });
});

describe('serves', () => {
  const t = (o: Partial<Ticket>) => makeTicket(o);
  it.each<{ name: string; ticket: Ticket; windowId: string; serves: boolean }>([
    { name: 'a service of the window', ticket: t({ serviceId: 'trader' }), windowId: 'w1', serves: true },
    { name: 'a service the window does not have', ticket: t({ serviceId: 'household' }), windowId: 'w1', serves: false },
    { name: 'transferred to this window, of a service it does not have', ticket: t({ serviceId: 'household', targetWindowId: 'w1' }), windowId: 'w1', serves: true },
    { name: 'transferred to another window, of a service this one has', ticket: t({ targetWindowId: 'w2' }), windowId: 'w1', serves: false },
    { name: 'an unknown window', ticket: t({}), windowId: 'w9', serves: false },
  ])('$name → $serves', ({ ticket, windowId, serves: expected }) => {
    expect(serves(makeModel(), windowId, ticket)).toBe(expected);
  });
});
