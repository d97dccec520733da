import { performance } from 'node:perf_hooks';
import { io as connect, type Socket } from 'socket.io-client';
import type { TicketView } from '../shared/views.ts';
import type { DayPhones } from './day-plan.ts';

/**
 * The citizens of the whole-day bench who scan their slip's QR code (bench/day-clients.ts):
 * each keeps the ticket's page open on the phone — a socket of its own, authenticated by
 * the ticket's token as the phone page does — from issuing to the ticket's end, and some
 * rate the visit there instead of on the window's pad. Measures how long after a window
 * asked for a call the phone showed it.
 */

/** A done ticket's page stays open this long: the citizen may still rate from it. */
const LINGER_MS = 2000;
const ENDED = new Set(['no_show', 'cancelled']);

interface Page {
  socket: Socket;
  token: string;
  status?: string;
  ratableVisitId?: string;
  /** When the page had its first answer (the ticket as it stood when the page opened). */
  firstUpdateAt?: number;
  /** When a window asked for each call of this ticket, and when the page showed each. */
  callsAsked: number[];
  callsShown: number[];
  /** The rating the citizen means to give once the page offers it. */
  rate?: () => Promise<void>;
  lingering?: NodeJS.Timeout;
}

export class Phones {
  private readonly pages = new Map<string, Page>();
  private readonly pending: Promise<void>[] = [];
  private readonly tally: Omit<DayPhones, 'callShownMs'> = { pages: 0, mostOpen: 0, updates: 0, refused: 0, callsNotShown: 0, ratings: 0 };
  private readonly callShownMs: number[] = [];

  constructor(private readonly url: string) {}

  /** The citizen opens the ticket's page from the slip's QR code. */
  follow(ticketId: string, token: string): void {
    const socket = connect(this.url, { auth: { ticketId, ticketToken: token }, transports: ['websocket'], forceNew: true, reconnection: false });
    const page: Page = { socket, token, callsAsked: [], callsShown: [] };
    this.pages.set(ticketId, page);
    this.tally.pages++;
    this.tally.mostOpen = Math.max(this.tally.mostOpen, this.pages.size);
    socket.on('ticket:update', (view: TicketView) => this.update(ticketId, page, view));
    socket.once('connect_error', () => {
      this.tally.refused++;
      this.close(ticketId);
    });
  }

  /** A window's call-next, sent at `at`, called this ticket. */
  callAsked(ticketId: string, at: number): void {
    this.pages.get(ticketId)?.callsAsked.push(at);
  }

  /** The token the page holds (its ticket's, from the slip). */
  tokenOf(ticketId: string): string {
    return this.pages.get(ticketId)?.token ?? '';
  }

  /** The citizen rates on the phone if its page is open (false: rate on the pad). */
  rateOnPhone(ticketId: string, rate: (visitId: string) => Promise<boolean>): boolean {
    const page = this.pages.get(ticketId);
    if (!page) return false;
    page.rate = async () => {
      if (await rate(page.ratableVisitId!)) this.tally.ratings++;
      this.close(ticketId);
    };
    if (page.ratableVisitId) this.startRating(page);
    return true;
  }

  /** Close every page, once the ratings begun are answered; the day's phone figures. */
  async settle(): Promise<DayPhones> {
    await Promise.all(this.pending);
    for (const id of [...this.pages.keys()]) this.close(id);
    return { ...this.tally, callShownMs: this.callShownMs };
  }

  private update(ticketId: string, page: Page, view: TicketView): void {
    const at = performance.now();
    this.tally.updates++;
    page.firstUpdateAt ??= at;
    if (view.status === 'called' && page.status !== 'called') page.callsShown.push(at);
    page.status = view.status;
    page.ratableVisitId = view.ratableVisitId ?? undefined;
    if (page.rate && page.ratableVisitId) this.startRating(page);
    else if (ENDED.has(view.status)) this.close(ticketId);
    else if (view.status === 'done' && !page.lingering) page.lingering = setTimeout(() => this.close(ticketId), LINGER_MS);
  }

  private startRating(page: Page): void {
    const rate = page.rate!;
    page.rate = undefined;
    this.pending.push(rate());
  }

  private close(ticketId: string): void {
    const page = this.pages.get(ticketId);
    if (!page) return;
    this.pages.delete(ticketId);
    clearTimeout(page.lingering);
    page.socket.disconnect();
    // Calls asked before the page had its first answer may have reached it as that answer.
    page.callsAsked.forEach((asked, i) => {
      const shown = page.callsShown[i];
      if (shown === undefined) this.tally.callsNotShown++;
      else if (page.firstUpdateAt !== undefined && asked >= page.firstUpdateAt) this.callShownMs.push(shown - asked);
    });
  }
}
