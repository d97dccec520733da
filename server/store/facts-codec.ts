import type { DayFacts } from '../../shared/reports/facts.ts';

/**
 * A day's report facts on disk: "HQF1", the header length, a JSON header (dictionaries,
 * attendance, case completions), then the columns as raw little-endian typed arrays, each
 * 8-byte aligned. Reading a day is a file read and a few array views, no parsing.
 */

const MAGIC = 'HQF1';
type Columns = DayFacts['t'] & { [K in keyof DayFacts['v'] as `v_${K}`]: DayFacts['v'][K] };

const F64 = ['issuedAt', 'firstCalledAt', 'cancelledAt', 'v_calledAt', 'v_startedAt', 'v_endedAt'] as const;
const I32 = ['service', 'firstWindow', 'firstStaff', 'v_ticket', 'v_window', 'v_staff', 'v_service', 'v_department', 'v_caseKey'] as const;
const I8 = ['v_end', 'v_score'] as const;

function columns(f: DayFacts): Columns {
  const out: Record<string, unknown> = { ...f.t };
  for (const [k, a] of Object.entries(f.v)) out[`v_${k}`] = a;
  return out as Columns;
}

const align8 = (x: number) => (x + 7) & ~7;

export function encodeFacts(f: DayFacts): Buffer {
  const header = Buffer.from(
    JSON.stringify({
      businessDate: f.businessDate,
      services: f.services,
      windows: f.windows,
      staff: f.staff,
      departments: f.departments,
      caseVisitIds: f.caseVisitIds,
      attendance: f.attendance,
      caseCompletions: f.caseCompletions,
      n: f.t.service.length,
      m: f.v.ticket.length,
    }),
    'utf8',
  );
  const cols = columns(f);
  const parts: Buffer[] = [Buffer.from(MAGIC, 'latin1'), Buffer.alloc(4), header];
  parts[1].writeUInt32LE(header.length);
  let size = 8 + header.length;
  const pad = () => {
    const p = align8(size) - size;
    if (p) parts.push(Buffer.alloc(p));
    size += p;
  };
  for (const name of [...F64, ...I32, ...I8]) {
    pad();
    const a = cols[name];
    const b = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    parts.push(b);
    size += b.length;
  }
  return Buffer.concat(parts);
}

export function decodeFacts(buf: Uint8Array): DayFacts {
  const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (bytes.toString('latin1', 0, 4) !== MAGIC) throw new Error('not a report facts file');
  const headerLength = bytes.readUInt32LE(4);
  const h = JSON.parse(bytes.toString('utf8', 8, 8 + headerLength));
  // Columns are views into the file's bytes; only a misaligned buffer is copied first.
  let ab = bytes.buffer as ArrayBuffer;
  let base = bytes.byteOffset;
  if (base % 8 !== 0) {
    ab = new ArrayBuffer(bytes.length);
    new Uint8Array(ab).set(bytes);
    base = 0;
  }
  let offset = 8 + headerLength;
  const cols: Record<string, unknown> = {};
  const take = <T>(name: string, count: number, width: number, make: (ab: ArrayBuffer, o: number, n: number) => T) => {
    offset = align8(offset);
    cols[name] = make(ab, base + offset, count);
    offset += count * width;
  };
  for (const name of F64) take(name, name.startsWith('v_') ? h.m : h.n, 8, (a, o, n) => new Float64Array(a, o, n));
  for (const name of I32) take(name, name.startsWith('v_') ? h.m : h.n, 4, (a, o, n) => new Int32Array(a, o, n));
  for (const name of I8) take(name, h.m, 1, (a, o, n) => new Int8Array(a, o, n));
  if (offset > bytes.length) throw new Error('report facts file is truncated');
  const t = {} as DayFacts['t'];
  const v = {} as DayFacts['v'];
  for (const [k, a] of Object.entries(cols)) {
    if (k.startsWith('v_')) (v as Record<string, unknown>)[k.slice(2)] = a;
    else (t as Record<string, unknown>)[k] = a;
  }
  return {
    businessDate: h.businessDate,
    services: h.services,
    windows: h.windows,
    staff: h.staff,
    departments: h.departments,
    caseVisitIds: h.caseVisitIds,
    attendance: h.attendance,
    caseCompletions: h.caseCompletions,
    t,
    v,
  };
}
