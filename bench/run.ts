import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import express from 'express';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { createApp } from '../server/app.ts';
import { systemClock } from '../server/clock.ts';
import { parseConfig } from '../server/config.ts';
import { LowdbStore } from '../server/store/lowdb-store.ts';
import { Api } from '../tests/support/harness.ts';
import { benchConfig } from './hall.ts';
import { atRate, latency, line } from './lib.ts';
import { historyBench } from './history.ts';

/**
 * SPEC §8 on this machine: issuing at 100 tickets/s and a call reaching 1,000 connected
 * screens, on a business day already holding 20,000 tickets with 60 windows open, each
 * beside a bare Express route and a bare Socket.IO broadcast measured in the same process.
 * Then a year of history: start-up time and memory, one-day and 365-day reports.
 */

const SCREENS = Number(process.env.BENCH_SCREENS ?? 1000);
const DAY_TICKETS = Number(process.env.BENCH_DAY_TICKETS ?? 20_000);
const KIOSK = 'bench-kiosk-key-000001';
const DISPLAY = 'bench-display-key-0001';

async function connectScreens(url: string, n: number, auth: object): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < n; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, n - i) }, () => {
        const s = connect(url, { auth, transports: ['websocket'], forceNew: true, reconnection: false });
        sockets.push(s);
        return new Promise<void>((resolve, reject) => {
          s.once('connect', () => resolve());
          s.once('connect_error', reject);
        });
      }),
    );
  }
  return sockets;
}

/** Time from sending the request to each screen receiving the event, over `rounds` events. */
async function broadcastLatency(sockets: Socket[], event: string, rounds: number, trigger: (i: number) => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const all = Promise.all(sockets.map((s) => new Promise<void>((resolve) => s.once(event, () => (samples.push(performance.now() - t0), resolve())))));
    await trigger(i);
    await all;
    await new Promise((r) => setTimeout(r, 20));
  }
  return samples;
}

async function baselines() {
  const app = express();
  app.use(express.json());
  app.post('/api/x', (req, res) => {
    res.status(201).json({ ok: true, echo: req.body });
  });
  const server = createServer(app);
  const io = new Server(server);
  app.post('/api/emit', (_req, res) => {
    io.emit('call:announced', { number: 'A001', windowNumber: 5 });
    res.json({ ok: true });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = (path: string) => fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"serviceId":"s1"}' }).then((r) => r.arrayBuffer()).then(() => undefined);
  const issue = latency(await atRate(100, 1000, () => post('/api/x')));
  const sockets = await connectScreens(url, SCREENS, {});
  const call = latency(await broadcastLatency(sockets, 'call:announced', 30, () => post('/api/emit')));
  for (const s of sockets) s.disconnect();
  await new Promise<void>((r) => io.close(() => r()));
  return { issue, call };
}

async function hallBench() {
  const dir = await mkdtemp(join(tmpdir(), 'hall-bench-'));
  const hall = await createApp({ config: parseConfig(benchConfig()), store: new LowdbStore(dir), clock: systemClock });
  const addr = await hall.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${addr.port}`;
  const api = new Api(url);

  // A business day already under way: 20,000 tickets issued as fast as 32 kiosks can.
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < DAY_TICKETS) {
        const i = next++;
        const r = await api.issue(`s${i % 20}`, { key: KIOSK });
        if (r.status !== 201) throw new Error(`issue failed: ${JSON.stringify(r.body)}`);
      }
    }),
  );
  const fillSeconds = (performance.now() - t0) / 1000;
  const tokens = await Promise.all(Array.from({ length: 60 }, (_, i) => api.openWindow(i + 1)));
  const sockets = await connectScreens(url, SCREENS, { key: DISPLAY });

  const issue = latency(await atRate(100, 1000, () => api.issue('s3', { key: KIOSK }).then(() => undefined)));
  const call = latency(
    await broadcastLatency(sockets, 'call:announced', 30, async (i) => {
      const w = (i % 60) + 1;
      await api.post(`/windows/w${w}/call-next`, {}, tokens[w - 1]);
      await api.post(`/windows/w${w}/finish`, { outcome: 'consulted' }, tokens[w - 1]);
    }),
  );
  for (const s of sockets) s.disconnect();
  await hall.close();
  await rm(dir, { recursive: true, force: true });
  return { issue, call, fillSeconds };
}

async function main() {
  const part = process.env.BENCH_PART ?? 'all';
  if (part !== 'history') {
    console.log(`hall-queue bench — ${SCREENS} screens, a day of ${DAY_TICKETS} tickets, 60 windows\n`);
    const base = await baselines();
    const hall = await hallBench();
    console.log(`filled the day: ${DAY_TICKETS} tickets in ${hall.fillSeconds.toFixed(1)} s (${Math.round(DAY_TICKETS / hall.fillSeconds)} tickets/s with 32 kiosks)`);
    console.log(line('issue at 100/s (POST /api/tickets)', hall.issue, base.issue, 'p99 < 25 ms'));
    console.log(line(`call shown on ${SCREENS} screens`, hall.call, base.call, 'p99 < 50 ms'));
  }
  if (part !== 'hall') await historyBench();
  process.exit(0);
}

void main();
