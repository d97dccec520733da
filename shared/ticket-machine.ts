import type { ErrorCode } from './errors.ts';
import { formatTicketNumber } from './numbering.ts';
import type { Outcome, Ticket, TicketStatus, Visit, VisitEnd } from './types.ts';

/**
 * The ticket state machine of SPEC §4: one pure function of (ticket, command, now)
 * returning the next ticket and what happened, or the code of the refusal.
 */

export type TransferTarget = { serviceId: string } | { windowId: string };

export type TicketCommand =
  /** `visitId` is chosen by the caller: random, so it tells nothing about the ticket. */
  | { type: 'call'; visitId: string; windowId: string; staffId: string; departmentId: string }
  | { type: 'recall' }
  | { type: 'start' }
  | { type: 'finish'; outcome: Outcome; note?: string }
  | { type: 'no-show' }
  | { type: 'requeue'; businessDate: string }
  | { type: 'transfer'; to: TransferTarget; note?: string }
  | { type: 'cancel' }
  | { type: 'day-close' };

export type TicketEvent =
  | { type: 'called'; visit: Visit }
  | { type: 'recalled'; visit: Visit }
  | { type: 'started'; visit: Visit }
  | { type: 'visit-ended'; visit: Visit }
  | { type: 'requeued' }
  | { type: 'transferred'; to: TransferTarget }
  | { type: 'cancelled'; reason: 'citizen' | 'day-closed' };

export type Transition = { ok: true; ticket: Ticket; events: TicketEvent[] } | { ok: false; code: ErrorCode };

const refuse = (code: ErrorCode): Transition => ({ ok: false, code });

/** Which states each command may start from. */
export const ALLOWED_FROM: Record<TicketCommand['type'], readonly TicketStatus[]> = {
  call: ['waiting'],
  recall: ['called'],
  start: ['called'],
  finish: ['called', 'serving'],
  'no-show': ['called'],
  requeue: ['no_show'],
  transfer: ['called', 'serving'],
  cancel: ['waiting'],
  'day-close': ['waiting', 'called', 'serving'],
};

export interface IssueParams {
  id: string;
  token: string;
  prefix: string;
  seq: number;
  businessDate: string;
  serviceId: string;
  priority: boolean;
  kioskId: string;
  requestId?: string;
  now: number;
}

export function issueTicket(p: IssueParams): Ticket {
  return {
    id: p.id,
    token: p.token,
    number: formatTicketNumber(p.prefix, p.seq),
    prefix: p.prefix,
    seq: p.seq,
    businessDate: p.businessDate,
    serviceId: p.serviceId,
    issuedServiceId: p.serviceId,
    priority: p.priority,
    status: 'waiting',
    issuedAt: p.now,
    enqueuedAt: p.now,
    kioskId: p.kioskId,
    ...(p.requestId ? { requestId: p.requestId } : {}),
    visits: [],
  };
}

export function currentVisit(ticket: Ticket): Visit | undefined {
  const last = ticket.visits[ticket.visits.length - 1];
  return last && last.end === undefined ? last : undefined;
}

function withCurrentVisit(ticket: Ticket, patch: Partial<Visit>): { ticket: Ticket; visit: Visit } {
  const visits = ticket.visits.slice();
  const visit = { ...visits[visits.length - 1], ...patch };
  visits[visits.length - 1] = visit;
  return { ticket: { ...ticket, visits }, visit };
}

function endVisit(ticket: Ticket, end: VisitEnd, now: number, status: TicketStatus, note?: string) {
  return withCurrentVisit({ ...ticket, status }, { end, endedAt: now, ...(note ? { note } : {}) });
}

