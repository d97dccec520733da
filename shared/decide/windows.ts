import type { StaffConfig } from '../config-schema.ts';
import { fail } from '../errors.ts';
import type { HallModel } from '../hall-model.ts';
import { own } from '../records.ts';
import type { PauseReason, Ticket, WindowState } from '../types.ts';
import { mayWorkAt, type WindowCommand, windowRefusal } from '../window-rules.ts';
import type { Draft } from './draft.ts';

/**
 * The window rules: who may sign in where, pause and resume, and which window acts for a
 * clerk. Each command reads the model in the draft and puts its changes there; a refusal
 * is raised before the first change.
 */

export function windowState(model: HallModel, windowId: string): WindowState {
  if (!model.windowConfig(windowId)) fail('UNKNOWN_WINDOW');
  return own(model.data.windows, windowId) ?? { windowId };
}

/** Where a staff member is signed in now, if anywhere (at a window the configuration still has). */
export function windowOf(model: HallModel, staffId: string): WindowState | undefined {
  return Object.values(model.data.windows).find((w) => w.staffId === staffId && model.windowConfig(w.windowId));
}

/** The window, if this staff member is the one signed in there; the refusal otherwise. */
export function actingWindow(d: Draft, windowId: string, staff: StaffConfig): WindowState {
  const w = windowState(d.model, windowId);
  if (w.staffId === staff.id) return w;
  if (windowOf(d.model, staff.id)) fail('WRONG_WINDOW');
  // Told why, when it was the day close that signed them out, not "not signed in".
  return d.signedOutByDayClose.has(staff.id) ? fail('DAY_CLOSED') : fail('NOT_SIGNED_IN', '您尚未在此窗口签到');
}

/** Refuses a window command its state does not allow (the counter offers its buttons by the same rule). */
function allow(w: WindowState, cmd: WindowCommand): WindowState {
  const refusal = windowRefusal(cmd, { paused: !!w.pause, busy: !!w.currentTicketId });
  return refusal ? fail(refusal) : w;
}

/** The acting window, free to call: not paused, nobody at it. */
export function readyToCall(d: Draft, windowId: string, staff: StaffConfig): WindowState {
  return allow(actingWindow(d, windowId, staff), 'call');
}

/** Whether a window may call this ticket: one transferred to it, or one of the services it serves. */
export function serves(model: HallModel, windowId: string, t: Ticket): boolean {
  if (t.targetWindowId) return t.targetWindowId === windowId;
  return model.windowConfig(windowId)?.serviceIds.includes(t.serviceId) ?? false;
}

function attendance(d: Draft, staff: StaffConfig, windowId: string, kind: 'sign-in' | 'sign-out' | 'pause' | 'resume', reason?: PauseReason): void {
  const id = d.ids.id('at');
  d.put('attendance', id, { id, staffId: staff.id, windowId, kind, at: d.now, ...(reason ? { reason } : {}) });
}

export function signIn(d: Draft, windowId: string, staff: StaffConfig): WindowState {
  const w = windowState(d.model, windowId);
  if (w.staffId === staff.id) return w;
  if (!mayWorkAt(staff, d.model.windowConfig(windowId)!)) fail('WINDOW_NOT_ALLOWED');
  if (w.staffId) fail('WINDOW_OCCUPIED');
  const elsewhere = windowOf(d.model, staff.id);
  if (elsewhere) fail('ALREADY_SIGNED_IN', `您已在 ${d.model.windowConfig(elsewhere.windowId)?.number} 号窗口签到，请先签退`);
  // A sign-in at a window the configuration has since dropped ends here, or the clerk could work nowhere.
  for (const stale of Object.values(d.model.data.windows)) {
    if (stale.staffId !== staff.id || d.model.windowConfig(stale.windowId)) continue;
    d.put('windows', stale.windowId, null);
    attendance(d, staff, stale.windowId, 'sign-out');
  }
  const next: WindowState = { windowId, staffId: staff.id, signedInAt: d.now };
  d.put('windows', windowId, next);
  attendance(d, staff, windowId, 'sign-in');
  d.emit({ type: 'window', windowId });
  return next;
}

export function signOut(d: Draft, windowId: string, staff: StaffConfig): WindowState {
  const w = allow(actingWindow(d, windowId, staff), 'sign-out');
  // Tickets sent to this window would wait for nobody: they are called before the clerk leaves.
  if (d.model.transferredTo(windowId) > 0) fail('WINDOW_HAS_TRANSFERS');
  d.put('windows', windowId, null);
  attendance(d, staff, windowId, 'sign-out');
  d.emit({ type: 'window', windowId });
  return { windowId };
}

export function pause(d: Draft, windowId: string, staff: StaffConfig, reason: PauseReason): WindowState {
  const w = allow(actingWindow(d, windowId, staff), 'pause');
  const next: WindowState = { ...w, pause: { reason, since: d.now } };
  d.put('windows', windowId, next);
  attendance(d, staff, windowId, 'pause', reason);
  d.emit({ type: 'window', windowId });
  return next;
}

export function resume(d: Draft, windowId: string, staff: StaffConfig): WindowState {
  const w = allow(actingWindow(d, windowId, staff), 'resume');
  const { pause: _ended, ...next } = w;
  d.put('windows', windowId, next);
  attendance(d, staff, windowId, 'resume');
  d.emit({ type: 'window', windowId });
  return next;
}
