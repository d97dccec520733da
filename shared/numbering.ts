/** Ticket numbers: the service prefix and a per-prefix, per-business-date sequence of at least 3 digits. */

export function formatTicketNumber(prefix: string, seq: number): string {
  return `${prefix}${String(seq).padStart(3, '0')}`;
}

/** The next sequence for a prefix, given the day's counters (missing = none issued yet). */
export function nextSequence(counters: Readonly<Record<string, number>>, prefix: string): number {
  return (counters[prefix] ?? 0) + 1;
}
