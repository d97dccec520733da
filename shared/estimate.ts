/**
 * Estimated wait for a new ticket (SPEC §4): tickets ahead × average service time of the
 * service (today's, else its default) ÷ open windows serving it (at least 1).
 */
export function estimateWaitMinutes(ahead: number, averageServiceMinutes: number, openWindows: number): number {
  return Math.round((ahead * averageServiceMinutes) / Math.max(1, openWindows));
}

/** Running mean of service durations, kept per service for today. */
export interface DurationStats {
  count: number;
  totalMs: number;
}

export function averageMinutes(stats: DurationStats | undefined, fallbackMinutes: number): number {
  return stats && stats.count > 0 ? stats.totalMs / stats.count / 60000 : fallbackMinutes;
}
