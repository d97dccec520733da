/** What bench/day.ts tells its clients (bench/day-clients.ts) and what they report back. */

export interface DayPlan {
  tickets: number;
  /** Tickets issued per second. */
  rate: number;
  windows: number;
  services: number;
  /** Tickets are issued from these kiosks in turn. */
  kioskKeys: string[];
  padKeyPrefix: string;
  /** The share of tickets followed on a phone page from issuing to their end. */
  phoneShare: number;
}

export const COMMANDS = ['issue', 'call-next', 'start', 'finish', 'no-show', 'transfer', 'rate', 'phone-rate', 'cancel'] as const;
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
  phones: DayPhones;
  /**
   * Where the slowest 1 % of commands (by the clients' time, empty polls left out) spent it,
   * in ms: the mean of each part (bench/lean-api.ts, Split), and the time they start from.
   */
  slowest: { n: number; fromMs: number; toRead: number; inServer: number; after: number };
  /**
   * p99 over every timed command of the time spent outside the server: `after` (answered to
   * read by the client) and `toRead + after`. Each command's time is at least its share
   * outside, so the day's p99 is at least these, however fast the server answers.
   */
  outsideP99: { after: number; toReadAndAfter: number };
  /** The clients' process's own event-loop delay while the day ran, in ms. */
  ownDelay: { p99: number; max: number };
  /** The clients' main thread: its share of the day on a CPU, how long it waited for one, its GC pauses (ms). */
  ownThread: { onCpuShare: number; waitedMs: number; gcMaxMs: number; gcMs: number };
  stuck?: string;
}

/** The phone pages of the day (bench/day-phones.ts). */
export interface DayPhones {
  /** Pages opened, the most open at once, and ticket updates they received. */
  pages: number;
  mostOpen: number;
  updates: number;
  /** Pages whose socket the server refused. */
  refused: number;
  /** Calls a page never showed, and how long after the window asked each shown call appeared. */
  callsNotShown: number;
  callShownMs: number[];
  ratings: number;
}
