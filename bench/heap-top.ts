import { readFileSync } from 'node:fs';
import { where } from './profile-names.ts';

/**
 * What was allocated, from a V8 sampling heap profile (`.heapprofile`, see BENCH_DAY_HEAP_PROF
 * in bench/day.ts): bytes by package (or our own top-level folder), by function, and the
 * allocating stacks that hold the most, largest first.
 *
 *   npx tsx bench/heap-top.ts PROFILE.heapprofile [rows] [stack depth]
 */

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: Node[];
}

const [file, rowsArg, depthArg] = process.argv.slice(2);
if (!file) throw new Error('usage: tsx bench/heap-top.ts PROFILE.heapprofile [rows] [stack depth]');
const rows = Number(rowsArg ?? 25);
const depth = Number(depthArg ?? 6);
const { head } = JSON.parse(readFileSync(file, 'utf8')) as { head: Node };

const frame = (n: Node) => {
  const name = n.callFrame.functionName || '(anonymous)';
  return n.callFrame.url ? `${name} ${n.callFrame.url.replace(/^.*\/work\/[^/]+\//, '').replace(/^.*node_modules\//, '')}:${n.callFrame.lineNumber + 1}` : name;
};

const byPackage = new Map<string, number>();
const byFunction = new Map<string, number>();
const byStack = new Map<string, number>();
let total = 0;
const add = (m: Map<string, number>, k: string, b: number) => m.set(k, (m.get(k) ?? 0) + b);
(function walk(n: Node, path: Node[]) {
  const here = [...path, n];
  if (n.selfSize) {
    total += n.selfSize;
    add(byPackage, where(n.callFrame.url), n.selfSize);
    add(byFunction, frame(n), n.selfSize);
    add(byStack, here.slice(-depth).reverse().map(frame).join('\n      ← '), n.selfSize);
  }
  for (const c of n.children) walk(c, here);
})(head, []);

const table = (title: string, m: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [k, b] of [...m].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    console.log(`${((100 * b) / total).toFixed(1).padStart(6)} %  ${(b / 2 ** 20).toFixed(1).padStart(7)} MB  ${k}`);
  }
};
console.log(`${file}: ${(total / 2 ** 20).toFixed(1)} MB sampled`);
table('by package or folder', byPackage);
table('by function', byFunction);
table('by allocating stack', byStack);
