/**
 * A record of typed-array columns on disk (a closed day's facts or kept figures): four
 * magic bytes, the header's length, a JSON header (everything that is not a typed array,
 * and each column's path, type and length), then the columns, each 8-byte aligned.
 * Columns are raw little-endian bytes, read back as views without copying, except integer
 * columns that pack smaller (see packInts): histograms and group keys are small numbers
 * close to their neighbours, and a year of figures is read for every long report.
 */

type Column = Float64Array | Int32Array | Int8Array | Uint8Array;
const TYPES = { f64: Float64Array, i32: Int32Array, i8: Int8Array, u8: Uint8Array } as const;
type TypeName = keyof typeof TYPES;
/** Header entry of a column: path, type, length; a packed Int32Array also its stride and byte length. */
type ColumnEntry = [string, TypeName, number] | [string, 'z32', number, number, number];

function typeName(a: Column): TypeName {
  if (a instanceof Float64Array) return 'f64';
  if (a instanceof Int32Array) return 'i32';
  if (a instanceof Int8Array) return 'i8';
  return 'u8';
}

const isColumn = (x: unknown): x is Column => x instanceof Float64Array || x instanceof Int32Array || x instanceof Int8Array || x instanceof Uint8Array;
const align8 = (x: number) => (x + 7) & ~7;

/** The record without its columns (they become null), and the columns by their path. */
function split(value: unknown, path: string, columns: Array<[string, Column]>): unknown {
  if (isColumn(value)) {
    columns.push([path, value]);
    return null;
  }
  if (Array.isArray(value) || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, split(v, path ? `${path}.${k}` : k, columns)]));
}

// ---- Packed integers: each value less the one `stride` before it, zigzag, as LEB128 ----------
// Stride 2 suits interleaved columns such as (second, count) pairs. Differences wrap at 32
// bits, on both sides, so any Int32Array comes back exact.

const zigzag = (d: number) => ((d << 1) ^ (d >> 31)) >>> 0;
const varintBytes = (z: number) => (z < 0x80 ? 1 : z < 0x4000 ? 2 : z < 0x200000 ? 3 : z < 0x10000000 ? 4 : 5);

function packedSize(a: Int32Array, stride: number): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) n += varintBytes(zigzag((a[i] - (i >= stride ? a[i - stride] : 0)) | 0));
  return n;
}

function packInts(a: Int32Array, stride: number, size: number): Buffer {
  const out = Buffer.allocUnsafe(size);
  let o = 0;
  for (let i = 0; i < a.length; i++) {
    let z = zigzag((a[i] - (i >= stride ? a[i - stride] : 0)) | 0);
    while (z >= 0x80) {
      out[o++] = (z & 0x7f) | 0x80;
      z >>>= 7;
    }
    out[o++] = z;
  }
  return out;
}

function unpackInts(bytes: Uint8Array, start: number, end: number, length: number, stride: number): Int32Array {
  const a = new Int32Array(length);
  let o = start;
  for (let i = 0; i < length; i++) {
    if (o >= end) throw new Error('packed column is truncated');
    let b = bytes[o++];
    let z = b;
    if (b >= 0x80) {
      z = b & 0x7f;
      let shift = 7;
      do {
        if (o >= end) throw new Error('packed column is truncated');
        // A 32-bit value takes at most five bytes, the fifth holding its top four bits.
        if (shift === 28 && bytes[o] > 0x0f) throw new Error('packed column has a value over 32 bits');
        b = bytes[o++];
        z |= (b & 0x7f) << shift;
        shift += 7;
      } while (b >= 0x80);
    }
    const d = (z >>> 1) ^ -(z & 1);
    a[i] = i >= stride ? (a[i - stride] + d) | 0 : d;
  }
  if (o !== end) throw new Error('packed column has trailing bytes');
  return a;
}

/** A column's header entry and bytes: an Int32Array packed when that is smaller. */
function columnBytes(path: string, a: Column): [ColumnEntry, Buffer] {
  if (a instanceof Int32Array && a.length > 0) {
    const [stride, size] = [1, 2].map((s) => [s, packedSize(a, s)] as const).reduce((x, y) => (y[1] < x[1] ? y : x));
    if (size < a.byteLength) return [[path, 'z32', a.length, stride, size], packInts(a, stride, size)];
  }
  return [[path, typeName(a), a.length], Buffer.from(a.buffer, a.byteOffset, a.byteLength)];
}

export function encodeColumns(magic: string, record: object): Buffer {
  const columns: Array<[string, Column]> = [];
  const rest = split(record, '', columns);
  const encoded = columns.map(([path, a]) => columnBytes(path, a));
  const header = Buffer.from(JSON.stringify({ rest, columns: encoded.map(([entry]) => entry) }), 'utf8');
  const parts: Buffer[] = [Buffer.from(magic, 'latin1'), Buffer.alloc(4), header];
  parts[1].writeUInt32LE(header.length);
  let size = 8 + header.length;
  for (const [, b] of encoded) {
    const pad = align8(size) - size;
    if (pad) parts.push(Buffer.alloc(pad));
    parts.push(b);
    size += pad + b.length;
  }
  return Buffer.concat(parts);
}

/** Throws when the bytes are not such a record with this magic, or are cut short. */
export function decodeColumns<T>(magic: string, buf: Uint8Array): T {
  const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (bytes.length < 8 || bytes.toString('latin1', 0, 4) !== magic) throw new Error(`not a ${magic} record`);
  const headerLength = bytes.readUInt32LE(4);
  const h = JSON.parse(bytes.toString('utf8', 8, 8 + headerLength)) as { rest: Record<string, unknown>; columns: ColumnEntry[] };
  // Raw columns are views into the bytes; only a misaligned buffer is copied first.
  let ab = bytes.buffer as ArrayBuffer;
  let base = bytes.byteOffset;
  if (base % 8 !== 0) {
    ab = new ArrayBuffer(bytes.length);
    new Uint8Array(ab).set(bytes);
    base = 0;
  }
  let offset = 8 + headerLength;
  for (const entry of h.columns) {
    offset = align8(offset);
    const [path, , length] = entry;
    const byteLength = entry[1] === 'z32' ? entry[4] : length * TYPES[entry[1]].BYTES_PER_ELEMENT;
    if (offset + byteLength > bytes.length) throw new Error(`${magic} record is truncated`);
    const column = entry[1] === 'z32' ? unpackInts(new Uint8Array(ab, base), offset, offset + byteLength, length, entry[3]) : new TYPES[entry[1]](ab, base + offset, length);
    const keys = path.split('.');
    let at = h.rest;
    for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
    at[keys[keys.length - 1]] = column;
    offset += byteLength;
  }
  return h.rest as T;
}
