import { diffRecords } from '../changes.ts';
import type { CallRecord, HallModel } from '../hall-model.ts';
import { own } from '../records.ts';
import type { Change, CollectionName, RecordOf } from '../state.ts';
import type { PrinterFault, Ticket } from '../types.ts';
import type { RatingRequest } from '../views.ts';

/** What changed, for the realtime layer to project and send. Published only after the commit is durable. */
export type HallEvent =
  | { type: 'ticket'; before?: Ticket; after: Ticket }
  | { type: 'call'; call: CallRecord }
  | { type: 'window'; windowId: string }
  | { type: 'rating-request'; request: RatingRequest }
  | { type: 'rating-closed'; windowId: string; visitId: string }
  | { type: 'printer-fault'; fault: PrinterFault }
  | { type: 'session-ended'; tokenHash: string }
  | { type: 'resync'; reason: 'day-closed' | 'reloaded' }
  /** An export waits in the outbox: the sender may go. */
  | { type: 'outbox' }
  /** An export was delivered or failed an attempt: managers' upload panels look again. */
  | { type: 'outbox-settled' }
  /** A bad review moved on: the holder's phone page shows the hall's reply. */
  | { type: 'review'; ticketId: string }
  /** The configuration changed: every screen gets the hall again, revoked devices are let go. */
  | { type: 'config' };

/** Where a decision gets new ids and ticket tokens from (random and keyed on the server, fixed in tests). */
export interface Ids {
  id(prefix: string): string;
  ticketId(businessDate: string): string;
  ticketToken(ticketId: string): string;
}

/**
 * One command's decision in the making. The deciders read the model and put their changes
 * here; each change goes at once to that model (the working one, which the next command
 * is decided on — never the one readers see), so later steps of the same command see the
 * earlier ones. An update carries the fields that changed, which is what the journal writes.
 */
export class Draft {
  readonly changes: Change[] = [];
  readonly events: HallEvent[] = [];

  constructor(
    readonly model: HallModel,
    readonly now: number,
    readonly ids: Ids,
    /** Clerks whose sign-in the last day close ended: their next action is told so. */
    readonly signedOutByDayClose: ReadonlySet<string> = new Set(),
  ) {}

  put<C extends CollectionName>(c: C, id: string, v: RecordOf<C> | null): void {
    const before = v === null ? undefined : own(this.model.data[c] as Record<string, RecordOf<C>>, id);
    const patch = before !== undefined && v !== null && typeof before === 'object' ? diffRecords(before, v as object) : undefined;
    const change = { c, id, v, ...(patch ? { patch } : {}) } as Change;
    this.model.apply(change);
    this.changes.push(change);
  }

  putTicket(before: Ticket | undefined, after: Ticket): void {
    this.put('tickets', after.id, after);
    this.events.push({ type: 'ticket', ...(before ? { before } : {}), after });
  }

  emit(e: HallEvent): void {
    this.events.push(e);
  }
}
