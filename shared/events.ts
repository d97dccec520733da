import type { PrinterFault, VisitEnd } from './types.ts';
import type { CurrentTicketView, HallChanges, HallView, RatingRequest, TicketView, WindowView } from './views.ts';

/**
 * The Socket.IO contract, used typed by the server and every screen. Each client gets
 * a full snapshot on every (re)connection, then deltas. All writes go over HTTP, so
 * there is one write path; the socket only carries what changed.
 */

/** What a window's clerk and its window screen see of their window. */
export interface WindowSnapshot {
  /** The server's clock when this was built. */
  serverNow: number;
  window: WindowView;
  current?: CurrentTicketView;
  /** Waiting per service this window serves, plus tickets transferred to it. */
  queue: Array<{ serviceId: string; waiting: number; oldestEnqueuedAt?: number }>;
  transferredHere: number;
  /** For its clerk: each ticket sent to this window, in calling order, with where from and why. */
  transfers?: TransferView[];
  /** A rating the window's pad should ask for, if one is open. */
  ratingRequest?: RatingRequest;
  /** Today's visits of the clerk signed in here, at any window. */
  staffToday?: StaffDayStats;
  /** For its clerk: 过号 is refused this long after the first call (`hall.noShowAfterSeconds`). */
  noShowAfterSeconds?: number;
}

/** A ticket transferred to a window, as that window's clerk sees it. */
export interface TransferView {
  number: string;
  /** The window it came from (its last visit's). */
  fromWindowNumber?: number;
  /** What the sending clerk wrote. */
  note?: string;
  /** Since when it waits here. */
  enqueuedAt: number;
}

/** What a window's public screen sees: no ticket id, no clerk's figures, no transfer notes (SPEC §8). */
export type WindowScreenSnapshot = Omit<WindowSnapshot, 'current' | 'staffToday' | 'transfers' | 'noShowAfterSeconds'> & { current?: Omit<CurrentTicketView, 'id' | 'appointment'> };

export interface StaffDayStats {
  calls: number;
  /** Ended visits by how they ended. */
  byEnd: Partial<Record<VisitEnd, number>>;
  served: number;
  averageServiceSeconds?: number;
}

export interface ServerToClientEvents {
  /** Full state for hall screens, kiosks and staff; sent on every connection. */
  'hall:snapshot': (hall: HallView) => void;
  /**
   * What changed in the hall since the last such message, at most one every few tens of
   * milliseconds: calls to announce (in the order they were made), windows whose state
   * changed, waiting counts and estimates of the services that changed.
   */
  'hall:changes': (changes: HallChanges) => void;
  /** Full state of one window: the clerk's projection to staff, the screen's to its window display. */
  'window:snapshot': (snapshot: WindowSnapshot | WindowScreenSnapshot) => void;
  /** A ticket holder's own ticket (on connection and on every change). */
  'ticket:update': (ticket: TicketView) => void;
  /** The window's pad should ask the citizen to rate this visit. */
  'rating:request': (request: RatingRequest) => void;
  /** The visit was rated (on the pad or the phone): stop asking. */
  'rating:closed': (payload: { windowId: string; visitId: string }) => void;
  'printer:fault': (fault: PrinterFault) => void;
  /** To managers: an export to the province was delivered or failed an attempt: their upload panel looks again. */
  'outbox:changed': () => void;
  /** The business date rolled over: screens should take the new snapshot. */
  'day:closed': (payload: { businessDate: string }) => void;
}

// Actions go over HTTP; the socket is receive-only for clients.
export type ClientToServerEvents = Record<string, never>;

/** `handshake.auth` of each kind of client. */
export type SocketAuth =
  | { key: string }
  | { token: string }
  | { ticketId: string; ticketToken: string };

export const socketPath = '/socket.io';
