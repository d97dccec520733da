import { readFileSync } from 'node:fs';
import { where } from './profile-names.ts';

/**
 * Where the time went, from a V8 CPU profile (`node --cpu-prof`): self time by function and
 * by package (or by our own top-level folder), largest first.
 *
 *   npx tsx bench/profile-top.ts PROFILE.cpuprofile [rows]
 */

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const [file, rowsArg] = process.argv.slice(2);
if (!file) throw new Error('usage: tsx bench/profile-top.ts PROFILE.cpuprofile [rows]');
const rows = Number(rowsArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);


const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
for (const [id, us] of selfUs) {
  const f = byId.get(id)!.callFrame;
  const name = f.functionName || '(anonymous)';
  const key = name.startsWith('(') ? name : `${name}  ${f.url.replace(/^.*\/work\/[^/]+\//, '')}:${f.lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  const pkg = name === '(garbage collector)' || name === '(idle)' || name === '(program)' ? name : where(f.url);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
}

const table = (title: string, m: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    console.log(`${((100 * us) / total).toFixed(1).padStart(6)} %  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
  }
};
// Inclusive time of each of our own functions (server/, shared/): its self time and all below it.
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const inclusive = new Map<string, number>();
for (const [id, us] of selfUs) {
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const f = byId.get(at)!.callFrame;
    if (!/\/(server|shared)\//.test(f.url) || f.url.includes('node_modules')) continue;
    const key = `${f.functionName || '(anonymous)'}  ${f.url.replace(/^.*\/work\/[^/]+\//, '')}:${f.lineNumber + 1}`;
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + us);
  }
}

console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
table('self time by package or folder', byPackage);
table('self time by function', byFunction);
table('inclusive time of our own functions', inclusive);
