import { createServer, type Server, type Socket, connect } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy on loopback in front of a real server (the database, a hall server), so a
 * test can cut the line: drop every open connection, refuse new ones for a while, or send
 * new ones somewhere else, as a network or a load balancer would.
 */
export interface TcpProxy {
  port: number;
  /** Drop every connection open now. */
  cut(): void;
  /** While true, new connections are closed at once. */
  refuse(on: boolean): void;
  /** Send new connections to another port. */
  target(port: number): void;
  close(): Promise<void>;
}

export async function startProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  let to = targetPort;
  let refusing = false;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (refusing) {
      client.destroy();
      return;
    }
    const upstream = connect(to, targetHost);
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    cut: () => {
      for (const s of open) s.destroy();
      open.clear();
    },
    refuse: (on) => {
      refusing = on;
    },
    target: (port) => {
      to = port;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of open) s.destroy();
        server.close(() => r());
      }),
  };
}
