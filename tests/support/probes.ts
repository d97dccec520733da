import { io as connect } from 'socket.io-client';
import { ERRORS } from '../../shared/errors.ts';
import type { Store } from '../../server/store/store.ts';
import type { ClientSocket } from './harness.ts';

/**
 * Probes for the authorization and fuzz suites: what leaked into a payload, whether an
 * answer has the error shape, how many commits a request caused, and raw HTTP and socket
 * attempts that report what happened instead of throwing.
 */

export interface Forbidden {
  /** Keys that must not appear anywhere (e.g. `staffToday`). */
  keys?: readonly string[];
  /** Texts that must not appear in any key or string value (tokens, ids, rating reasons). */
  values?: readonly string[];
}

/** Every place in `payload` that holds a forbidden key or value, as `$.path: what`. */
export function findLeaks(payload: unknown, forbidden: Forbidden): string[] {
  const keys = new Set(forbidden.keys ?? []);
  const values = (forbidden.values ?? []).filter((v) => v.length > 0);
  const found: string[] = [];
  const seen = new Set<object>();
  const text = (s: string, at: string) => {
    for (const v of values) if (s.includes(v)) found.push(`${at}: contains ${JSON.stringify(v)}`);
  };
  const walk = (x: unknown, at: string): void => {
    if (typeof x === 'string') return text(x, at);
    if (x === null || typeof x !== 'object') return;
    if (seen.has(x)) return;
    seen.add(x);
    if (Array.isArray(x)) {
      x.forEach((item, i) => walk(item, `${at}[${i}]`));
      return;
    }
    for (const [k, v] of Object.entries(x)) {
      if (keys.has(k)) found.push(`${at}.${k}: forbidden key`);
      text(k, `${at}{key ${k}}`);
      walk(v, `${at}.${k}`);
    }
  };
  walk(payload, '$');
  return found;
}

const CODES = new Set(Object.keys(ERRORS));

/** Why `body` is not `{ error: { code, message } }` with a known code and a message, or undefined when it is. */
export function errorShapeProblem(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return `body is not an object: ${JSON.stringify(body)?.slice(0, 200)}`;
  const error = (body as { error?: unknown }).error;
  if (error === null || typeof error !== 'object') return `no "error" object: ${JSON.stringify(body).slice(0, 200)}`;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(code)) return `error.code is not UPPER_SNAKE: ${JSON.stringify(code)}`;
  if (!CODES.has(code)) return `error.code ${code} is not in shared/errors.ts`;
  if (typeof message !== 'string' || message.length === 0) return `error.message is missing: ${JSON.stringify(message)}`;
  return undefined;
}

/** Counts the store's commits from now on (the engine's one write path ends in `store.commit`). */
export function countCommits(store: Store): { readonly count: number; restore(): void } {
  const original = store.commit;
  let count = 0;
  store.commit = function (this: Store, ...args: Parameters<Store['commit']>) {
    count++;
    return original.apply(this, args);
  };
  return {
    get count() {
      return count;
    },
    restore() {
      store.commit = original;
    },
  };
}

export interface RawRequest {
  method: string;
  /** Path and query after the origin, already encoded (may hold deliberately broken escapes). */
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface RawResponse {
  status: number;
  contentType: string;
  text: string;
  /** The parsed body when the answer is JSON. */
  json?: unknown;
  ms: number;
  /** The URL asked for, after the client normalised it (`/api/%2e%2e/x` is `/x`). */
  url: string;
}

/** One HTTP request; a failure to get any answer (connection refused, reset, timeout) rejects. */
export async function rawRequest(origin: string, req: RawRequest, timeoutMs = 10_000): Promise<RawResponse> {
  const started = performance.now();
  const res = await fetch(`${origin}${req.path}`, {
    method: req.method,
    headers: req.headers,
    body: req.body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const buf = Buffer.from(await res.arrayBuffer());
  const contentType = res.headers.get('content-type') ?? '';
  const text = contentType.includes('json') || contentType.startsWith('text/') ? buf.toString('utf8') : `<${buf.length} bytes>`;
  let json: unknown;
  if (contentType.includes('json') && text.length > 0) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return { status: res.status, contentType, text, json, ms: performance.now() - started, url: res.url };
}

export type HandshakeOutcome =
  | { kind: 'connected'; socket: ClientSocket }
  | { kind: 'refused'; code?: string; message?: string }
  /** The server closed the connection without a connect_error payload. */
  | { kind: 'closed'; reason: string }
  | { kind: 'timeout' };

/** A socket.io handshake with any `auth`, reporting how the server answered. */
export function tryHandshake(url: string, auth: unknown, timeoutMs = 3000): Promise<HandshakeOutcome> {
  const socket: ClientSocket = connect(url, {
    auth: auth as Record<string, unknown>,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: timeoutMs,
  });
  return new Promise((resolve) => {
    const done = (o: HandshakeOutcome) => {
      clearTimeout(timer);
      socket.off();
      if (o.kind !== 'connected') socket.disconnect();
      resolve(o);
    };
    const timer = setTimeout(() => done({ kind: 'timeout' }), timeoutMs + 500);
    socket.once('connect', () => done({ kind: 'connected', socket }));
    socket.once('connect_error', (err: Error & { data?: { code?: unknown; message?: unknown } }) => {
      const data = err.data;
      if (data && typeof data === 'object') {
        done({ kind: 'refused', code: typeof data.code === 'string' ? data.code : undefined, message: typeof data.message === 'string' ? data.message : undefined });
      } else done({ kind: 'closed', reason: err.message });
    });
    socket.once('disconnect', (reason) => done({ kind: 'closed', reason }));
  });
}
