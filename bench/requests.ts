import { performance } from 'node:perf_hooks';
import { LeanApi } from './lean-api.ts';
import { atRate } from './lib.ts';

/**
 * The bench's kiosks and windows outside the server's process (bench/run.ts): each request
 * is sent and timed here, on the load generators' CPUs, so the server's event loop does
 * only the server's work, as on a hall's PC, and every server measured — bare, durable,
 * the hall — is measured from the same kind of client. Driven over IPC, one ask at a time
 * (RequestAsk); each answer goes back as the ask's `reply`.
 */

export type RequestAsk =
  /**
   * `total` POSTs to each target at `perSecond`, open loop, the targets taking turns of
   * `turn` requests; replies with each target's times in ms.
   */
  | { type: 'post'; targets: PostTarget[]; perSecond: number; turn: number; total: number }
  /** `tickets` tickets as fast as `kiosks` kiosks can take them, services in turn; replies with the seconds it took. */
  | { type: 'fill'; url: string; auth: string; tickets: number; kiosks: number; services: number }
  /**
   * `rounds` calls, 100 ms apart, each its own window's in turn from the `from`th (`tokens`:
   * one per window, windows numbered from 1) then finished; or, where there are no tokens, the bare route
   * `/api/emit`. Replies with each call's announcement id and when it was sent (ms since
   * the epoch, as the screens stamp their receipts).
   */
  | { type: 'calls'; url: string; rounds: number; from?: number; tokens?: string[] };

/** A route to POST `body` to (`path` under `url`'s /api), and the status it answers with. */
export interface PostTarget {
  url: string;
  path: string;
  body: unknown;
  auth?: string;
  status: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One client, and so one pool of kept-alive connections, per server. */
const clients = new Map<string, LeanApi>();
function apiOf(url: string): LeanApi {
  let api = clients.get(url);
  if (!api) clients.set(url, (api = new LeanApi(url)));
  return api;
}

async function post(ask: Extract<RequestAsk, { type: 'post' }>): Promise<number[][]> {
  const samples = ask.targets.map(() => [] as number[]);
  const apis = ask.targets.map((target) => apiOf(target.url));
  for (let done = 0; done < ask.total; done += ask.turn) {
    for (const [i, target] of ask.targets.entries()) {
      const api = apis[i];
      samples[i].push(
        ...(await atRate(ask.perSecond, Math.min(ask.turn, ask.total - done), async () => {
          const r = await api.post(target.path, target.body, target.auth);
          if (r.status !== target.status) throw new Error(`POST ${target.path} answered ${r.status}: ${JSON.stringify(r.body)}`);
        })),
      );
    }
  }
  return samples;
}

async function fill(ask: Extract<RequestAsk, { type: 'fill' }>): Promise<number> {
  const api = apiOf(ask.url);
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: ask.kiosks }, async () => {
      while (next < ask.tickets) {
        const i = next++;
        const r = await api.issue(`s${i % ask.services}`, { key: ask.auth });
        if (r.status !== 201) throw new Error(`issue failed: ${JSON.stringify(r.body)}`);
      }
    }),
  );
  return (performance.now() - t0) / 1000;
}

async function calls(ask: Extract<RequestAsk, { type: 'calls' }>): Promise<Array<[string, number]>> {
  const api = apiOf(ask.url);
  const sent: Array<[string, number]> = [];
  for (let i = 0; i < ask.rounds; i++) {
    const t0 = performance.timeOrigin + performance.now();
    sent.push([ask.tokens ? await hallCall(api, ask.tokens, (ask.from ?? 0) + i) : await bareEmit(api), t0]);
    await sleep(100);
  }
  return sent;
}

async function hallCall(api: LeanApi, tokens: string[], i: number): Promise<string> {
  const w = (i % tokens.length) + 1;
  const called = await api.post(`/windows/w${w}/call-next`, {}, tokens[w - 1]);
  if (called.status !== 200 || !called.body.ticket) throw new Error(`call-next w${w}: ${called.status} ${JSON.stringify(called.body)}`);
  await api.post(`/windows/w${w}/finish`, { outcome: 'consulted' }, tokens[w - 1]);
  // The call's announcement id is its visit id and call count.
  return `${called.body.ticket.visits.at(-1).id}#1`;
}

async function bareEmit(api: LeanApi): Promise<string> {
  return (await api.post<{ id: string }>('/emit')).body.id;
}

const answer = { post, fill, calls } as const;

process.on('message', (ask: RequestAsk | { type: 'stop' }) => {
  if (ask.type === 'stop') process.exit(0);
  void (answer[ask.type] as (a: RequestAsk) => Promise<unknown>)(ask).then(
    (reply) => process.send!({ reply }),
    (e: Error) => process.send!({ error: e.message }),
  );
});
process.send!({ ready: true });
