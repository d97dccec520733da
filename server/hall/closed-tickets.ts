import type { Ticket } from '../../shared/types.ts';
import type { Store } from '../store/store.ts';

/** Closed days whose tickets stay in memory for phone pages that keep asking. */
const CACHED_DAYS = 3;

/**
 * Tickets of closed days, read from the store a day at a time and kept for the last few
 * days asked about (least recently used goes first): yesterday's phones ask again and again.
 */
export class ClosedTickets {
  private readonly days = new Map<string, Map<string, Ticket>>();

  constructor(private readonly store: Store) {}

  async find(date: string, id: string): Promise<Ticket | undefined> {
    let day = this.days.get(date);
    if (day) this.days.delete(date);
    else {
      const archive = await this.store.readClosedDay(date).catch(() => null);
      day = new Map((archive?.tickets ?? []).map((t) => [t.id, t]));
    }
    this.days.set(date, day);
    if (this.days.size > CACHED_DAYS) this.days.delete(this.days.keys().next().value!);
    return day.get(id);
  }
}
