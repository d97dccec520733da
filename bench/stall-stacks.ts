import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * What the server's main thread did during each long event-loop delay of a bench day, from
 * the kernel's side: CPU samples and context switches recorded by perf on the event loop's
 * CPU, matched by time to the delays the day recorded. A V8 profile (`--cpu-prof`) cannot
 * tell this on a loaded two-CPU machine: its sampling thread waits for a CPU like the rest.
 *
 *   BENCH_PART=day BENCH_DAY_STALLS=/tmp/stalls.json node --perf-basic-prof --import tsx bench/run.ts &
 *   taskset -c 1 perf record -k CLOCK_MONOTONIC -F 999 -g -C 0 -e cpu-clock -e sched:sched_switch -o /tmp/perf.data
 *   perf script -i /tmp/perf.data -F comm,tid,cpu,time,event,trace,ip,sym > /tmp/perf.txt
 *   npx tsx bench/stall-stacks.ts /tmp/stalls.json /tmp/perf.txt [over-ms]
 *
 * For each delay: who had the CPU (the main thread by its innermost frames, others by name),
 * and each time the main thread left it — preempted (R) or asleep (S, D), with the kernel's
 * and the program's frames at that moment, which say what it waited for.
 */

interface Stall {
  ms: number;
  onCpuMs: number;
  waitingForCpuMs: number;
  gcMs?: number;
  endedAtMonotonicMs: number;
}

interface PerfEvent {
  comm: string;
  tid: number;
  cpu: number;
  /** Seconds, CLOCK_MONOTONIC. */
  time: number;
  event: string;
  trace: string;
  frames: string[];
}

const [stallsFile, perfFile, overArg] = process.argv.slice(2);
if (!stallsFile || !perfFile) throw new Error('usage: tsx bench/stall-stacks.ts STALLS.json PERF-SCRIPT.txt [over-ms]');
const over = Number(overArg ?? 20);
/** The `-F` of the perf record line above. */
const SAMPLE_HZ = 999;
const { pid, stalls } = JSON.parse(readFileSync(stallsFile, 'utf8')) as { pid: number; stalls: Stall[] };

/**
 * `perf script` text: a header line per event, then its call chain, innermost first, then a
 * blank line. Only events within `keep` (seconds) are kept: a whole day's text is gigabytes.
 */
async function parse(file: string, keep: (time: number) => boolean): Promise<PerfEvent[]> {
  const events: PerfEvent[] = [];
  const header = /^(.+?)\s+(\d+)\s+\[(\d+)\]\s+(\d+\.\d+):\s+(?:\d+\s+)?([\w:-]+):\s*(.*)$/;
  let current: PerfEvent | undefined;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    const h = /^\S/.test(line) ? header.exec(line) : null;
    if (h) {
      const time = Number(h[4]);
      current = keep(time) ? { comm: h[1].trim(), tid: Number(h[2]), cpu: Number(h[3]), time, event: h[5], trace: h[6], frames: [] } : undefined;
      if (current) events.push(current);
    } else if (current && line.trim()) {
      // "\t ffffffff8100 symbol+0x1f" → "symbol"
      const sym = line.trim().split(/\s+/).slice(1).join(' ').replace(/\+0x[0-9a-f]+$/, '');
      current.frames.push(sym || '[unknown]');
    }
  }
  return events;
}

const long = stalls.filter((s) => s.ms > over);
const windows = long.map((s) => [(s.endedAtMonotonicMs - s.ms) / 1000 - 0.5, s.endedAtMonotonicMs / 1000]);
const events = (await parse(perfFile, (t) => windows.some(([a, b]) => t >= a && t <= b))).sort((a, b) => a.time - b.time);
const isKernel = (f: string) => /^[a-z_0-9.]+$/.test(f) && !f.startsWith('uv_') && !f.includes('::');
/** The innermost frames that say where: the leaf, then the first frame of the program's own (a JS or V8 function). */
const where = (frames: string[]) => {
  const program = frames.find((f) => !isKernel(f) && f !== '[unknown]');
  return [frames[0] ?? '?', program && program !== frames[0] ? `… ${program}` : ''].join(' ').trim();
};
const top = (m: Map<string, number>, n: number, unit: (v: number) => string) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `    ${unit(v).padStart(8)}  ${k.slice(0, 220)}`)
    .join('\n');
const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);

for (const stall of long) {
  const end = stall.endedAtMonotonicMs / 1000;
  const start = end - stall.ms / 1000;
  const inside = events.filter((e) => e.time >= start && e.time <= end && e.cpu === 0);
  const samples = inside.filter((e) => e.event !== 'sched:sched_switch');
  const who = new Map<string, number>();
  const mainAt = new Map<string, number>();
  const mainIn = new Map<string, number>();
  for (const e of samples) {
    add(who, e.tid === pid ? 'server main thread' : `${e.comm} (${e.tid})`, 1);
    if (e.tid !== pid) continue;
    add(mainAt, where(e.frames), 1);
    for (const f of new Set(e.frames.filter((f) => f.startsWith('JS:')))) add(mainIn, f.replace(/^JS:[*^~]?/, '').replace(/file:\/\/\/?|\/work\/main\//g, ''), 1);
  }
  // Each time the main thread left the CPU: how, where, and for how long.
  const away = new Map<string, number>();
  const switches = events.filter((e) => e.event === 'sched:sched_switch' && e.time >= start - 0.5 && e.time <= end);
  for (const out of switches.filter((e) => e.time >= start && / prev_pid=(\d+) /.exec(e.trace)?.[1] === String(pid))) {
    const back = switches.find((e) => e.time > out.time && new RegExp(`next_pid=${pid}(\\s|$)`).test(e.trace));
    const state = / prev_state=(\S+)/.exec(out.trace)?.[1] ?? '?';
    const ms = ((back?.time ?? end) - out.time) * 1000;
    const kernel = out.frames.filter(isKernel).slice(0, 4).join(' < ');
    add(away, `${state}  ${kernel}  ${where(out.frames.filter((f) => !isKernel(f)))}`, ms);
  }
  const gc = stall.gcMs ? `, ${stall.gcMs.toFixed(1)} in GC` : '';
  console.log(`\n== delay ${stall.ms.toFixed(1)} ms ending at ${end.toFixed(3)} s: ${stall.onCpuMs.toFixed(1)} on a CPU, ${stall.waitingForCpuMs.toFixed(1)} waiting for one${gc}`);
  console.log(`  CPU 0 samples by thread:\n${top(who, 6, (v) => `${v}`)}`);
  // perf's cpu-clock samples come from the guest's own timer: where the host did not run this
  // virtual CPU, there are none, though the kernel counts its thread as running all along.
  const times = [start, ...samples.map((e) => e.time), end];
  const gapMs = Math.max(...times.slice(1).map((t, i) => t - times[i])) * 1000;
  if (gapMs > 5) console.log(`  no sample for ${gapMs.toFixed(1)} ms at once (${samples.length} in ${stall.ms.toFixed(1)} ms at ${SAMPLE_HZ} a second): the host did not run CPU 0 then`);
  if (mainAt.size) console.log(`  the main thread's samples, innermost frames:\n${top(mainAt, 10, (v) => `${v}`)}`);
  if (mainIn.size) console.log(`  the main thread's samples, by JS function on the stack (inclusive):\n${top(mainIn, 14, (v) => `${v}`)}`);
  if (away.size) console.log(`  the main thread off the CPU (state, kernel frames, program frames):\n${top(away, 8, (v) => `${v.toFixed(1)} ms`)}`);
}
