import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io as connect, type Socket } from 'socket.io-client';
import { createApp, type HallApp } from '../../server/app.ts';
import { ManualClock } from '../../server/clock.ts';
import type { NetworkSlipPrinter } from '../../server/printing/printer.ts';
import type { HallConfig } from '../../shared/config-schema.ts';
import type { ClientToServerEvents, ServerToClientEvents, SocketAuth } from '../../shared/events.ts';
import type { CallView, QueueCount, WindowView } from '../../shared/views.ts';
import { KIOSK_KEY, PASSWORD, testConfig, THURSDAY_10AM } from './config.ts';
import { testStore } from './stores.ts';

/** The built front ends (`vite build`, run by `npm test` before the tests). */
export const DIST = process.env.HALL_DIST ?? fileURLToPath(new URL('../../dist', import.meta.url));

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

export async function tempDir(prefix = 'hall-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Plain HTTP against the server, the way a screen calls it. */
export class Api {
  constructor(readonly url: string) {}

  async request<T = any>(method: string, path: string, opts: { body?: unknown; auth?: string; raw?: string } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (opts.auth) headers.authorization = `Bearer ${opts.auth}`;
    if (opts.body !== undefined || opts.raw !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.url}/api${path}`, { method, headers, body: opts.raw ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }
  get<T = any>(path: string, auth?: string) {
    return this.request<T>('GET', path, { auth });
  }
  post<T = any>(path: string, body?: unknown, auth?: string) {
    return this.request<T>('POST', path, { body: body ?? {}, auth });
  }
  put<T = any>(path: string, body?: unknown, auth?: string) {
    return this.request<T>('PUT', path, { body: body ?? {}, auth });
  }

  issue(serviceId: string, opts: { priority?: boolean; key?: string } = {}) {
    return this.post('/tickets', { serviceId, ...(opts.priority ? { priority: true } : {}) }, opts.key ?? KIOSK_KEY);
  }

  async login(staffNo: string, password = PASSWORD): Promise<string> {
    const r = await this.post('/auth/login', { staffNo, password });
    if (r.status !== 200) throw new Error(`login ${staffNo}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.token;
  }

  /** Log in the clerk of window `n` (staff number 1000 + n in the test hall) and sign in there. */
  async openWindow(n: number): Promise<string> {
    const token = await this.login(`${1000 + n}`);
    const r = await this.post(`/windows/w${n}/sign-in`, {}, token);
    if (r.status !== 200) throw new Error(`sign-in w${n}: ${r.status} ${JSON.stringify(r.body)}`);
    return token;
  }
}

export interface TestHall {
  url: string;
  api: Api;
  hall: HallApp;
  clock: ManualClock;
  dataDir: string;
  socket(auth: SocketAuth): Promise<Recorder>;
  /** Stop the server, keeping the data dir (for restarts). */
  stop(): Promise<void>;
  close(): Promise<void>;
}

export interface StartOptions {
  config?: HallConfig;
  clock?: ManualClock;
  dataDir?: string;
  networkPrinter?: NetworkSlipPrinter;
  /** Listen on this port (to restart a server where its screens expect it); default a free one. */
  port?: number;
}

/** The real app on a free loopback port with a real data dir. */
export async function startHall(opts: StartOptions = {}): Promise<TestHall> {
  const dataDir = opts.dataDir ?? (await tempDir());
  const clock = opts.clock ?? new ManualClock(THURSDAY_10AM);
  const hall = await createApp({
    config: opts.config ?? testConfig(),
    store: testStore(dataDir),
    clock,
    networkPrinter: opts.networkPrinter,
    staticDir: DIST,
  });
  const addr = await hall.listen(opts.port ?? 0, '127.0.0.1');
  const url = `http://127.0.0.1:${addr.port}`;
  const sockets: Recorder[] = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const s of sockets) s.socket.disconnect();
    await hall.close();
  };
  return {
    url,
    api: new Api(url),
    hall,
    clock,
    dataDir,
    async socket(auth) {
      const r = await openSocket(url, auth);
      sockets.push(r);
      return r;
    },
    stop,
    async close() {
      await stop();
      if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

type EventName = keyof ServerToClientEvents;
type Payload<E extends EventName> = Parameters<ServerToClientEvents[E]>[0];

/** A Socket.IO client that records every event, so a test can wait for one that already came. */
export class Recorder {
  readonly events: Array<{ name: string; payload: unknown }> = [];
  private waiters: Array<() => void> = [];

  constructor(readonly socket: ClientSocket) {
    socket.onAny((name: string, payload: unknown) => {
      this.events.push({ name, payload });
      for (const w of this.waiters.splice(0)) w();
    });
  }

  all<E extends EventName>(name: E): Array<Payload<E>> {
    return this.events.filter((e) => e.name === name).map((e) => e.payload as Payload<E>);
  }

  async waitFor<E extends EventName>(name: E, match: (p: Payload<E>) => boolean = () => true, timeoutMs = 3000): Promise<Payload<E>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.events.find((e) => e.name === name && match(e.payload as Payload<E>));
      if (hit) return hit.payload as Payload<E>;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no "${name}" event matched within ${timeoutMs} ms; got: ${this.events.map((e) => e.name).join(', ')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Every call the hall's screens were told of (`hall:changes`), in order. */
  calls(): CallView[] {
    return this.all('hall:changes').flatMap((c) => c.calls);
  }

  /** The first call told (now or later) that matches. */
  async waitForCall(match: (c: CallView) => boolean = () => true, timeoutMs = 3000): Promise<CallView> {
    const changes = await this.waitFor('hall:changes', (c) => c.calls.some(match), timeoutMs);
    return changes.calls.find(match)!;
  }

  /** The first window state told that matches. */
  async waitForWindow(match: (w: WindowView) => boolean, timeoutMs = 3000): Promise<WindowView> {
    const changes = await this.waitFor('hall:changes', (c) => c.windows.some(match), timeoutMs);
    return changes.windows.find(match)!;
  }

  /** The first set of waiting counts told that matches. */
  async waitForCounts(match: (counts: QueueCount[]) => boolean, timeoutMs = 3000): Promise<QueueCount[]> {
    return (await this.waitFor('hall:changes', (c) => c.counts.length > 0 && match(c.counts), timeoutMs)).counts;
  }

  clear(): void {
    this.events.length = 0;
  }
}

/** A socket as a screen opens it; `reconnection` as the screens have it (tests mostly want none). */
export function openSocket(url: string, auth: SocketAuth, opts: { reconnection?: boolean } = {}): Promise<Recorder> {
  const socket: ClientSocket = connect(url, { auth, transports: ['websocket'], reconnection: opts.reconnection ?? false, reconnectionDelay: 200, reconnectionDelayMax: 1000, forceNew: true });
  const recorder = new Recorder(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(recorder));
    socket.once('connect_error', (err) => reject(err));
  });
}
