import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToLoop } from 'node:timers/promises';

/** How long one slice may hold the event loop: walking the value and encoding the text it made. */
export const SLICE_MS = 4;
/** Values walked between looks at the clock. */
const CHECK_EVERY = 64;
/**
 * Encoding's cost per character (joining the slice's pieces, UTF-8 into a Buffer) until a
 * chunk has been timed; each chunk of at least TIMED_CHARS corrects it. Encoding was 40 %
 * of a slice when it was not counted: slices of 4 ms held the loop 5.6–7.1 ms.
 */
const FIRST_GUESS_MS_PER_CHAR = 2.5e-6;
const TIMED_CHARS = 64 << 10;

/**
 * The JSON text of `value` (the same as `JSON.stringify(value)` for plain data), handed to
 * `write` as UTF-8 a slice at a time, yielding to the event loop between slices. Objects
 * and arrays down to `depth` levels are walked entry by entry; below that each value is
 * stringified whole. A busy day's snapshot (tens of MB) is serialised this way without
 * ever holding the loop for more than a few milliseconds, while requests go on.
 *
 * The caller must not change `value` while this runs: the store hands it a copy whose
 * records are never changed in place (a change replaces a record).
 */
export async function writeJsonInSlices(value: unknown, depth: number, write: (chunk: Buffer) => Promise<void>): Promise<void> {
  const json = new JsonWalk(value, depth);
  let msPerChar = FIRST_GUESS_MS_PER_CHAR;
  // As copyHallDataInSlices: every slice from the check phase, one a turn.
  await yieldToLoop();
  for (;;) {
    const sliceStart = performance.now();
    const done = json.walk((chars) => performance.now() - sliceStart + chars * msPerChar >= SLICE_MS);
    const encodeStart = performance.now();
    const text = json.take();
    const chunk = Buffer.from(text, 'utf8');
    if (text.length >= TIMED_CHARS) msPerChar = (performance.now() - encodeStart) / text.length;
    if (chunk.length > 0) await write(chunk);
    if (done) return;
    await yieldToLoop();
  }
}

/** An open array or object of the walk, and how far into it the walk is. */
type Frame = { items: unknown[]; i: number } | { object: Record<string, unknown>; keys: string[]; i: number; first: boolean };

/**
 * JSON.stringify as a walk that can stop between any two values and go on later: an
 * explicit stack of the arrays and objects open above the next value.
 */
class JsonWalk {
  private pieces: string[] = [];
  private chars = 0;
  private readonly open: Frame[] = [];

  constructor(
    root: unknown,
    private readonly depth: number,
  ) {
    this.value(root);
  }

  /** Walk on until the value is written (true), or `spent(chars taken so far)` ends the slice (false). */
  walk(spent: (chars: number) => boolean): boolean {
    for (let n = 1; this.open.length > 0; n++) {
      if (n % CHECK_EVERY === 0 && spent(this.chars)) return false;
      const top = this.open[this.open.length - 1];
      if ('items' in top) {
        if (top.i === top.items.length) {
          this.emit(']');
          this.open.pop();
          continue;
        }
        if (top.i > 0) this.emit(',');
        const item = top.items[top.i++];
        // As JSON.stringify: what has no JSON form is null inside an array.
        if (item === undefined || typeof item === 'function' || typeof item === 'symbol') this.emit('null');
        else this.value(item);
      } else {
        if (top.i === top.keys.length) {
          this.emit('}');
          this.open.pop();
          continue;
        }
        const key = top.keys[top.i++];
        const item = top.object[key];
        // As JSON.stringify: a key whose value has no JSON form is left out.
        if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
        this.emit(`${top.first ? '' : ','}${JSON.stringify(key)}:`);
        top.first = false;
        this.value(item);
      }
    }
    return true;
  }

  /** The text written since the last take. */
  take(): string {
    const text = this.pieces.join('');
    this.pieces = [];
    this.chars = 0;
    return text;
  }

  /** Write `v` whole, or open it to be walked entry by entry (its level is how many are open above it). */
  private value(v: unknown): void {
    if (this.open.length >= this.depth || v === null || typeof v !== 'object' || typeof (v as { toJSON?: unknown }).toJSON === 'function') {
      this.emit(JSON.stringify(v) ?? 'null');
    } else if (Array.isArray(v)) {
      this.emit('[');
      this.open.push({ items: v, i: 0 });
    } else {
      this.emit('{');
      this.open.push({ object: v as Record<string, unknown>, keys: Object.keys(v), i: 0, first: true });
    }
  }

  private emit(text: string): void {
    this.pieces.push(text);
    this.chars += text.length;
  }
}
