import type { Latency } from '../bench/lib.ts';

/** Messages between scripts/soak.ts and its client process, scripts/soak-clients.ts. */

export type ClientKind = 'display' | 'zone' | 'window' | 'staff' | 'phone';

export interface ClientsStart {
  url: string;
  /** Sockets to keep connected. */
  target: number;
  minLifeMs: number;
  maxLifeMs: number;
  /** Share of new connections per kind of client (sums to 1). */
  mix: Record<ClientKind, number>;
  displayKey: string;
  /** A wall display showing only some windows and services. */
  zoneKey: string;
  windowKeys: string[];
  staffTokens: string[];
  /** The client process stops by itself at this time (epoch ms). */
  deadline: number;
}

export interface ClientsStats {
  /** Connected now. */
  connected: number;
  /** Connections attempted in all. */
  opened: number;
  closedByUs: number;
  /** Refused or failed handshakes, by kind and reason. */
  connectErrors: Record<string, number>;
  /** Connected sockets the server (or the network) dropped, by kind and reason. */
  serverDrops: Record<string, number>;
  /** Sockets that ended without ever getting their snapshot. */
  noSnapshot: number;
  events: Record<string, number>;
  byKind: Record<ClientKind, number>;
  /** Connect to full snapshot, over the last interval. */
  snapshotMs: Latency;
  /** The same over the whole run. */
  snapshotAllMs: Latency;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

export type ToClients =
  | { type: 'start'; options: ClientsStart }
  | { type: 'tickets'; tickets: Array<{ ticketId: string; ticketToken: string }> }
  | { type: 'stats' }
  | { type: 'stop' };

export type FromClients = { type: 'ready' } | { type: 'stats'; stats: ClientsStats } | { type: 'stopped'; stats: ClientsStats };