export function applyTicketCommand(ticket: Ticket, cmd: TicketCommand, now: number): Transition {
  if (!ALLOWED_FROM[cmd.type].includes(ticket.status)) return refuse('INVALID_STATE');
  switch (cmd.type) {
    case 'call': {
      const visit: Visit = {
        id: cmd.visitId,
        windowId: cmd.windowId,
        staffId: cmd.staffId,
        serviceId: ticket.serviceId,
        departmentId: cmd.departmentId,
        calledAt: now,
        lastCalledAt: now,
        callCount: 1,
      };
      const next: Ticket = { ...ticket, status: 'called', visits: [...ticket.visits, visit], firstCalledAt: ticket.firstCalledAt ?? now };
      return { ok: true, ticket: next, events: [{ type: 'called', visit }] };
    }
    case 'recall': {
      const cur = currentVisit(ticket)!;
      const { ticket: next, visit } = withCurrentVisit(ticket, { callCount: cur.callCount + 1, lastCalledAt: now });
      return { ok: true, ticket: next, events: [{ type: 'recalled', visit }] };
    }
    case 'start': {
      const { ticket: next, visit } = withCurrentVisit({ ...ticket, status: 'serving' }, { startedAt: now });
      return { ok: true, ticket: next, events: [{ type: 'started', visit }] };
    }
    case 'finish': {
      const { ticket: next, visit } = endVisit(ticket, cmd.outcome, now, 'done', cmd.note);
      return { ok: true, ticket: next, events: [{ type: 'visit-ended', visit }] };
    }
    case 'no-show': {
      const { ticket: next, visit } = endVisit(ticket, 'no_show', now, 'no_show');
      return { ok: true, ticket: next, events: [{ type: 'visit-ended', visit }] };
    }
    case 'requeue': {
      if (ticket.businessDate !== cmd.businessDate) return refuse('NOT_SAME_DAY');
      return { ok: true, ticket: { ...ticket, status: 'waiting', enqueuedAt: now }, events: [{ type: 'requeued' }] };
    }
    case 'transfer': {
      const cur = currentVisit(ticket)!;
      if ('serviceId' in cmd.to && cmd.to.serviceId === ticket.serviceId && !ticket.targetWindowId) return refuse('TRANSFER_TO_SELF');
      if ('windowId' in cmd.to && cmd.to.windowId === cur.windowId) return refuse('TRANSFER_TO_SELF');
      const ended = endVisit(ticket, 'transferred', now, 'waiting', cmd.note);
      const next: Ticket =
        'serviceId' in cmd.to
          ? { ...ended.ticket, serviceId: cmd.to.serviceId, targetWindowId: undefined, enqueuedAt: now }
          : { ...ended.ticket, targetWindowId: cmd.to.windowId, enqueuedAt: now };
      return { ok: true, ticket: next, events: [{ type: 'visit-ended', visit: ended.visit }, { type: 'transferred', to: cmd.to }] };
    }
    case 'cancel':
      return { ok: true, ticket: { ...ticket, status: 'cancelled', cancelledAt: now, cancelReason: 'citizen' }, events: [{ type: 'cancelled', reason: 'citizen' }] };
    case 'day-close': {
      const base: Ticket = { ...ticket, status: 'cancelled', cancelledAt: now, cancelReason: 'day-closed' };
      if (ticket.status === 'waiting') return { ok: true, ticket: base, events: [{ type: 'cancelled', reason: 'day-closed' }] };
      const { ticket: next, visit } = endVisit(base, 'day_closed', now, 'cancelled');
      return { ok: true, ticket: next, events: [{ type: 'visit-ended', visit }, { type: 'cancelled', reason: 'day-closed' }] };
    }
  }
}

/** Visits that count as served (接待): ended by finish or transfer. */
export function isServed(end: VisitEnd | undefined): boolean {
  return end !== undefined && end !== 'no_show' && end !== 'day_closed';
}

/** The visit a citizen rates: the ticket's last ended visit, when it was served (a no-show is not rated). */
export function lastRatableVisit(ticket: Ticket): Visit | undefined {
  const ended = ticket.visits.filter((v) => v.end !== undefined);
  const last = ended[ended.length - 1];
  return last && isServed(last.end) ? last : undefined;
}
