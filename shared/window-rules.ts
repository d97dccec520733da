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
