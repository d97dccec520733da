/**
 * Estimated wait (SPEC §4): tickets ahead × average service time of the service (today's,
 * else its default) ÷ windows serving it now (signed in, not paused). With nobody ahead it
 * is 0; with someone ahead it is at least a minute ("1 人 约 0 分钟" says nothing). With no
 * window serving it there is no estimate (0): the screens say the windows are not open.
 */
export function estimateWaitMinutes(ahead: number, averageServiceMinutes: number, openWindows: number): number {
  if (ahead <= 0 || openWindows <= 0) return 0;
  return Math.max(1, Math.round((ahead * averageServiceMinutes) / openWindows));
}

/** Running mean of service durations, kept per service for today. */
export interface DurationStats {
  count: number;
  totalMs: number;
}

export function averageMinutes(stats: DurationStats | undefined, fallbackMinutes: number): number {
  return stats && stats.count > 0 ? stats.totalMs / stats.count / 60000 : fallbackMinutes;
}
