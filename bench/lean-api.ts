import { Agent, request } from 'node:http';
import { Api, type ApiResponse } from '../tests/support/harness.ts';
import { monotonicMs } from './clock.ts';

/**
 * Where one command's time went, on the machine's clock: sent to read by the server
 * (`toRead`: the server's event loop busy, the connection), read to answered in the
 * server (`inServer`), answered to the answer's end read by the client (`after`: the
 * client's own event loop busy). The server's moments come back in SPLIT_HEADERS.
 */
export interface Split {
  toRead: number;
  inServer: number;
  after: number;
}

/** Set by the day's server on each answer to a POST (bench/day.ts, timeAnswers). */
export const SPLIT_HEADERS = { read: 'x-bench-read', answered: 'x-bench-answered' } as const;

/**
 * The tests' Api on `node:http` with kept-alive connections, for the bench's load generators.
 *
 * They share a CPU with a thousand screens; `fetch` cost their process 630–900 µs of CPU a
 * request here, `node:http` 150–270 µs, and a client that waits for its CPU adds that wait
 * to the time it measures, which is the server's and not the client's. A hall's kiosks and
 * windows are devices of their own.
 */
export class LeanApi extends Api {
  // Idle connections are dropped before the server's 5 s keep-alive timeout closes them under a request.
  private readonly agent = new Agent({ keepAlive: true, timeout: 4000 });

  override request<T = any>(method: string, path: string, opts: { body?: unknown; auth?: string; raw?: string } = {}): Promise<ApiResponse<T> & { split?: Split }> {
    const body = opts.raw ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined);
    const headers: Record<string, string | number> = {};
    if (opts.auth) headers.authorization = `Bearer ${opts.auth}`;
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(body);
    }
    const sent = monotonicMs();
    return new Promise((resolve, reject) => {
      const req = request(`${this.url}/api${path}`, { method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const received = monotonicMs();
          const read = Number(res.headers[SPLIT_HEADERS.read]);
          const answered = Number(res.headers[SPLIT_HEADERS.answered]);
          const split = read && answered ? { toRead: read - sent, inServer: answered - read, after: received - answered } : undefined;
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined, split });
          } catch (e) {
            reject(e);
          }
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  }
}
