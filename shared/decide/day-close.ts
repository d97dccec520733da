import { applyTicketCommand } from '../ticket-machine.ts';
import { retireBookings } from './appointments.ts';
import type { Draft } from './draft.ts';

/**
 * The business date's last changes before it is kept as a closed day: tickets still
 * waiting, called or being served end as day_closed; every window closes for the night
 * (a missing sign-out stays missing for attendance); expired sessions go. Returns the
 * clerks whose sign-in this ended.
 */
export function closeDay(d: Draft): Set<string> {
  const m = d.model;
  for (const t of Object.values(m.data.tickets)) {
    if (t.status !== 'waiting' && t.status !== 'called' && t.status !== 'serving') continue;
    const r = applyTicketCommand(t, { type: 'day-close' }, d.now);
    if (r.ok) d.putTicket(t, r.ticket);
  }
  const signedOut = new Set(Object.values(m.data.windows).flatMap((w) => (w.staffId ? [w.staffId] : [])));
  for (const id of Object.keys(m.data.windows)) d.put('windows', id, null);
  for (const [hash, s] of Object.entries(m.data.sessions)) if (s.expiresAt <= d.now) d.put('sessions', hash, null);
  retireBookings(d);
  return signedOut;
}
