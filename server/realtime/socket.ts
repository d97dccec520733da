import type { Server, Socket } from 'socket.io';
import type { DeviceConfig, StaffConfig } from '../../shared/config-schema.ts';
import { ERRORS } from '../../shared/errors.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/events.ts';
import { callView, hallView, queueCount, ticketView, windowView } from '../../shared/views.ts';
import type { HallEngine, HallEvent } from '../hall/engine.ts';
import { windowSnapshot } from '../hall/window-snapshot.ts';
import type { Authenticator } from '../http/identity.ts';
import { sameSecret } from '../ids.ts';

export type SocketData = { kind: 'device'; device: DeviceConfig } | { kind: 'staff'; staff: StaffConfig } | { kind: 'ticket'; ticketId: string };
export type HallServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type HallSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Waiting counts and queue positions are sent at most this often; calls go out at once. */
const COALESCE_MS = 200;
const REFRESH_MS = 30_000;

const rooms = {
  hall: 'hall',
  managers: 'managers',
  window: (id: string) => `window:${id}`,
  staff: (id: string) => `staff:${id}`,
  ticket: (id: string) => `ticket:${id}`,
};

function refuse(code: 'UNAUTHENTICATED' | 'FORBIDDEN') {
  return Object.assign(new Error(code), { data: { code, message: ERRORS[code].message } });
}

/**
 * Wires the realtime side: authenticate once in `io.use`, send each client its full
 * snapshot on every (re)connection, then turn the engine's committed events into deltas.
 */
