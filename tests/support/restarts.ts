import { pino, type Logger } from 'pino';
import { createApp, type HallApp } from '../../server/app.ts';
import type { Clock } from '../../server/clock.ts';
import { testStore } from './stores.ts';
import type { HallConfig } from '../../shared/config-schema.ts';
import type { SocketAuth } from '../../shared/events.ts';
import { io as connect } from 'socket.io-client';
import { Api, type ClientSocket, DIST, Recorder } from './harness.ts';

/** A response read as bytes: reports come as CSV and XLSX too, which `Api` would try to parse as JSON. */
export interface RawResponse {
  status: number;
  contentType: string;
  bytes: number;
  text: string;
}

export async function fetchRaw(url: string, path: string, auth?: string): Promise<RawResponse> {
  const res = await fetch(`${url}/api${path}`, { headers: auth ? { authorization: `Bearer ${auth}` } : {} });
  const buf = Buffer.from(await res.arrayBuffer());
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', bytes: buf.length, text: buf.toString('utf8') };
}

/** A small seeded generator for the choices of concurrent loops (fast-check draws the plans). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}

/**
 * Like the harness's `openSocket`, but gives up after `timeoutMs` (a server that dies while a
 * socket connects would otherwise keep it waiting for socket.io's 20 s default).
 */
export function openSocketWithin(url: string, auth: SocketAuth, timeoutMs = 3000): Promise<Recorder> {
  const socket: ClientSocket = connect(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true, timeout: timeoutMs });
  const recorder = new Recorder(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(recorder));
    socket.once('connect_error', (err) => {
      socket.disconnect();
      reject(err);
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The token in a ticket's status URL. */
export function tokenOf(statusUrl: string): string {
  return new URL(statusUrl).searchParams.get('token')!;
}

/**
 * The real app in this process, like `startHall`, but with a logger that keeps what the
 * server logs at warn and above, so a 500 can be reported with the stack the server logged.
 */
export interface LoggedHall {
  url: string;
  api: Api;
  hall: HallApp;
  logs: string[];
  /** Stack lines of errors logged since `mark` (an index into `logs`). */
  errorsSince(mark: number): string[];
  socket(auth: SocketAuth): Promise<Recorder>;
  close(): Promise<void>;
}

export async function startLoggedHall(config: HallConfig, dataDir: string, clock: Clock): Promise<LoggedHall> {
  const logs: string[] = [];
  const logger: Logger = pino({ level: 'warn' }, { write: (line: string) => void logs.push(line) });
  const hall = await createApp({ config, store: testStore(dataDir), clock, logger, staticDir: DIST });
  const addr = await hall.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${addr.port}`;
  const sockets: Recorder[] = [];
  let closed = false;
  return {
    url,
    api: new Api(url),
    hall,
    logs,
    errorsSince(mark) {
      return logs.slice(mark).map((line) => {
        try {
          const j = JSON.parse(line) as { msg?: string; url?: string; err?: { stack?: string; message?: string } };
          const stack = (j.err?.stack ?? j.err?.message ?? '').split('\n').slice(0, 4).join(' | ');
          return `${j.msg ?? ''} ${j.url ?? ''} ${stack}`.trim();
        } catch {
          return line.trim();
        }
      });
    },
    async socket(auth) {
      const r = await openSocketWithin(url, auth);
      sockets.push(r);
      return r;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const s of sockets) s.socket.disconnect();
      await hall.close();
    },
  };
}
