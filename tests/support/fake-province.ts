import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The province's 好差评 platform as a test meets it: a real HTTP listener that refuses,
 * hangs and fails at random, and takes each Idempotency-Key once — a repeat of a key it
 * already took is answered 200 and not taken again, as such platforms do.
 */
export interface FakeProvince {
  url: string;
  /** Exports taken, by Idempotency-Key, once each. */
  accepted: Map<string, Record<string, unknown>>;
  /** Requests received so far, answered or not (`requests` lists them once answered). */
  readonly arrived: number;
  /** Every request, taken or not. */
  requests: Array<{ key?: string; auth?: string; outcome: 'taken' | 'repeat' | 'refused' | 'failed' | 'hung' }>;
  /** From now on every request is taken (to let a test drain the outbox), each answered `answerDelayMs` late. */
  heal(answerDelayMs?: number): void;
  close(): Promise<void>;
}

/** `answerDelayMs`: every answer, refusal or failure, comes this late (an attempt stays in flight meanwhile). */
export async function startFakeProvince(opts: { apiKey: string; seed?: number; refuse?: number; fail?: number; hang?: number; answerDelayMs?: number }): Promise<FakeProvince> {
  let state = (opts.seed ?? 1) >>> 0 || 1;
  const rand = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const accepted = new Map<string, Record<string, unknown>>();
  const requests: FakeProvince['requests'] = [];
  const hung = new Set<ServerResponse>();
  let healthy = false;
  let delayMs = opts.answerDelayMs ?? 0;
  let arrived = 0;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    arrived++;
    req.on('end', () => (delayMs > 0 ? setTimeout(answer, delayMs) : answer()));
    const answer = () => {
      const key = req.headers['idempotency-key'] as string | undefined;
      const auth = req.headers.authorization;
      const record = (outcome: FakeProvince['requests'][number]['outcome']) => requests.push({ ...(key ? { key } : {}), ...(auth ? { auth } : {}), outcome });
      if (auth !== `Bearer ${opts.apiKey}`) {
        record('refused');
        res.writeHead(401).end();
        return;
      }
      const x = healthy ? 1 : rand();
      if (x < (opts.hang ?? 0)) {
        record('hung');
        hung.add(res);
        return;
      }
      if (x < (opts.hang ?? 0) + (opts.refuse ?? 0)) {
        record('refused');
        res.writeHead(429, { 'retry-after': '1' }).end('too many');
        return;
      }
      if (x < (opts.hang ?? 0) + (opts.refuse ?? 0) + (opts.fail ?? 0)) {
        record('failed');
        res.writeHead(503).end('maintenance');
        return;
      }
      if (!key) {
        record('refused');
        res.writeHead(400).end('no Idempotency-Key');
        return;
      }
      if (accepted.has(key)) {
        record('repeat');
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"repeat":true}');
        return;
      }
      accepted.set(key, JSON.parse(Buffer.concat(chunks).toString('utf8')));
      record('taken');
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"ok":true}');
    };
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/api/ratings`,
    accepted,
    requests,
    get arrived() {
      return arrived;
    },
    heal(answerDelayMs = 0) {
      healthy = true;
      delayMs = answerDelayMs;
    },
    async close() {
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
