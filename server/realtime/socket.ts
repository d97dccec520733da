import type { IncomingMessage } from 'node:http';
import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import { compareForCall } from '../../shared/call-policy.ts';
import { type DeviceConfig, isManager, type StaffConfig } from '../../shared/config-schema.ts';
import { ERRORS, type ErrorCode } from '../../shared/errors.ts';
import { own } from '../../shared/records.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/events.ts';
import type { Ticket } from '../../shared/types.ts';
import { type CallView, callView, type HallChanges, type HallView, hallView, queueCount, ticketView, windowView } from '../../shared/views.ts';
import type { ErrorSink, HallEngine, HallEvent } from '../hall/engine.ts';
import { windowSnapshot } from '../hall/window-snapshot.ts';
import { broadcastFrame, eventFrame } from './frame-broadcast.ts';
import type { Authenticator } from '../http/identity.ts';
import { ticketId, ticketToken } from '../http/params.ts';

export type SocketData =
  | { kind: 'device'; device: DeviceConfig }
  | { kind: 'staff'; staff: StaffConfig; tokenHash: string }
  | { kind: 'ticket'; ticketId: string };
export type HallServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type HallSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * The hall's screens get what changed as one `hall:changes` message per round: writing one
 * message to a thousand sockets costs a thousand system calls (about 8 ms here), so a busy
 * hall must not send one per event. A call starts a round at once unless one began less
 * than ROUND_GAP_MS ago; waiting counts, queue positions and window states wait up to
 * COALESCE_MS. Rounds never overlap, so each screen gets them in order.
 */
const COALESCE_MS = 200;
const ROUND_GAP_MS = 100;
const REFRESH_MS = 30_000;
/** Sockets written to before letting other work run. */
const SLICE = 100;

const rooms = {
  hall: 'hall',
  managers: 'managers',
  window: (id: string) => `window:${id}`,
  staff: (id: string) => `staff:${id}`,
  session: (tokenHash: string) => `session:${tokenHash}`,
  ticket: (id: string) => `ticket:${id}`,
};

function refuse(code: ErrorCode) {
  return Object.assign(new Error(code), { data: { code, message: ERRORS[code].message } });
}

/** `handshake.auth`, checked by shape before anything is looked up (SocketAuth in shared/events.ts). */
const credential = z.string().min(1).max(200);
const handshakeAuth = z.union([
  z.object({ ticketId, ticketToken }),
  z.object({ key: credential }),
  z.object({ token: credential }),
]);

export interface RealtimeOptions {
  /** The client's address for the handshake limit (honours TRUST_PROXY like the HTTP limits). */
  clientAddress: (req: IncomingMessage) => string;
  /** Counts a handshake from this address; false once the address is over its limits. */
  admitHandshake: (address: string) => Promise<boolean>;
  /** Counts a refused credential from this address (guessing is limited like logins). */
  refusedHandshake: (address: string) => Promise<void>;
  onError: ErrorSink;
}

/**
 * Wires the realtime side: authenticate once in `io.use`, send each client its full
 * snapshot on every (re)connection, then turn the engine's committed events into deltas.
 */
