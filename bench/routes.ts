import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { Server } from 'socket.io';
import { DurableLog } from './durable-log.ts';

/** A route on this process's event loop, at `origin`, until `close`. */
export interface Route {
  origin: string;
  close: () => Promise<void>;
}

export async function listen(server: HttpServer, close = () => new Promise<void>((r) => server.close(() => r()))): Promise<Route> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close };
}

/** The bare route appending a line and fdatasyncing it (group commit): the durable baseline, at POST /api/durable. */
export async function startDurableRoute(): Promise<Route & { syncs: DurableLog['syncs'] }> {
  const dir = await mkdtemp(join(tmpdir(), 'hall-baseline-'));
  const log = await DurableLog.open(join(dir, 'log.ndjson'));
  const app = express();
  app.use(express.json());
  app.post('/api/durable', async (req, res) => {
    await log.append(JSON.stringify(req.body));
    res.status(201).json({ ok: true, echo: req.body });
  });
  const route = await listen(createServer(app));
  return {
    origin: route.origin,
    syncs: log.syncs,
    close: async () => {
      await route.close();
      await log.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The bare Express route (POST /api/x, answering at once) and the bare Socket.IO broadcast
 * (POST /api/emit sends one call to every screen): what the stack gives with no hall behind it.
 */
export async function startBareRoutes(): Promise<Route> {
  const app = express();
  app.use(express.json());
  app.post('/api/x', (req, res) => {
    res.status(201).json({ ok: true, echo: req.body });
  });
  const server = createServer(app);
  const io = new Server(server);
  let n = 0;
  app.post('/api/emit', (_req, res) => {
    const id = `call-${++n}`;
    io.emit('hall:changes', { calls: [{ id, number: 'A001', windowNumber: 5 }], windows: [], counts: [] });
    res.json({ id });
  });
  // Closing Socket.IO closes its HTTP server too.
  return listen(server, () => new Promise<void>((r) => io.close(() => r())));
}
