import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { broadcastFrame } from '../server/realtime/frame-broadcast.ts';

/** A real Socket.IO server on a loopback port, and clients that record what they get. */
describe('a prepared frame to many sockets', () => {
  let http: HttpServer;
  let io: Server;
  let url: string;
  const clients: ClientSocket[] = [];

  beforeEach(async () => {
    http = createServer();
    io = new Server(http);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.disconnect();
    await io.close();
  });

  async function client(transports: Array<'websocket' | 'polling'>, upgrade = true): Promise<{ socket: ClientSocket; got: Array<[string, unknown]> }> {
    const socket = connect(url, { transports, upgrade, reconnection: false, forceNew: true });
    clients.push(socket);
    const got: Array<[string, unknown]> = [];
    socket.onAny((event: string, payload: unknown) => got.push([event, payload]));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    return { socket, got };
  }

  async function until(check: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 3000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  const payload = { calls: [{ number: 'A001', windowName: '5号窗口', at: 1 }], windows: [], counts: [{ serviceId: 'company', waiting: 3 }] };

  it('writes the frame to WebSocket clients and emits to long-polling ones, and both decode the same event', async () => {
    const ws = await client(['websocket']);
    const polling = await client(['polling'], false);
    const count = broadcastFrame(io, io.sockets.sockets.keys(), 'hall:changes', payload);
    expect(count).toEqual({ framed: 1, emitted: 1 });
    await until(() => ws.got.length === 1 && polling.got.length === 1, 'both clients');
    expect(ws.got).toEqual([['hall:changes', payload]]);
    expect(polling.got).toEqual([['hall:changes', payload]]);
  });

  it('frames payloads of every length class (7-bit, 16-bit and 64-bit lengths) intact', async () => {
    const ws = await client(['websocket']);
    const sizes = [10, 200, 70_000];
    for (const n of sizes) broadcastFrame(io, [ws.socket.id!], 'big', { text: '号'.repeat(n) });
    await until(() => ws.got.length === sizes.length, 'three frames');
    expect(ws.got.map(([, p]) => (p as { text: string }).text.length)).toEqual(sizes);
  });

  it('keeps each socket\'s messages in the order they were sent, mixing frames with ordinary emits', async () => {
    const ws = await client(['websocket']);
    const server = io.sockets.sockets.get(ws.socket.id!)!;
    let framed = 0;
    for (let i = 0; i < 300; i++) {
      if (i % 3 === 0) server.emit('seq', i);
      else framed += broadcastFrame(io, [server.id], 'seq', i).framed;
      // Now and then let Engine.IO's own writes complete, so both paths get used.
      if (i % 10 === 0) await new Promise((r) => setImmediate(r));
    }
    await until(() => ws.got.length === 300, '300 messages');
    expect(ws.got.map(([, i]) => i)).toEqual([...Array(300).keys()]);
    // Busy sockets fell back to emit, idle ones got the frame: both happened.
    expect(framed).toBeGreaterThan(0);
    expect(framed).toBeLessThan(200);
  });

  it('skips sockets that are gone', async () => {
    const ws = await client(['websocket']);
    expect(broadcastFrame(io, ['no-such-socket', ws.socket.id!], 'hall:changes', payload)).toEqual({ framed: 1, emitted: 0 });
  });
});
