import WebSocket from 'ws';
import { socketPath } from '../shared/events.ts';

/**
 * A thousand screens in a process of their own, driven over IPC by bench/run.ts: connect,
 * then report when each screen received each announced call (absolute time, milliseconds).
 *
 * In a hall every screen is a device of its own that reads each message as it comes. One
 * process decoding a thousand copies of every message with socket.io-client could not: on
 * a busy day it fell minutes behind (170 MB unread in its sockets), so the server's writes
 * piled up in its own memory and the bench measured a load generator that did not keep up.
 * These screens speak the Engine.IO and Socket.IO wire protocol over `ws` and read only what
 * the figures need: the ids of the calls at the head of each `hall:changes`.
 */

const [url, n, authJson, record = 'record'] = process.argv.slice(2);
/** A whole day's receipts on a thousand screens would be millions: the day's bench does not ask for them. */
const keepReceipts = record === 'record';
const now = () => performance.timeOrigin + performance.now();
const sockets: WebSocket[] = [];
const received: Array<[string, number]> = [];

/** Engine.IO packet types (first character) and Socket.IO's within a message ("4…"). */
const PING = '2';
const PONG = '3';
const CONNECT = '40';
const CONNECT_ERROR = '44';
const CHANGES = Buffer.from('42["hall:changes",{"calls":[');
const CALLS_END = Buffer.from('],"windows":');

function screen(auth: object): Promise<void> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}${socketPath}/?EIO=4&transport=websocket`, { perMessageDeflate: false });
  sockets.push(ws);
  return new Promise<void>((resolve, reject) => {
    // A later error (a reset as the server closes) must not go unhandled: the promise is settled by then.
    ws.on('error', reject);
    ws.on('message', (data: Buffer) => {
      if (data.subarray(0, CHANGES.length).equals(CHANGES)) return callsIn(data);
      const text = data.length < 256 ? data.toString() : '';
      if (text === PING) ws.send(PONG);
      else if (text.startsWith('0{')) ws.send(`${CONNECT}${JSON.stringify(auth)}`);
      else if (text.startsWith(CONNECT)) resolve();
      else if (text.startsWith(CONNECT_ERROR)) reject(new Error(`screen refused: ${text}`));
    });
  });
}

/** `42["hall:changes",{"calls":[…],"windows":…`: each call's id, without decoding the rest. */
function callsIn(data: Buffer): void {
  if (!keepReceipts) return;
  const at = now();
  if (data[CHANGES.length] === 0x5d /* ] */) return;
  const end = data.indexOf(CALLS_END, CHANGES.length);
  if (end < 0) throw new Error(`hall:changes without its calls first: ${data.subarray(0, 120)}`);
  const calls = JSON.parse(`[${data.toString('utf8', CHANGES.length, end)}]`) as Array<{ id: string }>;
  for (const call of calls) received.push([call.id, at]);
}

async function main() {
  const auth = JSON.parse(authJson);
  for (let i = 0; i < Number(n); i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, Number(n) - i) }, () => screen(auth)));
  }
  process.send!({ type: 'ready' });
}

process.on('message', (m: { type: string }) => {
  if (m.type === 'report') process.send!({ type: 'report', received: received.splice(0) });
  if (m.type === 'stop') {
    for (const s of sockets) s.close();
    process.exit(0);
  }
});

void main();
