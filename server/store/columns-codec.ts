/**
 * A record of typed-array columns on disk (a closed day's facts or kept figures): four
 * magic bytes, the header's length, a JSON header (everything that is not a typed array,
 * and each column's path, type and length), then the columns as raw little-endian bytes,
 * each 8-byte aligned. Reading is a JSON parse of the small header and a view per column,
 * no copying of the columns.
 */

type Column = Float64Array | Int32Array | Int8Array | Uint8Array;
const TYPES = { f64: Float64Array, i32: Int32Array, i8: Int8Array, u8: Uint8Array } as const;
type TypeName = keyof typeof TYPES;

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

export function encodeColumns(magic: string, record: object): Buffer {
  const columns: Array<[string, Column]> = [];
  const rest = split(record, '', columns);
  const header = Buffer.from(JSON.stringify({ rest, columns: columns.map(([path, a]) => [path, typeName(a), a.length]) }), 'utf8');
  const parts: Buffer[] = [Buffer.from(magic, 'latin1'), Buffer.alloc(4), header];
  parts[1].writeUInt32LE(header.length);
  let size = 8 + header.length;
  for (const [, a] of columns) {
    const pad = align8(size) - size;
    if (pad) parts.push(Buffer.alloc(pad));
    const b = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
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
  const h = JSON.parse(bytes.toString('utf8', 8, 8 + headerLength)) as { rest: Record<string, unknown>; columns: Array<[string, TypeName, number]> };
  // Columns are views into the bytes; only a misaligned buffer is copied first.
  let ab = bytes.buffer as ArrayBuffer;
  let base = bytes.byteOffset;
  if (base % 8 !== 0) {
    ab = new ArrayBuffer(bytes.length);
    new Uint8Array(ab).set(bytes);
    base = 0;
  }
  let offset = 8 + headerLength;
  for (const [path, type, length] of h.columns) {
    offset = align8(offset);
    const Type = TYPES[type];
    if (offset + length * Type.BYTES_PER_ELEMENT > bytes.length) throw new Error(`${magic} record is truncated`);
    const keys = path.split('.');
    let at = h.rest;
    for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
    at[keys[keys.length - 1]] = new Type(ab, base + offset, length);
    offset += length * Type.BYTES_PER_ELEMENT;
  }
  return h.rest as T;
}
