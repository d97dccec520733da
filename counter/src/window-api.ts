import type { WindowSnapshot } from '../../shared/events.ts';
import type { Case, CaseCompletion, Outcome, PauseReason } from '../../shared/types.ts';
import { apiRequest } from '../../shared/ui/api.ts';
import type { StaffTicketView, WindowView } from '../../shared/views.ts';

export type TransferTarget = { serviceId: string } | { windowId: string };

/** The clerk's requests for one window; every one answers with the ticket or the window as it is now. */
export function windowApi(token: string, windowId: string) {
  const path = (action: string) => `/windows/${encodeURIComponent(windowId)}/${action}`;
  const ticket = (action: string, body: unknown = {}) => apiRequest<{ ticket: StaffTicketView | null }>('POST', path(action), { auth: token, body }).then((r) => r.ticket);
  const windowAction = (action: string, body: unknown = {}) => apiRequest<{ window: WindowView }>('POST', path(action), { auth: token, body }).then((r) => r.window);
  return {
    snapshot: () => apiRequest<WindowSnapshot>('GET', `/windows/${encodeURIComponent(windowId)}`, { auth: token }),
    signIn: () => windowAction('sign-in'),
    signOut: () => windowAction('sign-out'),
    pause: (reason: PauseReason) => windowAction('pause', { reason }),
    resume: () => windowAction('resume'),
    callNext: () => ticket('call-next'),
    callNumber: (number: string) => ticket('call', { number }),
    recall: () => ticket('recall'),
    start: () => ticket('start'),
    noShow: () => ticket('no-show'),
    finish: (outcome: Outcome, note?: string) => ticket('finish', note ? { outcome, note } : { outcome }),
    transfer: (to: TransferTarget, note?: string) => ticket('transfer', { ...to, ...(note ? { note } : {}) }),
  };
}

export type WindowApi = ReturnType<typeof windowApi>;

export function pendingCases(token: string): Promise<Case[]> {
  return apiRequest<{ cases: Case[] }>('GET', '/cases?status=pending', { auth: token }).then((r) => r.cases);
}

export function completeCase(token: string, ticketId: string, note?: string): Promise<CaseCompletion> {
  return apiRequest<{ completion: CaseCompletion }>('POST', `/cases/${encodeURIComponent(ticketId)}/complete`, { auth: token, body: note ? { note } : {} }).then((r) => r.completion);
}
