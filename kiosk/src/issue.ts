import type { Slip } from '../../shared/slip.ts';
import { apiRequest } from '../../shared/ui/api.ts';

/** What `POST /api/tickets` answers: the ticket and how its slip was printed. */
export interface IssueResult {
  ticket: { id: string; number: string; serviceId: string; priority: boolean; issuedAt: number; ahead: number; estimatedWaitMinutes: number; statusUrl: string };
  print: { status: 'printed' } | { status: 'failed'; message: string } | { status: 'browser'; slip: Slip } | { status: 'none' };
}

export function issueTicket(key: string, serviceId: string, priority: boolean): Promise<IssueResult> {
  // The server waits for the network printer (bounded by its timeout) before answering.
  return apiRequest<IssueResult>('POST', '/tickets', { auth: key, body: { serviceId, ...(priority ? { priority: true } : {}) }, timeoutMs: 30_000 });
}
