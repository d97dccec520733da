import { readFileSync } from 'node:fs';
import { latency } from './lib.ts';

/**
 * Where the day's slowest commits waited: the kernel's own time for each journal write set
 * beside each commit's time in the server. Record both through one day, as root:
 *
 *   cd /sys/kernel/tracing   # mount -t tracefs nodev /sys/kernel/tracing, if it is not
 *   echo mono > trace_clock; echo 65536 > buffer_size_kb
 *   echo 1 > events/syscalls/sys_enter_pwrite64/enable; echo 1 > events/syscalls/sys_exit_pwrite64/enable
 *   echo 1 > tracing_on
 *   BENCH_PART=day BENCH_DAY_COMMITS=/tmp/commits.json npm run bench
 *   echo 0 > tracing_on; cat trace > /tmp/trace.txt
 *   npx tsx bench/commit-trace.ts /tmp/trace.txt /tmp/commits.json
 *
 * The journal's writes are the small ones (under 64 KB) to the file written most; the
 * zeros written ahead of it and a checkpoint's pieces are larger. A commit's write is the
 * first journal write the kernel began after the commit did (or after the write then in
 * flight, which it waited for).
 */

interface Write {
  start: number;
  end: number;
  bytes: number;
  fd: number;
}

const LINE = /-(\d+)\s+\[\d+\]\s+\S+\s+([\d.]+): sys_pwrite64(?:\(fd: (\w+), buf: \w+, count: (\w+), pos: \w+\)| -> \w+)/;

function writesIn(trace: string): Write[] {
  const begun = new Map<string, Omit<Write, 'end'>>();
  const writes: Write[] = [];
  for (const line of trace.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    const [, tid, seconds, fd, count] = m;
    const at = Number(seconds) * 1000;
    if (fd !== undefined) begun.set(tid, { start: at, bytes: Number.parseInt(count, 16), fd: Number.parseInt(fd, 16) });
    else {
      const w = begun.get(tid);
      begun.delete(tid);
      if (w) writes.push({ ...w, end: at });
    }
  }
  return writes.sort((a, b) => a.start - b.start);
}

function journalWrites(writes: Write[]): Write[] {
  const small = writes.filter((w) => w.bytes < 64 << 10);
  const byFd = new Map<number, number>();
  for (const w of small) byFd.set(w.fd, (byFd.get(w.fd) ?? 0) + 1);
  const fd = [...byFd].sort((a, b) => b[1] - a[1])[0]?.[0];
  return small.filter((w) => w.fd === fd);
}

/** The index of the first write that began at or after `at`. */
function firstFrom(writes: Write[], at: number): number {
  let lo = 0;
  let hi = writes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (writes[mid].start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function main(): void {
  const [traceFile, commitsFile] = process.argv.slice(2);
  if (!traceFile || !commitsFile) throw new Error('usage: tsx bench/commit-trace.ts TRACE COMMITS');
  const journal = journalWrites(writesIn(readFileSync(traceFile, 'utf8')));
  const commits = JSON.parse(readFileSync(commitsFile, 'utf8')) as Array<[startMs: number, ms: number]>;
  const inKernel = latency(journal.map((w) => w.end - w.start));
  console.log(`journal writes in the kernel: ${inKernel.n}, p50 ${inKernel.p50} ms, p99 ${inKernel.p99}, max ${inKernel.max}`);

  const parts = commits.flatMap(([at, ms]) => {
    const i = firstFrom(journal, at);
    const own = journal[i];
    if (!own) return [];
    const before = journal[i - 1];
    const inFlightLeft = before && before.end > at ? before.end - at : 0;
    return [{ ms, inFlightLeft, toOwnWrite: own.start - at - inFlightLeft, ownWrite: own.end - own.start, toAnswer: at + ms - own.end }];
  });
  const slowest = parts.sort((a, b) => b.ms - a.ms).slice(0, Math.max(1, Math.ceil(parts.length / 100)));
  const mean = (f: (p: (typeof parts)[number]) => number) => (slowest.reduce((s, p) => s + f(p), 0) / slowest.length).toFixed(2);
  console.log(`the slowest 1 % of ${parts.length} commits (from ${slowest.at(-1)?.ms.toFixed(2)} ms), on average ${mean((p) => p.ms)} ms:`);
  console.log(`  the write in flight still to finish  ${mean((p) => p.inFlightLeft)} ms`);
  console.log(`  then until its own write began       ${mean((p) => p.toOwnWrite)} ms  (the event loop taking the last write's end, the thread pool starting the next)`);
  console.log(`  its own write in the kernel          ${mean((p) => p.ownWrite)} ms`);
  console.log(`  from the write's end to the answer   ${mean((p) => p.toAnswer)} ms`);
}

main();