export function attachRealtime(io: HallServer, engine: HallEngine, auth: Authenticator): () => void {
  io.use(async (socket, next) => {
    const a = (socket.handshake.auth ?? {}) as Record<string, unknown>;
    if (typeof a.ticketId === 'string' && typeof a.ticketToken === 'string') {
      const found = await engine.findTicket(a.ticketId);
      if (!found || !sameSecret(found.ticket.token, a.ticketToken)) return next(refuse('FORBIDDEN'));
      socket.data = { kind: 'ticket', ticketId: found.ticket.id };
      return next();
    }
    const who = auth.identify(typeof a.key === 'string' ? a.key : typeof a.token === 'string' ? a.token : undefined);
    if (!who) return next(refuse('UNAUTHENTICATED'));
    socket.data = who.kind === 'device' ? { kind: 'device', device: who.device } : { kind: 'staff', staff: who.staff };
    next();
  });

  io.on('connection', (socket) => {
    void welcome(socket);
  });

  async function welcome(socket: HallSocket): Promise<void> {
    const d = socket.data;
    if (d.kind === 'ticket') {
      await socket.join(rooms.ticket(d.ticketId));
      phones.set(d.ticketId, (phones.get(d.ticketId) ?? 0) + 1);
      socket.once('disconnect', () => {
        const left = (phones.get(d.ticketId) ?? 1) - 1;
        if (left > 0) phones.set(d.ticketId, left);
        else phones.delete(d.ticketId);
      });
      await sendTicket(d.ticketId);
      return;
    }
    if (d.kind === 'device' && d.device.kind === 'window-display') {
      await socket.join(rooms.window(d.device.windowId!));
      socket.emit('window:snapshot', windowSnapshot(engine, d.device.windowId!));
      return;
    }
    await socket.join(rooms.hall);
    if (d.kind === 'staff') {
      await socket.join(rooms.staff(d.staff.id));
      if (d.staff.role === 'manager') await socket.join(rooms.managers);
    }
    sendHall(socket);
    if (d.kind === 'staff') {
      const at = engine.windowOf(d.staff.id);
      if (at) socket.emit('window:snapshot', windowSnapshot(engine, at.windowId));
    }
  }

  function sendHall(socket: HallSocket): void {
    const show = socket.data.kind === 'device' ? socket.data.device.show : undefined;
    socket.emit('hall:snapshot', hallView(engine.model, engine.now(), show));
  }

  async function sendTicket(ticketId: string): Promise<void> {
    const found = await engine.findTicket(ticketId);
    if (found) io.to(rooms.ticket(ticketId)).emit('ticket:update', ticketView(engine.model, found.ticket));
  }

  const listening = (room: string) => io.sockets.adapter.rooms.has(room);

  function sendWindow(windowId: string): void {
    if (!engine.model.windowConfig(windowId)) return;
    const staffId = engine.data.windows[windowId]?.staffId;
    const to = [rooms.window(windowId), ...(staffId ? [rooms.staff(staffId)] : [])].filter(listening);
    // Nobody watching this window: skip building its snapshot.
    if (to.length > 0) io.to(to).emit('window:snapshot', windowSnapshot(engine, windowId));
  }

  /** Tickets with a phone page open, and how many. */
  const phones = new Map<string, number>();

  // Coalesced deltas: many tickets issued in a burst become one message per service.
  const dirtyServices = new Set<string>();
  const dirtyWindows = new Set<string>();
  let flushTimer: NodeJS.Timeout | undefined;
  function scheduleFlush(): void {
    flushTimer ??= setTimeout(flush, COALESCE_MS);
  }

  function flush(): void {
    flushTimer = undefined;
    const now = engine.now();
    const model = engine.model;
    if (dirtyServices.size > 0) {
      io.to(rooms.hall).emit('queue:counts', [...dirtyServices].filter((s) => model.service(s)).map((s) => queueCount(model, s, now)));
      // Everyone still waiting in a queue that moved has a new position; tell the phones that are open.
      for (const ticketId of phones.keys()) {
        const t = model.data.tickets[ticketId];
        if (t?.status === 'waiting' && (t.targetWindowId ? dirtyWindows.has(t.targetWindowId) : dirtyServices.has(t.serviceId))) io.to(rooms.ticket(t.id)).emit('ticket:update', ticketView(model, t));
      }
      for (const serviceId of dirtyServices) {
        for (const w of engine.config.windows) if (w.serviceIds.includes(serviceId)) dirtyWindows.add(w.id);
      }
      dirtyServices.clear();
    }
    for (const w of dirtyWindows) sendWindow(w);
    dirtyWindows.clear();
  }

  async function resync(reason: 'day-closed' | 'reloaded'): Promise<void> {
    if (reason === 'day-closed') io.emit('day:closed', { businessDate: engine.data.meta.businessDate ?? '' });
    for (const socket of await io.fetchSockets()) {
      const d = socket.data;
      if (d.kind === 'ticket') await sendTicket(d.ticketId);
      else if (d.kind === 'device' && d.device.kind === 'window-display') socket.emit('window:snapshot', windowSnapshot(engine, d.device.windowId!));
      else {
        const show = d.kind === 'device' ? d.device.show : undefined;
        socket.emit('hall:snapshot', hallView(engine.model, engine.now(), show));
      }
    }
  }

  function onEvents(events: HallEvent[]): void {
    const model = engine.model;
    for (const e of events) {
      switch (e.type) {
        case 'ticket': {
          if (e.before) dirtyServices.add(e.before.serviceId);
          dirtyServices.add(e.after.serviceId);
          if (e.after.targetWindowId) dirtyWindows.add(e.after.targetWindowId);
          if (listening(rooms.ticket(e.after.id))) io.to(rooms.ticket(e.after.id)).emit('ticket:update', ticketView(model, e.after));
          break;
        }
        case 'call':
          io.to(rooms.hall).emit('call:announced', callView(model, e.call));
          break;
        case 'window':
          io.to(rooms.hall).emit('window:state', windowView(model, e.windowId));
          dirtyWindows.add(e.windowId);
          break;
        case 'rating-request':
          io.to(rooms.window(e.request.windowId)).emit('rating:request', e.request);
          break;
        case 'rating-closed':
          io.to(rooms.window(e.windowId)).emit('rating:closed', { windowId: e.windowId, visitId: e.visitId });
          break;
        case 'printer-fault':
          io.to(rooms.managers).emit('printer:fault', e.fault);
          break;
        case 'resync':
          void resync(e.reason);
          break;
      }
    }
    scheduleFlush();
  }

  const unsubscribe = engine.onEvents(onEvents);
  // Estimates and open/closed change with the clock alone (ticketing hours), so refresh them now and then.
  const refresh = setInterval(() => {
    for (const s of engine.config.services) dirtyServices.add(s.id);
    scheduleFlush();
  }, REFRESH_MS);
  refresh.unref();

  return () => {
    unsubscribe();
    clearInterval(refresh);
    if (flushTimer) clearTimeout(flushTimer);
  };
}
