import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { latency } from '../bench/lib.ts';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, SocketAuth } from '../shared/events.ts';
import { socketPath } from '../shared/events.ts';
import type { ClientKind as Kind, ClientsStart, ClientsStats, FromClients, ToClients } from './soak-protocol.ts';

/**
 * The soak's screens and phones, in a process of their own (as bench/screens.ts does) so
 * decoding a thousand sockets' messages does not run on the server's or the driver's
 * event loop. Keeps about `target` sockets connected, each living a random 1–20 s, then
 * disconnecting and being replaced; counts what went wrong. Driven over IPC by
 * scripts/soak.ts; stops on 'stop', when the driver goes away, or at its own deadline.
 */

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Connections being opened at once: enough to replace ~100 a second even when a handshake takes seconds. */
const MAX_OPENING = 200;
const REFILL_MS = 25;
/** Phones follow the most recent tickets: those still waiting get position updates. */
const PHONE_POOL = 3000;

let opts: ClientsStart | undefined;
let stopping = false;
const live = new Set<ClientSocket>();
let opening = 0;
const phones: Array<{ ticketId: string; ticketToken: string }> = [];
let phoneNext = 0;

const stats: ClientsStats = {
  connected: 0,
  opened: 0,
  closedByUs: 0,
  connectErrors: {},
  serverDrops: {},
  noSnapshot: 0,
  events: {},
  byKind: { display: 0, zone: 0, window: 0, staff: 0, phone: 0 },
  snapshotMs: { n: 0, p50: 0, p99: 0, max: 0 },
  snapshotAllMs: { n: 0, p50: 0, p99: 0, max: 0 },
  loopDelayP99Ms: 0,
  loopDelayMaxMs: 0,
};
let snapshotSamples: number[] = [];
/** Every connection's time to snapshot, bounded (a day at ~100 connections a second stays well under). */
const snapshotAll: number[] = [];
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();

function send(m: FromClients): void {
  if (process.connected) process.send!(m);
}

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)];
const bump = (m: Record<string, number>, k: string) => void (m[k] = (m[k] ?? 0) + 1);

function chooseKind(mix: Record<Kind, number>): Kind {
  let r = Math.random();
  for (const [kind, share] of Object.entries(mix) as Array<[Kind, number]>) {
    if (r < share) return kind;
    r -= share;
  }
  return 'display';
}

function chooseAuth(o: ClientsStart): { kind: Kind; auth: SocketAuth } {
  let kind = chooseKind(o.mix);
  // Before the first ticket there is no phone to open, and staff need a signed-in clerk.
  if ((kind === 'phone' && phones.length === 0) || (kind === 'staff' && o.staffTokens.length === 0)) kind = 'display';
  switch (kind) {
    case 'phone': {
      // Mostly recent tickets, sometimes an older one (a phone left open all morning).
      const recent = Math.random() < 0.8;
      const t = recent ? phones[(phoneNext - 1 - Math.floor(Math.random() * Math.min(phones.length, 300)) + 2 * PHONE_POOL) % phones.length] : pick(phones);
      return { kind, auth: { ticketId: t.ticketId, ticketToken: t.ticketToken } };
    }
    case 'window':
      return { kind, auth: { key: pick(o.windowKeys) } };
    case 'staff':
      return { kind, auth: { token: pick(o.staffTokens) } };
    case 'zone':
      return { kind, auth: { key: o.zoneKey } };
    default:
      return { kind: 'display', auth: { key: o.displayKey } };
  }
}

/** The first event each kind of client gets on connection: its full snapshot. */
const SNAPSHOT: Record<Kind, keyof ServerToClientEvents> = {
  display: 'hall:snapshot',
  zone: 'hall:snapshot',
  staff: 'hall:snapshot',
  window: 'window:snapshot',
  phone: 'ticket:update',
};

function openOne(o: ClientsStart): void {
  const { kind, auth } = chooseAuth(o);
  opening++;
  stats.opened++;
  bump(stats.byKind, kind);
  const socket: ClientSocket = connect(o.url, { path: socketPath, auth, transports: ['websocket'], forceNew: true, reconnection: false, timeout: 10_000 });
  const openedAt = performance.now();
  let connected = false;
  let snapshot = false;
  let life: NodeJS.Timeout | undefined;
  socket.onAny((name: string) => {
    bump(stats.events, name);
    if (!snapshot && name === SNAPSHOT[kind]) {
      snapshot = true;
      const ms = performance.now() - openedAt;
      snapshotSamples.push(ms);
      if (snapshotAll.length < 500_000) snapshotAll.push(ms);
    }
  });
  socket.once('connect', () => {
    opening--;
    connected = true;
    live.add(socket);
    const lifeMs = o.minLifeMs + Math.random() * (o.maxLifeMs - o.minLifeMs);
    life = setTimeout(() => {
      stats.closedByUs++;
      socket.disconnect();
    }, lifeMs);
  });
  socket.once('connect_error', (err: Error & { data?: { code?: string } }) => {
    opening--;
    bump(stats.connectErrors, `${kind}: ${err.data?.code ?? err.message}`);
    socket.close();
  });
  socket.once('disconnect', (reason) => {
    if (life) clearTimeout(life);
    if (!connected) return;
    live.delete(socket);
    if (reason !== 'io client disconnect') bump(stats.serverDrops, `${kind}: ${reason}`);
    if (!snapshot) stats.noSnapshot++;
  });
}

function refill(): void {
  if (!opts || stopping) return;
  if (Date.now() > opts.deadline) {
    void stop();
    return;
  }
  let budget = MAX_OPENING - opening;
  while (budget-- > 0 && live.size + opening < opts.target) openOne(opts);
}

function report(): ClientsStats {
  stats.connected = live.size;
  // Over the interval since the last report (nothing when no socket got through).
  stats.snapshotMs = latency(snapshotSamples);
  snapshotSamples = [];
  if (snapshotAll.length > 0) stats.snapshotAllMs = latency(snapshotAll);
  stats.loopDelayP99Ms = Math.round(loop.percentile(99) / 1e5) / 10;
  stats.loopDelayMaxMs = Math.round(loop.max / 1e5) / 10;
  loop.reset();
  return { ...stats, connectErrors: { ...stats.connectErrors }, serverDrops: { ...stats.serverDrops }, events: { ...stats.events }, byKind: { ...stats.byKind } };
}

/** Disconnect every socket and wait (bounded) for the ones still opening to settle. */
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  clearInterval(refiller);
  const until = Date.now() + 10_000;
  while (opening > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  for (const s of live) {
    stats.closedByUs++;
    s.disconnect();
  }
  send({ type: 'stopped', stats: report() });
  setTimeout(() => process.exit(0), 200).unref();
}

const refiller = setInterval(refill, REFILL_MS);

process.on('message', (m: ToClients) => {
  if (m.type === 'start') opts = m.options;
  else if (m.type === 'tickets') {
    for (const t of m.tickets) {
      if (phones.length < PHONE_POOL) phones.push(t);
      else phones[phoneNext % PHONE_POOL] = t;
      phoneNext = (phoneNext + 1) % PHONE_POOL;
    }
  } else if (m.type === 'stats') send({ type: 'stats', stats: report() });
  else if (m.type === 'stop') void stop();
});
// The driver died or finished: leave no sockets behind.
process.on('disconnect', () => void stop().finally(() => process.exit(0)));
send({ type: 'ready' });
