import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Where thread `tid` of this process waits in the kernel; '' if it has ended meanwhile. */
function wchan(tid: string): string {
  try {
    return readFileSync(`/proc/self/task/${tid}/wchan`, 'utf8');
  } catch {
    return '';
  }
}

/**
 * The thread ids of libuv's thread pool in this process (the threads that write the store's
 * journal), told apart from V8's: each pool thread is given an open of a FIFO with no writer
 * yet, and the threads the kernel shows waiting for that partner are the pool's. Empty
 * where it cannot tell (not Linux, no mkfifo, the pool busy for over two seconds).
 */
export async function threadPoolThreads(): Promise<number[]> {
  const size = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
  const fifo = join(tmpdir(), `hall-bench-pool-${process.pid}`);
  try {
    execFileSync('mkfifo', [fifo], { stdio: 'ignore' });
  } catch {
    return [];
  }
  const opens = Array.from({ length: size }, () => open(fifo, 'r'));
  try {
    for (let waited = 0; waited < 2000; waited += 10) {
      const waiting = readdirSync('/proc/self/task').filter((tid) => wchan(tid) === 'wait_for_partner');
      if (waiting.length === size) return waiting.map(Number);
      await sleep(10);
    }
    return [];
  } finally {
    // A writer opened here, not in the pool (every thread of which may be waiting), lets each open
    // return; read-write, so that it does not itself wait for a reader.
    const writer = openSync(fifo, 'r+');
    for (const o of opens) await (await o).close();
    closeSync(writer);
    rmSync(fifo, { force: true });
  }
}
