import type { StaffConfig, WindowConfig } from './config-schema.ts';

/**
 * Where a staff member may sign in: a window of their own department, a 综合窗口 (a window
 * of no department), or one whose configuration names them. Everything a clerk may do
 * afterwards follows from the window they are signed in at.
 */
export function mayWorkAt(staff: Pick<StaffConfig, 'id' | 'departmentId'>, window: Pick<WindowConfig, 'departmentId' | 'staffIds'>): boolean {
  if (window.staffIds?.includes(staff.id)) return true;
  return window.departmentId === undefined || window.departmentId === staff.departmentId;
}

/** A window's own commands; what may be done with the ticket at it is the ticket's (shared/ticket-machine.ts). */
export type WindowCommand = 'call' | 'pause' | 'resume' | 'sign-out';

/**
 * Why a window refuses one of its own commands, or undefined when it allows it: calling
 * needs a window neither paused nor busy (a ticket called or being served there), pausing
 * and signing out one that is not busy, resuming a paused one. Signing out is refused too
 * while tickets transferred to the window still wait, which only the hall's data can tell.
 * shared/decide/windows.ts refuses by this rule, and the counter offers its buttons by it.
 */
export function windowRefusal(cmd: WindowCommand, w: { paused: boolean; busy: boolean }): 'WINDOW_PAUSED' | 'WINDOW_BUSY' | 'NOT_PAUSED' | undefined {
  switch (cmd) {
    case 'call':
      return w.paused ? 'WINDOW_PAUSED' : w.busy ? 'WINDOW_BUSY' : undefined;
    case 'pause':
      return w.busy ? 'WINDOW_BUSY' : w.paused ? 'WINDOW_PAUSED' : undefined;
    case 'resume':
      return w.paused ? undefined : 'NOT_PAUSED';
    case 'sign-out':
      return w.busy ? 'WINDOW_BUSY' : undefined;
  }
}
