import type { LeaveKind, LeaveRequest as SharedLeave } from '../../shared/types.ts';
import { apiRequest } from '../../shared/ui/api.ts';

/** 请假 (SPEC §12): what server/http/routes/leave.ts answers with. */

export { LEAVE_KINDS, type LeaveKind } from '../../shared/types.ts';

/** A request as the server sends it: the clerk's name added. */
export type LeaveRequest = SharedLeave & { staffName: string };
export type LeaveStatus = LeaveRequest['status'];

/** A clerk's own requests: ask, list, withdraw while still pending. */
export function leaveApi(token: string) {
  return {
    mine: () => apiRequest<{ leave: LeaveRequest[] }>('GET', '/leave', { auth: token }).then((r) => r.leave),
    request: (kind: LeaveKind, dates: string[], note?: string) => apiRequest<{ leave: LeaveRequest }>('POST', '/leave', { auth: token, body: note ? { kind, dates, note } : { kind, dates } }).then((r) => r.leave),
    cancel: (id: string) => apiRequest<{ leave: LeaveRequest }>('POST', `/leave/${encodeURIComponent(id)}/cancel`, { auth: token }).then((r) => r.leave),
  };
}

/** Runs of consecutive dates shown compactly: 11月23日—25日、11月27日. */
export function dateRuns(dates: string[]): Array<[string, string]> {
  const sorted = [...new Set(dates)].sort();
  const runs: Array<[string, string]> = [];
  for (const d of sorted) {
    const last = runs[runs.length - 1];
    if (last && Date.parse(`${d}T00:00:00Z`) - Date.parse(`${last[1]}T00:00:00Z`) === 86_400_000) last[1] = d;
    else runs.push([d, d]);
  }
  return runs;
}
