import type { DayFigures } from '../../shared/reports/day-figures.ts';
import type { DayFacts } from '../../shared/reports/facts.ts';
import { decodeColumns, encodeColumns } from './columns-codec.ts';

/**
 * A closed day's report input as kept by a store (a file beside its archive, a bytea
 * column): its facts, for one day's detail, and its figures, for any period. Both are
 * caches of the archive: bytes that do not decode (damaged, or an older format) are
 * rebuilt from it. The magic changes whenever the format does.
 */

const FACTS = 'HQF3';
const FIGURES = 'HQG3';

export const encodeFacts = (f: DayFacts): Buffer => encodeColumns(FACTS, f);
export const decodeFacts = (buf: Uint8Array): DayFacts => decodeColumns<DayFacts>(FACTS, buf);
export const encodeFigures = (f: DayFigures): Buffer => encodeColumns(FIGURES, f);
export const decodeFigures = (buf: Uint8Array): DayFigures => decodeColumns<DayFigures>(FIGURES, buf);

/** What the bytes decode to, or null when they are damaged or of an older format (then rebuilt from the archive). */
export function decodedOrNull<T>(decode: (b: Uint8Array) => T, bytes: Uint8Array): T | null {
  try {
    return decode(bytes);
  } catch {
    return null;
  }
}
