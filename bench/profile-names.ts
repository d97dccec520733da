/** Names for the frames of V8 profiles (bench/profile-top.ts, bench/heap-top.ts). */

/** The package a script belongs to, our own top-level folder, or Node's core. */
export function where(url: string): string {
  if (!url) return '(native / V8)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1];
  if (url.startsWith('node:')) return 'node core';
  const own = /\/work\/[^/]+\/([^/]+)\//.exec(url);
  return own ? own[1] : url;
}