export function attachRealtime(io: HallServer, engine: HallEngine, auth: Authenticator, options: RealtimeOptions): () => void {
  /** Tickets with a phone page open, how many pages, and what they were last told. */
  const phones = new Map<string, { pages: number; lastSent?: string }>();
  const dirtyServices = new Set<string>();
  /** Windows whose snapshot their clerk and window screen should get again. */
  const dirtyWindows = new Set<string>();
  /** Windows whose public state the hall's screens should get again. */
  const changedWindows = new Set<string>();
  const pendingCalls: CallView[] = [];
  let flushTimer: NodeJS.Timeout | undefined;
  let flushDue = Number.POSITIVE_INFINITY;
  let roundStartedAt = Number.NEGATIVE_INFINITY;
  let sendingRound = false;
  /** What the hall's screens were last told of each window and service, so a round carries only what differs. */
  const lastTold = new Map<string, string>();
  const changed = <T>(key: string, view: T): boolean => {
    const json = JSON.stringify(view);
    if (lastTold.get(key) === json) return false;
    lastTold.set(key, json);
    return true;
  };
  const listening = (room: string) => io.sockets.adapter.rooms.has(room);

  io.use(async (socket, next) => {
    try {
      // Limited like logins: a handshake is a guess at a key, a token or a ticket's token.
      const address = options.clientAddress(socket.request);
      if (!(await options.admitHandshake(address))) return next(refuse('RATE_LIMITED'));
      const refused = async (code: ErrorCode) => {
        await options.refusedHandshake(address);
        next(refuse(code));
      };
      const parsed = handshakeAuth.safeParse(socket.handshake.auth);
      if (!parsed.success) return refused('UNAUTHENTICATED');
      const a = parsed.data;
      if ('ticketId' in a) {
        const found = await engine.findHeldTicket(a.ticketId, a.ticketToken);
        if (!found) return refused('TICKET_NOT_FOUND');
        socket.data = { kind: 'ticket', ticketId: found.ticket.id };
        return next();
      }
      const who = auth.identify('key' in a ? a.key : a.token);
      if (!who) return refused('UNAUTHENTICATED');
      socket.data = who.kind === 'device' ? { kind: 'device', device: who.device } : { kind: 'staff', staff: who.staff, tokenHash: who.tokenHash };
      next();
    } catch (e) {
      options.onError(e, 'socket handshake');
      next(refuse('INTERNAL'));
    }
  });

  io.on('connection', (socket) => {
    try {
      joinRooms(socket);
    } catch (e) {
      options.onError(e, 'socket connection');
      socket.disconnect(true);
      return;
    }
    sendSnapshot(socket, new Map()).catch((e) => options.onError(e, 'sending a snapshot'));
  });

  function joinRooms(socket: HallSocket): void {
    const d = socket.data;
    if (d.kind === 'ticket') {
      void socket.join(rooms.ticket(d.ticketId));
      const phone = phones.get(d.ticketId) ?? { pages: 0 };
      phone.pages++;
      phones.set(d.ticketId, phone);
      socket.once('disconnect', () => {
        if (--phone.pages <= 0) phones.delete(d.ticketId);
      });
    } else if (d.kind === 'device' && d.device.kind === 'window-display') {
      void socket.join(rooms.window(d.device.windowId!));
    } else {
      void socket.join(rooms.hall);
      if (d.kind === 'staff') {
        void socket.join([rooms.staff(d.staff.id), rooms.session(d.tokenHash)]);
        if (isManager(d.staff)) void socket.join(rooms.managers);
      }
    }
  }

  /** What each kind of client sees in full; `halls` shares one hall view per display zone. */
  async function sendSnapshot(socket: HallSocket, halls: Map<string, HallView>): Promise<void> {
    const d = socket.data;
    if (d.kind === 'ticket') {
      const found = await engine.findTicket(d.ticketId);
      if (found) socket.emit('ticket:update', ticketView(engine.model, found.ticket));
      return;
    }
    if (d.kind === 'device' && d.device.kind === 'window-display') {
      const snapshot = windowSnapshot(engine, d.device.windowId!, 'screen');
      if (snapshot) socket.emit('window:snapshot', snapshot);
      return;
    }
    const show = d.kind === 'device' ? d.device.show : undefined;
    // This screen now holds the present state; what the others were last told may be older.
    lastTold.clear();
    const zone = JSON.stringify(show ?? null);
    let hall = halls.get(zone);
    if (!hall) halls.set(zone, (hall = hallView(engine.model, engine.now(), show)));
    socket.emit('hall:snapshot', hall);
    if (d.kind === 'staff') {
      const at = engine.windowOf(d.staff.id);
      const snapshot = at ? windowSnapshot(engine, at.windowId, 'staff') : undefined;
      if (snapshot) socket.emit('window:snapshot', snapshot);
    }
  }

  async function resync(reason: 'day-closed' | 'reloaded' | 'config'): Promise<void> {
    if (reason === 'day-closed') io.emit('day:closed', { businessDate: engine.data.meta.businessDate ?? '' });
    const halls = new Map<string, HallView>();
    for (const socket of io.sockets.sockets.values()) {
      try {
        await sendSnapshot(socket, halls);
      } catch (e) {
        options.onError(e, 'resending a snapshot');
      }
    }
  }

  /** Its clerk gets the clerk's figures; its public screen does not. */
  function sendWindow(windowId: string): void {
    if (!engine.model.windowConfig(windowId)) return;
    const staffId = own(engine.data.windows, windowId)?.staffId;
    // Nobody watching this window: skip building its snapshot.
    if (staffId && listening(rooms.staff(staffId))) {
      const snapshot = windowSnapshot(engine, windowId, 'staff');
      if (snapshot) io.to(rooms.staff(staffId)).emit('window:snapshot', snapshot);
    }
    if (listening(rooms.window(windowId))) {
      const snapshot = windowSnapshot(engine, windowId, 'screen');
      if (snapshot) io.to(rooms.window(windowId)).emit('window:snapshot', snapshot);
    }
  }

  function sendToPhone(t: Ticket, ahead?: number): void {
    const phone = phones.get(t.id);
    if (!phone) return;
    const view = ticketView(engine.model, t, ahead, engine.now());
    // A ticket joining the back of the queue moves nobody: say nothing when nothing changed.
    const gist = `${view.status}|${view.ahead}|${view.estimatedWaitMinutes}|${view.window?.callCount ?? ''}|${view.ratableVisitId ?? ''}`;
    if (gist === phone.lastSent) return;
    phone.lastSent = gist;
    io.to(rooms.ticket(t.id)).emit('ticket:update', view);
  }

  /** The hall's reply to a bad review, to the holder's open phone page (the ticket may be of a closed day). */
  async function sendReviewToPhone(ticketId: string): Promise<void> {
    if (!phones.has(ticketId)) return;
    try {
      const found = await engine.findTicket(ticketId);
      if (found) io.to(rooms.ticket(ticketId)).emit('ticket:update', ticketView(engine.model, found.ticket));
    } catch (e) {
      options.onError(e, 'sending a review reply');
    }
  }

  /** New positions for the open phone pages of queues that moved: each queue sorted once. */
  function updatePhones(): void {
    const model = engine.model;
    const now = engine.now();
    const queues = new Map<string, Ticket[]>();
    for (const ticketId of phones.keys()) {
      const t = model.data.tickets[ticketId];
      if (t?.status !== 'waiting') continue;
      const queue = t.targetWindowId ? `window:${t.targetWindowId}` : `service:${t.serviceId}`;
      if (t.targetWindowId ? !dirtyWindows.has(t.targetWindowId) : !dirtyServices.has(t.serviceId)) continue;
      let order = queues.get(queue);
      if (!order) {
        const pool = t.targetWindowId ? [...model.callCandidates(t.targetWindowId)].filter((x) => x.targetWindowId === t.targetWindowId) : model.waitingForService(t.serviceId);
        order = pool.sort((a, b) => compareForCall(a, b, t.targetWindowId ?? '', now));
        queues.set(queue, order);
      }
      sendToPhone(t, order.findIndex((x) => x.id === t.id));
    }
  }

  /** One message to every socket of a room, a slice of sockets at a time, letting requests in between. */
  function broadcastInSlices(room: string, changes: HallChanges, done: () => void): void {
    const ids = [...(io.sockets.adapter.rooms.get(room) ?? [])];
    const frame = eventFrame(io, 'hall:changes', changes);
    const send = (from: number) => {
      if (from >= ids.length) return done();
      broadcastFrame(io, ids.slice(from, from + SLICE), 'hall:changes', changes, frame);
      setImmediate(send, from + SLICE);
    };
    send(0);
  }

  /** `urgent`: a call waits only for the round gap, not for COALESCE_MS. */
  function scheduleFlush(urgent = false): void {
    const now = performance.now();
    const due = urgent ? Math.max(now, roundStartedAt + ROUND_GAP_MS) : now + COALESCE_MS;
    if (flushTimer && flushDue <= due) return;
    if (flushTimer) clearTimeout(flushTimer);
    flushDue = due;
    flushTimer = setTimeout(flush, due - now);
  }

  function flush(): void {
    flushTimer = undefined;
    flushDue = Number.POSITIVE_INFINITY;
    // The round under way schedules the next when it ends.
    if (sendingRound) return;
    try {
      const model = engine.model;
      const now = engine.now();
      const changes: HallChanges = {
        calls: pendingCalls.splice(0),
        windows: [...changedWindows].flatMap((id) => windowView(model, id) ?? []).filter((w) => changed(`window:${w.id}`, w)),
        counts: [...dirtyServices].filter((s) => model.service(s)).map((s) => queueCount(model, s, now)).filter((c) => changed(`service:${c.serviceId}`, c)),
      };
      for (const serviceId of dirtyServices) {
        for (const w of engine.config.windows) if (w.serviceIds.includes(serviceId)) dirtyWindows.add(w.id);
      }
      if (changes.calls.length + changes.windows.length + changes.counts.length > 0) {
        sendingRound = true;
        roundStartedAt = performance.now();
        broadcastInSlices(rooms.hall, changes, () => {
          sendingRound = false;
          if (pendingCalls.length > 0) scheduleFlush(true);
          else if (dirtyServices.size + changedWindows.size + dirtyWindows.size > 0) scheduleFlush();
        });
      }
      updatePhones();
      for (const w of dirtyWindows) sendWindow(w);
    } catch (e) {
      options.onError(e, 'sending hall changes');
    } finally {
      dirtyServices.clear();
      dirtyWindows.clear();
      changedWindows.clear();
    }
  }

  function onEvents(events: HallEvent[]): void {
    const model = engine.model;
    for (const e of events) {
      switch (e.type) {
        case 'ticket': {
          if (e.before) dirtyServices.add(e.before.serviceId);
          dirtyServices.add(e.after.serviceId);
          if (e.before?.targetWindowId) dirtyWindows.add(e.before.targetWindowId);
          if (e.after.targetWindowId) dirtyWindows.add(e.after.targetWindowId);
          sendToPhone(e.after);
          break;
        }
        case 'call': {
          const call = callView(model, e.call);
          if (call) pendingCalls.push(call);
          break;
        }
        case 'window': {
          changedWindows.add(e.windowId);
          dirtyWindows.add(e.windowId);
          // A window opening, pausing or closing changes the estimates of what it serves.
          for (const s of model.windowConfig(e.windowId)?.serviceIds ?? []) dirtyServices.add(s);
          break;
        }
        case 'rating-request':
          io.to(rooms.window(e.request.windowId)).emit('rating:request', e.request);
          break;
        case 'rating-closed':
          io.to(rooms.window(e.windowId)).emit('rating:closed', { windowId: e.windowId, visitId: e.visitId });
          break;
        case 'printer-fault':
          io.to(rooms.managers).emit('printer:fault', e.fault);
          break;
        case 'outbox-settled':
          io.to(rooms.managers).emit('outbox:changed');
          break;
        case 'session-ended':
          io.in(rooms.session(e.tokenHash)).disconnectSockets(true);
          break;
        case 'resync':
          void resync(e.reason);
          break;
        case 'config':
          onConfig();
          break;
        case 'review':
          void sendReviewToPhone(e.ticketId);
          break;
      }
    }
    scheduleFlush(pendingCalls.length > 0);
  }

  /**
   * A configuration change reaches every screen at once: a revoked or re-keyed device is let
   * go (its screen says 本设备未授权), the rest keep their connection with their new settings,
   * and everyone gets the hall again.
   */
  function onConfig(): void {
    const devices = new Map(engine.config.devices.map((x) => [x.id, x]));
    const staff = new Map(engine.config.staff.map((x) => [x.id, x]));
    for (const socket of io.sockets.sockets.values()) {
      const d = socket.data;
      if (d.kind === 'device') {
        const now = devices.get(d.device.id);
        if (!now || now.key !== d.device.key || now.kind !== d.device.kind) {
          socket.disconnect(true);
          continue;
        }
        if (now.windowId !== d.device.windowId) {
          void socket.leave(rooms.window(d.device.windowId!));
          void socket.join(rooms.window(now.windowId!));
        }
        socket.data = { kind: 'device', device: now };
      } else if (d.kind === 'staff') {
        const now = staff.get(d.staff.id);
        if (!now || now.disabled) {
          socket.disconnect(true);
          continue;
        }
        if (isManager(now)) void socket.join(rooms.managers);
        else void socket.leave(rooms.managers);
        socket.data = { ...d, staff: now };
      }
    }
    void resync('config');
  }

  /** Staff whose session expired or ended while connected are let go. */
  function dropExpiredStaff(): void {
    const now = engine.now();
    for (const socket of io.sockets.sockets.values()) {
      const d = socket.data;
      if (d.kind === 'staff' && !((own(engine.data.sessions, d.tokenHash)?.expiresAt ?? 0) > now)) socket.disconnect(true);
    }
  }

  const unsubscribe = engine.onEvents(onEvents);
  // Estimates and open/closed change with the clock alone (ticketing hours), so refresh them now and then.
  const refresh = setInterval(() => {
    for (const s of engine.config.services) dirtyServices.add(s.id);
    scheduleFlush();
    dropExpiredStaff();
  }, REFRESH_MS);
  refresh.unref();

  return () => {
    unsubscribe();
    clearInterval(refresh);
    if (flushTimer) clearTimeout(flushTimer);
  };
}
