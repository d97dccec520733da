import { describe, expect, it } from 'vitest';
import { type Action, type DeskMode, legalActions } from '../counter/src/window-state.ts';
import type { Draft } from '../shared/decide/draft.ts';
import { calledTicket, makeDraft, makeTicket, min, type Records, refusal, signedIn, staff } from '../shared/decide/fixture.ts';
import { callNext, callNumber, finish, noShow, recall, start, transfer } from '../shared/decide/tickets.ts';
import { pause, readyToCall, resume, signOut } from '../shared/decide/windows.ts';
import type { WindowState } from '../shared/types.ts';
import { type WindowCommand, windowRefusal } from '../shared/window-rules.ts';

/**
 * The counter offers a clerk exactly the actions the server would accept: each action is
 * tried against the server's own deciders, at a window in each mode, and the buttons the
 * counter shows are compared with what went through.
 */

const clerk = staff('c1');
const paused = { pause: { reason: 'break' as const, since: min(2) } };

/** Window w1 with c1 signed in, in the given mode; A002 of its service waits in the queue. */
function windowIn(mode: DeskMode): Records {
  const waiting = makeTicket({ seq: 2 });
  if (mode === 'idle') return { windows: [signedIn('w1', 'c1')], tickets: [waiting] };
  if (mode === 'paused') return { windows: [signedIn('w1', 'c1', paused)], tickets: [waiting] };
  // Called long enough ago that a no-show is not too soon.
  const current = mode === 'called' ? calledTicket() : calledTicket({ status: 'serving' }, { startedAt: min(2) });
  return { windows: [signedIn('w1', 'c1', { currentTicketId: current.id })], tickets: [current, waiting] };
}

/** What each of the counter's actions asks of the server, as the server decides it. */
const SENDS: Record<Action, (d: Draft) => unknown> = {
  callNext: (d) => callNext(d, 'w1', clerk),
  callNumber: (d) => callNumber(d, 'w1', clerk, 'A002'),
  pause: (d) => pause(d, 'w1', clerk, 'meeting'),
  resume: (d) => resume(d, 'w1', clerk),
  signOut: (d) => signOut(d, 'w1', clerk),
  recall: (d) => recall(d, 'w1', clerk),
  start: (d) => start(d, 'w1', clerk),
  noShow: (d) => noShow(d, 'w1', clerk),
  transfer: (d) => transfer(d, 'w1', clerk, { serviceId: 'trader' }),
  'finish:completed': (d) => finish(d, 'w1', clerk, 'completed'),
  'finish:accepted': (d) => finish(d, 'w1', clerk, 'accepted'),
  'finish:consulted': (d) => finish(d, 'w1', clerk, 'consulted'),
  'finish:rejected': (d) => finish(d, 'w1', clerk, 'rejected'),
};

const MODES: DeskMode[] = ['idle', 'paused', 'called', 'serving'];

describe('the actions the counter offers', () => {
  it.each(MODES)('%s: exactly those the server accepts', (mode) => {
    const accepted = (Object.keys(SENDS) as Action[]).filter((a) => refusal(() => SENDS[a](makeDraft(windowIn(mode)))) === undefined);
    expect([...legalActions(mode)].sort()).toEqual(accepted.sort());
  });

  it.each<[DeskMode, Action[]]>([
    ['idle', ['callNext', 'callNumber', 'pause', 'signOut']],
    ['paused', ['resume', 'signOut']],
    ['called', ['start', 'recall', 'noShow', 'finish:completed', 'finish:accepted', 'finish:consulted', 'finish:rejected', 'transfer']],
    ['serving', ['finish:completed', 'finish:accepted', 'finish:consulted', 'finish:rejected', 'transfer']],
  ])('%s: in the order of the buttons', (mode, actions) => {
    expect(legalActions(mode)).toEqual(actions);
  });
});

describe('the window rules the counter reads', () => {
  const deciders: Record<WindowCommand, (d: Draft) => unknown> = {
    call: (d) => readyToCall(d, 'w1', clerk),
    pause: (d) => pause(d, 'w1', clerk, 'break'),
    resume: (d) => resume(d, 'w1', clerk),
    'sign-out': (d) => signOut(d, 'w1', clerk),
  };
  const situations = [
    { paused: false, busy: false },
    { paused: true, busy: false },
    { paused: false, busy: true },
    { paused: true, busy: true },
  ];
  const cases = situations.flatMap((w) => (Object.keys(deciders) as WindowCommand[]).map((cmd) => [cmd, w] as const));

  it.each(cases)('%s at a window %o: refused as the server refuses it', (cmd, w) => {
    const current = calledTicket();
    const state: WindowState = signedIn('w1', 'c1', { ...(w.paused ? paused : {}), ...(w.busy ? { currentTicketId: current.id } : {}) });
    const d = makeDraft({ windows: [state], tickets: w.busy ? [current] : [] });
    expect(windowRefusal(cmd, w)).toBe(refusal(() => deciders[cmd](d)));
  });
});
