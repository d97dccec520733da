import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { COLLECTIONS, emptyHallData, type HallData } from '../../shared/state.ts';
import { SLICE_MS } from './json-slices.ts';

/** Records copied between looks at the clock. */
const CHECK_EVERY = 256;

/**
 * `copyHallData`, yielding to the event loop whenever a slice has run SLICE_MS: a busy
 * day's state (a hundred thousand records) took 8–15 ms to copy in one go, at every
 * checkpoint and day close. The caller must keep `data` unchanged until this resolves
 * (the store holds its commits back meanwhile); records are shared, never changed in place.
 */
export async function copyHallDataInSlices(data: HallData): Promise<HallData> {
  // Each slice from the loop's check phase, so no two run back to back in one turn of it:
  // a slice begun from a callback of another phase runs again as soon as it yields.
  await yieldToLoop();
  const copy = emptyHallData();
  copy.meta = { ...data.meta };
  let sliceStart = performance.now();
  let n = 0;
  for (const c of COLLECTIONS) {
    const from = data[c] as Record<string, unknown>;
    const to = copy[c] as Record<string, unknown>;
    for (const key of Object.keys(from)) {
      to[key] = from[key];
      if (++n % CHECK_EVERY === 0 && performance.now() - sliceStart >= SLICE_MS) {
        await yieldToLoop();
        sliceStart = performance.now();
      }
    }
  }
  return copy;
}
