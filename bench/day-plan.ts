/** What bench/day.ts tells its clients (bench/day-clients.ts) and what they report back. */

export interface DayPlan {
  tickets: number;
  /** Tickets issued per second. */
  rate: number;
  windows: number;
  services: number;
  kioskKey: string;
  padKeyPrefix: string;
}

export const COMMANDS = ['issue', 'call-next', 'start', 'finish', 'no-show', 'transfer', 'rate', 'cancel'] as const;
export type Command = (typeof COMMANDS)[number];

export interface DayCounts {
  issued: number;
  cancelled: number;
  finished: number;
  noShows: number;
  transfers: number;
  ratings: number;
  visitsEnded: number;
  emptyPolls: number;
}

export interface DayClientsResult {
  seconds: number;
  counts: DayCounts;
  samples: Record<Command, number[]>;
  refusals: Record<string, number>;
  unexpected: Record<string, number>;
  serverErrors: number;
  stuck?: string;
}
