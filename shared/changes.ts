/**
 * Record changes as a commit carries them: a whole record inserted, the fields of one that
 * changed, or its removal. An update names each changed field by its path ("status",
 * "visits.0.startedAt"), so a journal line holds what changed, not the whole record.
 */

export type Path = string;

export interface FieldChanges {
  /** Paths to their new values. */
  set?: Record<Path, unknown>;
  /** Paths of fields removed. */
  unset?: Path[];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => sameValue(a[k], b[k]));
  }
  return false;
}

/**
 * The field changes that turn `before` into `after`. Objects are compared field by field
 * and arrays element by element while they only grow (a visit appended is one path); an
 * array that shrank is set whole. A field set to `undefined` counts as removed, as JSON has it.
 */
export function diffRecords(before: object, after: object): FieldChanges {
  const set: Record<Path, unknown> = {};
  const unset: Path[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (sameValue(a, b)) return;
    if (isPlainObject(a) && isPlainObject(b)) {
      for (const k of Object.keys(b)) {
        if (b[k] === undefined) continue;
        walk(a[k], b[k], path ? `${path}.${k}` : k);
      }
      for (const k of Object.keys(a)) if (a[k] !== undefined && b[k] === undefined) unset.push(path ? `${path}.${k}` : k);
      return;
    }
    if (Array.isArray(a) && Array.isArray(b) && b.length >= a.length && path) {
      b.forEach((x, i) => walk(a[i], x, `${path}.${i}`));
      return;
    }
    set[path] = b;
  };
  walk(before, after, '');
  return { ...(Object.keys(set).length > 0 ? { set } : {}), ...(unset.length > 0 ? { unset } : {}) };
}

export function isEmpty(f: FieldChanges): boolean {
  return !f.set && !f.unset;
}

/** A copy of `record` with the field changes applied; the original is left as it was. */
export function patchRecord<T extends object>(record: T, changes: FieldChanges): T {
  let out: unknown = record;
  for (const [path, value] of Object.entries(changes.set ?? {})) out = setPath(out, path.split('.'), value);
  for (const path of changes.unset ?? []) out = setPath(out, path.split('.'), undefined);
  return out as T;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function setPath(target: unknown, keys: string[], value: unknown): unknown {
  const [key, ...rest] = keys;
  if (FORBIDDEN_KEYS.has(key)) throw new Error(`not a field path: ${keys.join('.')}`);
  if (Array.isArray(target)) {
    const i = Number(key);
    const copy = target.slice();
    if (rest.length === 0) copy[i] = value;
    else copy[i] = setPath(copy[i] ?? {}, rest, value);
    return copy;
  }
  const base: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  if (rest.length === 0) {
    if (value === undefined) delete base[key];
    else base[key] = value;
  } else base[key] = setPath(base[key] ?? (/^\d+$/.test(rest[0]) ? [] : {}), rest, value);
  return base;
}
