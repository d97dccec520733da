/**
 * Records keyed by ids that arrive from outside. A plain object answers `constructor`,
 * `toString` or `__proto__` with what it inherits; these never do.
 */

export type Records<T> = Record<string, T>;

/** An empty record map with no prototype: only its own keys are in it. */
export function records<T>(): Records<T> {
  return Object.create(null) as Records<T>;
}

/** The same entries in a prototype-free object (for data parsed from JSON). */
export function toRecords<T>(source: Record<string, T> | null | undefined): Records<T> {
  const out = records<T>();
  if (source) for (const key of Object.keys(source)) out[key] = source[key];
  return out;
}

/** The record stored under `key`, never an inherited property. */
export function own<T>(map: Records<T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}
