import type { Slip } from '../../shared/slip.ts';
import type { Lang } from '../../shared/ui/i18n.ts';
import { ApiError, apiRequest } from '../../shared/ui/api.ts';

/**
 * What `POST /api/tickets` answers: the ticket and how its slip was printed. A 预约签到
 * answers the same, with the ticket marked as a booking's (or as a late one's, queued as a walk-in).
 */
export interface IssueResult {
  ticket: {
    id: string;
    number: string;
    serviceId: string;
    priority: boolean;
    issuedAt: number;
    ahead: number;
    estimatedWaitMinutes: number;
    windowsOpen: number;
    statusUrl: string;
    appointment?: boolean;
    appointmentLate?: boolean;
  };
  print: { status: 'printed' } | { status: 'failed'; message: string } | { status: 'browser'; slip: Slip } | { status: 'none' };
}

const RETRY_DELAYS_MS = [1000, 2000, 4000];

/**
 * Issue a ticket for one tap. The tap's request id goes with every attempt, so when the
 * answer is lost on the way back (Wi-Fi drop, server restart) the retry gets the same
 * ticket back instead of a second number; only network failures are retried.
 */
export async function issueTicket(key: string, serviceId: string, priority: boolean, lang: Lang): Promise<IssueResult> {
  const requestId = crypto.randomUUID();
  // The phone page then opens in the language the ticket was taken in.
  const body = { serviceId, requestId, ...(priority ? { priority: true } : {}), ...(lang === 'en' ? { lang } : {}) };
  for (let attempt = 0; ; attempt++) {
    try {
      // The server waits for the network printer (bounded by its timeout) before answering.
      return await apiRequest<IssueResult>('POST', '/tickets', { auth: key, body, timeoutMs: 30_000 });
    } catch (e) {
      if (!(e instanceof ApiError) || e.code !== 'NETWORK' || attempt >= RETRY_DELAYS_MS.length) throw e;
      await new Promise((r) => setTimeout(r, RETRY_DELAYS_MS[attempt]));
    }
  }
}
