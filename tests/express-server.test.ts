import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createExpressServer, serveApp } from '../server/http/express-server.ts';

/** Real servers on loopback ports, asked with fetch. */
describe('a server whose requests are born with the app’s prototypes', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
  });

  async function listen(server: Server): Promise<string> {
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** An app whose route answers what Express made of the request, and how Node's server had made it. */
  function appNamed(name: string): { app: Express; madeAs: Array<{ request: boolean; response: boolean }> } {
    const app = express();
    app.set('hall name', name);
    app.use(express.json());
    app.post('/echo', (req, res) => {
      res.status(201).json({ hall: req.app.get('hall name'), header: req.get('x-window'), ip: req.ip, body: req.body, same: req.app === app });
    });
    return { app, madeAs: [] };
  }

  /** Before Express sees them: were the server's request and response already the app's? */
  function watchPrototypes(server: Server, app: Express, madeAs: Array<{ request: boolean; response: boolean }>): void {
    server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
      madeAs.push({ request: Object.getPrototypeOf(req) === app.request, response: Object.getPrototypeOf(res) === app.response });
    });
  }

  const post = (url: string) => fetch(`${url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-window': '5' }, body: JSON.stringify({ n: 1 }) });

  it('answers as a standby until the app is served, then as the app, with the app’s prototypes from the start', async () => {
    const server = createExpressServer((_req, res) => {
      res.statusCode = 503;
      res.end('standby');
    });
    const url = await listen(server);
    const standby = await post(url);
    expect([standby.status, await standby.text()]).toEqual([503, 'standby']);

    const { app, madeAs } = appNamed('东城');
    serveApp(server, app);
    watchPrototypes(server, app, madeAs);
    for (let i = 0; i < 3; i++) {
      const res = await post(url);
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({ hall: '东城', header: '5', ip: '127.0.0.1', body: { n: 1 }, same: true });
    }
    expect(madeAs).toEqual(Array(3).fill({ request: true, response: true }));
  });

  it('keeps two apps in one process apart', async () => {
    const east = appNamed('东城');
    const west = appNamed('西城');
    const servers = [createExpressServer(), createExpressServer()];
    serveApp(servers[0], east.app);
    serveApp(servers[1], west.app);
    watchPrototypes(servers[0], east.app, east.madeAs);
    watchPrototypes(servers[1], west.app, west.madeAs);
    const [a, b] = await Promise.all(servers.map(listen));
    expect((await (await post(a)).json()).hall).toBe('东城');
    expect((await (await post(b)).json()).hall).toBe('西城');
    expect([east.madeAs, west.madeAs]).toEqual([[{ request: true, response: true }], [{ request: true, response: true }]]);
  });

  it('serves an app on a server it did not make, as Express does by itself', async () => {
    const server = createServer();
    const { app, madeAs } = appNamed('南城');
    serveApp(server, app);
    watchPrototypes(server, app, madeAs);
    const res = await post(await listen(server));
    expect(await res.json()).toMatchObject({ hall: '南城', same: true });
    expect(madeAs).toEqual([{ request: false, response: false }]);
  });
});
