import { createServer, type Socket } from 'node:net';
import iconv from 'iconv-lite';

/**
 * `normal`: records, answers DLE EOT 4 with 0x12 (paper present) and closes when the client does.
 * `paper-out`: the same, but answers 0x72 (paper end).
 * `no-status`: records and closes like `normal`, never answers status (like many network boxes).
 * `silent`: accepts and then never reads nor answers (a hung printer).
 */
export type FakePrinterMode = 'normal' | 'paper-out' | 'no-status' | 'silent';

export interface FakeConnection {
  /** Everything received so far. */
  bytes: Buffer;
  /** Resolves when the connection has closed. */
  closed: Promise<void>;
}

export interface FakePrinter {
  port: number;
  connections: FakeConnection[];
  /** Resolves with the next connection once it has closed (a connection already made counts). */
  nextClosed(): Promise<FakeConnection>;
  close(): Promise<void>;
}

const PAPER_STATUS_QUERY = Buffer.from([0x10, 0x04, 0x04]);
const ANSWERS: Partial<Record<FakePrinterMode, number>> = { normal: 0x12, 'paper-out': 0x72 };

export async function startFakePrinter(mode: FakePrinterMode): Promise<FakePrinter> {
  const connections: FakeConnection[] = [];
  const sockets = new Set<Socket>();
  const waiting: ((c: FakeConnection) => void)[] = [];
  let handedOut = 0;

  const server = createServer((socket) => {
    sockets.add(socket);
    const connection: FakeConnection = {
      bytes: Buffer.alloc(0),
      closed: new Promise((resolve) =>
        socket.on('close', () => {
          sockets.delete(socket);
          resolve();
        }),
      ),
    };
    connections.push(connection);
    waiting.shift()?.(connection);
    socket.on('error', () => {});
    if (mode === 'silent') {
      socket.pause();
      return;
    }
    socket.on('data', (chunk: Buffer) => {
      const before = connection.bytes.length;
      connection.bytes = Buffer.concat([connection.bytes, chunk]);
      const answer = ANSWERS[mode];
      const query = connection.bytes.indexOf(PAPER_STATUS_QUERY, Math.max(0, before - 2));
      if (answer !== undefined && query >= 0) socket.write(Buffer.from([answer]));
    });
    socket.on('end', () => socket.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fake printer has no port');

  return {
    port: address.port,
    connections,
    async nextClosed() {
      const index = handedOut++;
      const connection = connections[index] ?? (await new Promise<FakeConnection>((resolve) => waiting.push(resolve)));
      await connection.closed;
      return connection;
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port that nothing listens on: opened and closed again. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  await new Promise((resolve) => server.close(resolve));
  return address.port;
}

interface QrFunction {
  start: number;
  end: number;
  fn: number;
  params: Buffer;
}

/** The QR symbol functions (GS ( k pL pH 49 fn params) in the bytes, in order. */
export function qrFunctions(bytes: Buffer): QrFunction[] {
  const found: QrFunction[] = [];
  for (let i = bytes.indexOf('\x1d(k'); i >= 0; i = bytes.indexOf('\x1d(k', i + 1)) {
    const length = bytes[i + 3] + bytes[i + 4] * 256;
    const end = i + 5 + length;
    if (bytes[i + 5] === 0x31) found.push({ start: i, end, fn: bytes[i + 6], params: bytes.subarray(i + 7, end) });
  }
  return found;
}

/** The data of the QR store command (GS ( k pL pH 49 80 48 data), as text. */
export function qrData(bytes: Buffer): string | undefined {
  const store = qrFunctions(bytes).find((f) => f.fn === 0x50 && f.params[0] === 0x30);
  return store?.params.subarray(1).toString('utf8');
}

/** The bytes as GB18030 text, leaving out the QR commands (their length bytes are not text). */
export function decodeText(bytes: Buffer): string {
  const parts: Buffer[] = [];
  let at = 0;
  for (const f of qrFunctions(bytes)) {
    parts.push(bytes.subarray(at, f.start));
    at = f.end;
  }
  parts.push(bytes.subarray(at));
  return iconv.decode(Buffer.concat(parts), 'GB18030');
}

/** Where the (first) cut command GS V is, or -1. */
export function cutIndex(bytes: Buffer): number {
  return bytes.indexOf(Buffer.from([0x1d, 0x56]));
}
