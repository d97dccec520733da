import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToLoop } from 'node:timers/promises';

/** How long one slice of serialising may hold the event loop before it yields. */
export const SLICE_MS = 4;
/** Text gathered before it is handed to the writer. */
const CHUNK_CHARS = 1 << 20;

/**
 * The JSON text of `value` (the same as `JSON.stringify(value)` for plain data), handed to
 * `write` in chunks, yielding to the event loop whenever a slice has run `SLICE_MS`.
 * Objects and arrays down to `depth` levels are walked entry by entry; below that each
 * value is stringified whole. A busy day's snapshot (tens of MB) is serialised this way
 * without ever holding the loop for more than a few milliseconds, while requests go on.
 *
 * The caller must not change `value` while this runs: the store hands it a copy whose
 * records are never changed in place (a change replaces a record).
 */
export async function writeJsonInSlices(value: unknown, depth: number, write: (text: string) => Promise<void>): Promise<void> {
  let parts: string[] = [];
  let size = 0;
  let sliceStart = performance.now();
  const emit = async (text: string) => {
    parts.push(text);
    size += text.length;
    if (size >= CHUNK_CHARS) await flush();
    if (performance.now() - sliceStart >= SLICE_MS) {
      await flush();
      await yieldToLoop();
      sliceStart = performance.now();
    }
  };
  const flush = async () => {
    if (size === 0) return;
    const text = parts.join('');
    parts = [];
    size = 0;
    await write(text);
  };

  const walk = async (v: unknown, level: number): Promise<void> => {
    if (level >= depth || v === null || typeof v !== 'object' || typeof (v as { toJSON?: unknown }).toJSON === 'function') {
      await emit(JSON.stringify(v) ?? 'null');
      return;
    }
    if (Array.isArray(v)) {
      await emit('[');
      for (let i = 0; i < v.length; i++) {
        if (i > 0) await emit(',');
        const item = v[i];
        // As JSON.stringify: what has no JSON form is null inside an array.
        if (item === undefined || typeof item === 'function' || typeof item === 'symbol') await emit('null');
        else await walk(item, level + 1);
      }
      await emit(']');
      return;
    }
    await emit('{');
    let first = true;
    for (const key of Object.keys(v)) {
      const item = (v as Record<string, unknown>)[key];
      // As JSON.stringify: a key whose value has no JSON form is left out.
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      await emit(`${first ? '' : ','}${JSON.stringify(key)}:`);
      first = false;
      await walk(item, level + 1);
    }
    await emit('}');
  };

  await walk(value, 0);
  await flush();
}
