import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { TicketView } from '../../shared/views.ts';
import { ApiError, apiRequest } from '../../shared/ui/api.ts';
import { type ConnectionState, useSocket } from '../../shared/ui/use-socket.ts';

export interface TicketHolder {
  ticketId: string;
  token: string;
}

/** The holder's credential from the QR code's URL, if it is complete. */
export function holderFromUrl(href: string): TicketHolder | undefined {
  const params = new URL(href).searchParams;
  const ticketId = params.get('id');
  const token = params.get('token');
  return ticketId && token ? { ticketId, token } : undefined;
}

export function ticketPath(holder: TicketHolder, action = ''): string {
  return `/tickets/${encodeURIComponent(holder.ticketId)}${action}?token=${encodeURIComponent(holder.token)}`;
}

/**
 * One ticket, live: fetched over HTTP at first (and again if the socket is refused), then
 * kept current by `ticket:update`, which the server sends on every (re)connection and change.
 */
export function useTicket(holder: TicketHolder | undefined): { ticket?: TicketView; error?: string; connection: ConnectionState; replace: (t: TicketView) => void; reload: () => Promise<void> } {
  const [ticket, setTicket] = useState<TicketView>();
  const [error, setError] = useState<string>();
  // An HTTP answer older than a socket update must not overwrite it.
  const updates = useRef(0);
  const connection = useSocket(holder ? { ticketId: holder.ticketId, ticketToken: holder.token } : undefined, (socket) => {
    socket.on('ticket:update', (t) => {
      updates.current++;
      setTicket(t);
      setError(undefined);
    });
  });

  const load = useCallback(async () => {
    if (!holder) return;
    const seen = updates.current;
    try {
      const { ticket: t } = await apiRequest<{ ticket: TicketView }>('GET', ticketPath(holder));
      if (updates.current === seen) setTicket(t);
      setError(undefined);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }, [holder?.ticketId, holder?.token]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (connection === 'refused') void load();
  }, [connection, load]);

  const replace = useCallback((t: TicketView) => {
    updates.current++;
    setTicket(t);
  }, []);
  return { ticket, error, connection, replace, reload: load };
}
