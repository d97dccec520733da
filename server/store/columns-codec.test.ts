import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeColumns, encodeColumns } from './columns-codec.ts';

const int32s = fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 200 }).map((a) => Int32Array.from(a));
/** What kept figures hold: small counts, ascending seconds within runs, interleaved pairs. */
const smallInts = fc.array(fc.integer({ min: 0, max: 3000 }), { maxLength: 400 }).map((a) => Int32Array.from(a));

const header = (bytes: Buffer) => JSON.parse(bytes.toString('utf8', 8, 8 + bytes.readUInt32LE(4))) as { columns: Array<[string, string]> };

describe('typed-array columns on disk', () => {
  it('gives back every column exactly, packed or raw, with the rest of the record', () => {
    fc.assert(
      fc.property(int32s, smallInts, fc.float64Array({ maxLength: 50 }), fc.uint8Array({ maxLength: 50 }), fc.jsonValue(), (wide, small, f64, u8, rest) => {
        const record = { rest, a: { wide, small }, f64, u8 };
        const back = decodeColumns<typeof record>('TEST', encodeColumns('TEST', record));
        expect(back.a.wide).toEqual(wide);
        expect(back.a.small).toEqual(small);
        expect(back.f64).toEqual(f64);
        expect(back.u8).toEqual(u8);
        expect(back.rest).toEqual(JSON.parse(JSON.stringify(rest)));
      }),
      { numRuns: 300 },
    );
  });

  it('packs integer columns that are smaller packed, with the stride that packs them best', () => {
    const seconds = Int32Array.from(Array.from({ length: 1000 }, (_, i) => [100 + i * 3, 1 + (i % 2)]).flat());
    const random = Int32Array.from({ length: 100 }, (_, i) => Math.imul(i + 1, 2654435761) | 0);
    const bytes = encodeColumns('TEST', { pairs: seconds, random });
    const [pairs, rand] = header(bytes).columns;
    // Seconds 3 apart and counts alternating 1, 2 take a byte each; the first second (100) takes two.
    expect(pairs).toEqual(['pairs', 'z32', 2000, 2, 2001]);
    expect(rand.slice(0, 2)).toEqual(['random', 'i32']);
    expect(bytes.length).toBeLessThan(2000 + 400 + 200);
  });

  it('refuses a packed column cut short or with bytes to spare', () => {
    const bytes = encodeColumns('TEST', { a: Int32Array.from([1, 2, 3, 4000, 5]) });
    const h = bytes.readUInt32LE(4);
    // The last value's byte claims another follows: the column runs past its length.
    const cut = Buffer.from(bytes);
    cut[cut.length - 1] |= 0x80;
    expect(() => decodeColumns('TEST', cut)).toThrow(/truncated/);
    // A header that says the column is longer than its values.
    const text = bytes.toString('utf8', 8, 8 + h).replace('"z32",5,', '"z32",4,');
    const longer = Buffer.concat([bytes.subarray(0, 8), Buffer.from(text), bytes.subarray(8 + h)]);
    expect(() => decodeColumns('TEST', longer)).toThrow(/trailing/);
  });
});
