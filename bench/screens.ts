import { io as connect, type Socket } from 'socket.io-client';

/**
 * A thousand screens in a process of their own, so decoding their messages does not run
 * on the server's event loop. Driven over IPC by bench/run.ts: connect, then report when
 * each screen received each announced call (absolute time, milliseconds).
 */

const [url, n, authJson] = process.argv.slice(2);
const now = () => performance.timeOrigin + performance.now();
const sockets: Socket[] = [];
const received: Array<[string, number]> = [];

async function main() {
  const auth = JSON.parse(authJson);
  for (let i = 0; i < Number(n); i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, Number(n) - i) }, () => {
        const s = connect(url, { auth, transports: ['websocket'], forceNew: true, reconnection: false });
        sockets.push(s);
        s.on('hall:changes', (changes: { calls: Array<{ id: string }> }) => {
          for (const call of changes.calls) received.push([call.id, now()]);
        });
        return new Promise<void>((resolve, reject) => {
          s.once('connect', () => resolve());
          s.once('connect_error', reject);
        });
      }),
    );
  }
  process.send!({ type: 'ready' });
}

process.on('message', (m: { type: string }) => {
  if (m.type === 'report') process.send!({ type: 'report', received: received.splice(0) });
  if (m.type === 'stop') {
    for (const s of sockets) s.disconnect();
    process.exit(0);
  }
});

void main();
