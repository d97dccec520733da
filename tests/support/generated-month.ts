import type { HallConfig } from '../../shared/config-schema.ts';
import type { DayArchive } from '../../shared/state.ts';
import { addDays, zonedTime } from '../../shared/time.ts';
import type { AttendanceEvent, CaseCompletion, LateRating, Ticket, Visit, VisitEnd } from '../../shared/types.ts';

/**
 * A month of closed days as a busy hall would leave them, from a seed: tickets called at
 * one window after another (transfers), no-shows, cancellations before any call, tickets
 * the day closed on, visits rated on the pad, accepted cases completed the same day, days
 * later or never, waits and service times to the millisecond (some on a whole second, some
 * just past a target), clerks signing in and out, and now and then a record of a window or
 * service the configuration no longer has. Used to hold the kept day figures to the raw
 * visits, figure by figure.
 */
export interface GeneratedMonth {
  days: DayArchive[];
  /** Phone ratings given after their day closed. */
  lateRatings: LateRating[];
}

function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    // xorshift32: a fixed sequence per seed.
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4_294_967_296;
  };
}

export function generateMonth(config: HallConfig, first: string, days: number, seed: number, ticketsPerDay = 300): GeneratedMonth {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const services = [...config.services.map((s) => s.id), 'retired-service'];
  const windows = [...config.windows.map((w) => w.id), 'w-retired'];
  const clerkOf = (w: string) => (w === 'w-retired' ? 'c-retired' : `c${w.slice(1)}`);
  const departmentOf = (s: string) => config.services.find((x) => x.id === s)?.departmentId ?? 'gone-dept';
  const targetMs = (s: string) => (config.services.find((x) => x.id === s)?.targetWaitMinutes ?? 30) * 60_000;
  /** Accepted visits not yet completed: completed on a later day, by some chance. */
  const open: Array<{ ticket: Ticket; visit: Visit }> = [];
  const out: DayArchive[] = [];
  const lateRatings: LateRating[] = [];

  for (let d = 0; d < days; d++) {
    const date = addDays(first, d);
    const opening = zonedTime(date, 9 * 60, config.hall.timezone);
    const tickets: Ticket[] = [];
    const caseCompletions: CaseCompletion[] = [];
    const attendance: AttendanceEvent[] = [];
    const seqs = new Map<string, number>();
    const complete = (ticket: Ticket, visit: Visit, at: number, acceptedDate: string) =>
      caseCompletions.push({
        id: `cc-${date}-${caseCompletions.length}`,
        ticketId: ticket.id,
        visitId: visit.id,
        number: ticket.number,
        serviceId: visit.serviceId,
        departmentId: visit.departmentId,
        acceptedDate,
        acceptedAt: visit.endedAt!,
        completedAt: at,
        completedBy: visit.staffId,
      });
    // Some earlier cases are completed today.
    for (let i = open.length - 1; i >= 0; i--) {
      if (r() < 0.3) {
        const [c] = open.splice(i, 1);
        complete(c.ticket, c.visit, opening + Math.floor(r() * 3_600_000), c.ticket.businessDate);
      }
    }
    for (const w of windows) {
      if (r() < 0.15) continue;
      const at = opening - Math.floor(r() * 1_800_000);
      attendance.push({ id: `a-${date}-${w}-in`, staffId: clerkOf(w), windowId: w, kind: 'sign-in', at });
      if (r() < 0.3) attendance.push({ id: `a-${date}-${w}-p`, staffId: clerkOf(w), windowId: w, kind: 'pause', reason: 'break', at: at + 7_200_000 });
      if (r() < 0.3) attendance.push({ id: `a-${date}-${w}-r`, staffId: clerkOf(w), windowId: w, kind: 'resume', at: at + 7_800_000 });
      if (r() < 0.9) attendance.push({ id: `a-${date}-${w}-out`, staffId: clerkOf(w), windowId: w, kind: 'sign-out', at: at + 8 * 3_600_000 });
    }
    const count = Math.floor(ticketsPerDay * (0.5 + r()));
    for (let i = 0; i < count; i++) {
      const service = pick(services);
      const prefix = service.slice(0, 1).toUpperCase();
      const seq = (seqs.get(prefix) ?? 0) + 1;
      seqs.set(prefix, seq);
      const issuedAt = opening + Math.floor((i / count) * 7 * 3_600_000) + Math.floor(r() * 1000);
      const id = `${date.replaceAll('-', '')}-${i.toString(36).padStart(10, '0')}`;
      const ticket: Ticket = {
        id,
        token: 't',
        number: `${prefix}${String(seq).padStart(3, '0')}`,
        prefix,
        seq,
        businessDate: date,
        serviceId: service,
        issuedServiceId: service,
        priority: r() < 0.05,
        status: 'done',
        issuedAt,
        enqueuedAt: issuedAt,
        kioskId: 'kiosk-1',
        visits: [],
      };
      tickets.push(ticket);
      const fate = r();
      if (fate < 0.04) {
        // Gave up before a call: some within the target, some past it, one exactly on it.
        const waited = pick([targetMs(service), targetMs(service) + 1, Math.floor(r() * 2 * targetMs(service))]);
        Object.assign(ticket, { status: 'cancelled', cancelledAt: issuedAt + waited, cancelReason: 'citizen' });
        continue;
      }
      if (fate < 0.06 && d % 5 === 0) {
        // History brought from elsewhere: a ticket neither called nor cancelled.
        ticket.status = 'waiting';
        continue;
      }
      // Waits: on the target, a millisecond past it, a whole second, or anything.
      const wait = pick([targetMs(service), targetMs(service) + 1, 1000 * Math.floor(r() * 3000), Math.floor(r() * 3_000_000)]);
      let at = issuedAt + wait;
      ticket.firstCalledAt = at;
      let serviceId = service;
      for (let v = 1; ; v++) {
        const windowId = pick(windows);
        const visit: Visit = {
          id: `${id}-${v}`,
          windowId,
          staffId: clerkOf(windowId),
          serviceId,
          departmentId: departmentOf(serviceId),
          calledAt: at,
          lastCalledAt: at,
          callCount: 1,
        };
        ticket.visits.push(visit);
        const roll = r();
        const end: VisitEnd = roll < 0.08 ? 'no_show' : roll < 0.18 && v < 3 ? 'transferred' : roll < 0.2 ? 'day_closed' : pick(['completed', 'accepted', 'accepted', 'consulted', 'rejected'] as const);
        if (end !== 'no_show' && r() < 0.8) visit.startedAt = at + Math.floor(r() * 20_000);
        at = (visit.startedAt ?? at) + pick([60_000, 1, Math.floor(r() * 1_500_000)]);
        visit.endedAt = at;
        visit.end = end;
        if ((end === 'completed' || end === 'accepted' || end === 'consulted' || end === 'rejected') && r() < 0.35) {
          visit.rating = { score: pick([1, 2, 3, 4, 5, 5, 5] as const), at, source: 'window-pad' };
        }
        if (end === 'accepted') {
          const c = r();
          if (c < 0.3) complete(ticket, visit, at + 600_000, date);
          else if (c < 0.8) open.push({ ticket, visit });
          else if (r() < 0.5 && !visit.rating) lateRatings.push({ visitId: visit.id, ticketId: id, businessDate: date, number: ticket.number, windowId, staffId: visit.staffId, serviceId, departmentId: visit.departmentId, rating: { score: pick([1, 3, 5] as const), at: at + 86_400_000, source: 'phone' } });
        }
        if (end === 'transferred') {
          serviceId = pick(services);
          at += 60_000 + Math.floor(r() * 600_000);
          continue;
        }
        ticket.status = end === 'no_show' ? 'no_show' : end === 'day_closed' ? 'cancelled' : 'done';
        if (end === 'day_closed') Object.assign(ticket, { cancelledAt: at, cancelReason: 'day-closed' });
        break;
      }
    }
    out.push({ businessDate: date, closedAt: opening + 12 * 3_600_000, tickets, attendance, caseCompletions, counters: {} });
  }
  return { days: out, lateRatings };
}
