import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';

/**
 * How the server's Node is started, wherever it is (`npm start`, the bench, the soak, the
 * tests' child server): V8 flags that must be given before the heap exists.
 *
 * A young generation of 8 MB a half rather than V8's 16: what a scavenge copies grows with
 * it, and the server's survivors (about 1.2 MB a scavenge in a bench day) copy in a third
 * of the time.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=8'] as const;

/** The flags above this process was started without, on its command line or in NODE_OPTIONS. */
export function missingStartFlags(): string[] {
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  return SERVER_NODE_FLAGS.filter((f) => !given.includes(f));
}

/**
 * How far the old generation may grow past what the last full collection kept before the
 * next begins: 100 %, twice it. Left to V8, the server's full collections began at about
 * 1.2 times what the last one kept: every 5–6 s late in a bench day, each with 170–290 ms
 * of concurrent marking by V8's workers — on a two-CPU machine, on the CPU that the thread
 * pool's journal writes and the rest of the machine share. Twice what was kept is some
 * 140 MB at the end of a 20,000-ticket day (68 MB kept).
 */
const HEAP_GROWING_PERCENT = 100;

/**
 * V8 allocates straight into the old generation (pretenures) the objects of a literal whose
 * objects mostly survived a scavenge; a bench day tenured 45 such sites, request handling's
 * among them. A dead object in the old generation still counts as alive to a scavenge until
 * the next full collection, and so does every young object it points to: each of a day's
 * scavenges copied 670 KB (630 KB of it promoted) with pretenuring, 142 KB (91) without
 * (`--trace-gc-nvp`). Short bench days (6,000 tickets, alternated with the default): GC
 * pauses p50 1.1–1.3 ms against 2.5–2.7, every command's p99 6.05 and 6.43 ms against 7.44
 * and 8.36.
 *
 * A scavenge stops the event loop. V8 splits it among helper threads and has the main
 * thread wait for them; on a machine of two CPUs or fewer those helpers wait behind the
 * rest of the machine's work (the thread pool's fsyncs, the kernel's threads), and the main
 * thread waits with them: perf showed it asleep 12 ms of a 21 ms scavenge, and a whole
 * bench day's longest scavenge was 43–51 ms. The main thread alone, with the smaller young
 * generation above, did the longest of a whole day in 13.5 ms.
 */
export function tuneGarbageCollection(cpus = availableParallelism()): void {
  if (cpus <= 2) setFlagsFromString('--no-parallel-scavenge');
  setFlagsFromString('--no-allocation-site-pretenuring');
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
