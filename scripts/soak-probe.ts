import { readdir, readFile, readlink } from 'node:fs/promises';
import WebSocket from 'ws';

/**
 * What the soak measures of the server process from outside: resident memory and open
 * descriptors from /proc, its TCP connections from /proc/net/tcp, and — through the V8
 * inspector the server was started with (`--inspect=127.0.0.1:0`), since the server has
 * no endpoint for it — its heap, its active handles by type, and a forced GC.
 */

export interface ProcSample {
  rssMb: number;
  /** Peak resident set so far. */
  hwmMb: number;
  fds: number;
  socketFds: number;
  /** Connections to the server's port by TCP state (server side). */
  tcp: { established: number; closeWait: number; other: number };
  /** CPU time the server has used so far (user + system), seconds. */
  cpuS: number;
  /** Time the server's main thread has waited, runnable, for a CPU (/proc/<pid>/schedstat), seconds. */
  runWaitS: number;
  /** The machine's 1-minute load average: other work competes for the same cores. */
  load1: number;
}

export interface HeapSample {
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  /** `process.getActiveResourcesInfo()` counted by type (TCPSocketWrap, Timeout, FSReqCallback…). */
  resources: Record<string, number>;
  /** `performance.eventLoopUtilization()` since the server started: busy and idle milliseconds. */
  elu: { active: number; idle: number };
}

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

const TCP_STATES: Record<string, 'established' | 'closeWait' | 'listen' | 'other'> = { '01': 'established', '08': 'closeWait', '0A': 'listen' };

export async function procSample(pid: number, port: number): Promise<ProcSample> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  const entries = await readdir(`/proc/${pid}/fd`);
  let socketFds = 0;
  for (let i = 0; i < entries.length; i += 256) {
    const links = await Promise.all(entries.slice(i, i + 256).map((e) => readlink(`/proc/${pid}/fd/${e}`).catch(() => '')));
    socketFds += links.filter((l) => l.startsWith('socket:')).length;
  }
  const tcp = { established: 0, closeWait: 0, other: 0 };
  const portHex = port.toString(16).toUpperCase().padStart(4, '0');
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(file, 'utf8').catch(() => '');
    for (const row of text.split('\n').slice(1)) {
      const cols = row.trim().split(/\s+/);
      if (cols.length < 4 || !cols[1].endsWith(`:${portHex}`)) continue;
      const state = TCP_STATES[cols[3]] ?? 'other';
      if (state !== 'listen') tcp[state]++;
    }
  }
  // Fields after the command name: state is the 3rd, utime and stime the 14th and 15th, in clock ticks.
  const stat = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
  const cpuS = (Number(stat[11] ?? 0) + Number(stat[12] ?? 0)) / 100;
  const load1 = Number((await readFile('/proc/loadavg', 'utf8')).split(' ')[0]);
  const runWaitS = Number((await readFile(`/proc/${pid}/schedstat`, 'utf8').catch(() => '0 0')).split(' ')[1] ?? 0) / 1e9;
  return { rssMb: Math.round(kb('VmRSS') / 102.4) / 10, hwmMb: Math.round(kb('VmHWM') / 102.4) / 10, fds: entries.length, socketFds, tcp, cpuS, runWaitS, load1 };
}

/** A Chrome DevTools Protocol session on the server's inspector. */
export class Inspector {
  private next = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
      const p = m.id !== undefined ? this.pending.get(m.id) : undefined;
      if (!p) return;
      this.pending.delete(m.id!);
      if (m.error) p.reject(new Error(m.error.message));
      else p.resolve(m.result);
    });
    ws.on('close', () => {
      for (const p of this.pending.values()) p.reject(new Error('inspector closed'));
      this.pending.clear();
    });
  }

  static connect(url: string): Promise<Inspector> {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new Inspector(ws)));
      ws.once('error', reject);
    });
  }

  call<T>(method: string, params: object = {}, timeoutMs = 30_000): Promise<T> {
    const id = this.next++;
    this.ws.send(JSON.stringify({ id, method, params }));
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer in ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
    });
  }

  async heap(): Promise<HeapSample> {
    const expr = 'JSON.stringify({ m: process.memoryUsage(), r: process.getActiveResourcesInfo(), e: performance.eventLoopUtilization() })';
    const out = await this.call<{ result: { value?: string }; exceptionDetails?: unknown }>('Runtime.evaluate', { expression: expr, returnByValue: true });
    if (out.exceptionDetails || typeof out.result.value !== 'string') throw new Error('Runtime.evaluate failed');
    const { m, r, e } = JSON.parse(out.result.value) as { m: NodeJS.MemoryUsage; r: string[]; e: { active: number; idle: number } };
    const resources: Record<string, number> = {};
    for (const type of r) resources[type] = (resources[type] ?? 0) + 1;
    return { heapUsedMb: mb(m.heapUsed), heapTotalMb: mb(m.heapTotal), externalMb: mb(m.external), arrayBuffersMb: mb(m.arrayBuffers), resources, elu: { active: e.active, idle: e.idle } };
  }

  /** A full, synchronous mark-compact in the server: what is left is live. */
  async gc(): Promise<void> {
    await this.call('HeapProfiler.collectGarbage');
  }

  close(): void {
    this.ws.close();
  }
}
