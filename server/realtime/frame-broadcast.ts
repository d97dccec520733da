import type { Server, Socket } from 'socket.io';
import WebSocket from 'ws';

/**
 * One event to many sockets, its WebSocket frame built once and written to each socket's
 * TCP connection.
 *
 * Socket.IO's own broadcast passes each copy through the socket's Engine.IO packet queue,
 * its events and `ws`'s corked two-part write: about 2.3 KB of short-lived objects per
 * screen per message. On the bench's busy day (a round to 1,000 screens up to 10 times a
 * second) that was 45 % of everything the server allocated, and the young generation's
 * collections came twice as often as without screens.
 *
 * A socket gets the frame only where Socket.IO would have written straight through: an
 * open WebSocket transport, nothing of its own queued or being sent, no compression. Any
 * other socket (long-polling, mid-upgrade, busy, or a library whose internals moved) gets
 * the ordinary `emit`, so every socket's messages stay in the order they were sent.
 */

/** The parts of Engine.IO's socket and `ws` this reads; checked field by field at run time. */
interface EngineSocket {
  readyState?: unknown;
  upgrading?: unknown;
  writeBuffer?: unknown;
  transport?: {
    name?: unknown;
    writable?: unknown;
    perMessageDeflate?: unknown;
    socket?: { readyState?: unknown; _sender?: { _state?: unknown; _queue?: unknown }; _socket?: { write?: unknown; writable?: unknown } };
  };
}

export interface FrameBroadcastCount {
  /** Sockets written the prepared frame. */
  framed: number;
  /** Sockets sent the event through Socket.IO (not a WebSocket, or busy). */
  emitted: number;
}

/** `ws`'s frame builder (what socket.io-adapter uses for the same purpose; not in `ws`'s types). */
const { Sender } = WebSocket as unknown as { Sender: { frame(data: Buffer, options: { fin: boolean; rsv1: boolean; opcode: number; mask: boolean; readOnly: boolean }): Buffer[] } };
/** `ws`'s sender state when it is neither compressing nor reading a Blob (its `DEFAULT`). */
const SENDER_IDLE = 0;

/** The text frame of a Socket.IO event in the main namespace: `4` (Engine.IO message), then Socket.IO's encoding. */
export function eventFrame(io: Server, event: string, payload: unknown): Buffer {
  const packets = io.encoder.encode({ type: 2 /* EVENT */, nsp: '/', data: [event, payload] });
  if (packets.length !== 1 || typeof packets[0] !== 'string') throw new Error(`${event}: binary payloads are not framed here`);
  const parts = Sender.frame(Buffer.from(`4${packets[0]}`), { fin: true, rsv1: false, opcode: 1, mask: false, readOnly: false });
  return Buffer.concat(parts);
}

/** Writes `frame` to the socket's WebSocket connection if nothing else of its own is in flight; false if it did not. */
export function writeFrame(socket: Socket, frame: Buffer): boolean {
  const conn = socket.conn as unknown as EngineSocket;
  const transport = conn.transport;
  const ws = transport?.socket;
  const tcp = ws?._socket;
  const sender = ws?._sender;
  const idle =
    conn.readyState === 'open' &&
    conn.upgrading === false &&
    Array.isArray(conn.writeBuffer) &&
    conn.writeBuffer.length === 0 &&
    transport?.name === 'websocket' &&
    transport.writable === true &&
    !transport.perMessageDeflate &&
    ws?.readyState === WebSocket.OPEN &&
    sender?._state === SENDER_IDLE &&
    Array.isArray(sender._queue) &&
    sender._queue.length === 0 &&
    typeof tcp?.write === 'function' &&
    tcp.writable === true;
  if (!idle) return false;
  (tcp.write as (b: Buffer) => boolean)(frame);
  return true;
}

/** `event` with `payload` to each socket of `socketIds` still connected: framed where it can be, emitted where not. */
export function broadcastFrame(io: Server, socketIds: Iterable<string>, event: string, payload: unknown, frame = eventFrame(io, event, payload)): FrameBroadcastCount {
  const count: FrameBroadcastCount = { framed: 0, emitted: 0 };
  for (const id of socketIds) {
    const socket = io.sockets.sockets.get(id);
    if (!socket?.connected) continue;
    if (writeFrame(socket, frame)) count.framed++;
    else {
      socket.emit(event, payload);
      count.emitted++;
    }
  }
  return count;
}
