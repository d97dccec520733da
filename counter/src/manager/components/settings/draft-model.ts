import type { EditableConfig } from '../../settings-api.ts';

/**
 * The pure side of the settings draft: reading and writing a field by its path
 * ("services[3].prefix", the form the server and zod name fields in), comparing, listing
 * what changed, and re-applying one's changes onto a newer version.
 */

export type Path = Array<string | number>;

/** "services[3].guide.materials[0]" → ["services", 3, "guide", "materials", 0]. */
export function parsePath(path: string): Path {
  const out: Path = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

export function getAt(root: unknown, path: string): unknown {
  let at: unknown = root;
  for (const k of parsePath(path)) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string | number, unknown>)[k];
  }
  return at;
}

/** Writes in place (on a draft already copied); `undefined` removes the key, so optional fields stay absent. */
export function setAt(root: object, path: string, value: unknown): void {
  const keys = parsePath(path);
  let at = root as Record<string | number, unknown>;
  for (let i = 0; i < keys.length - 1; i++) {
    const next = at[keys[i]];
    if (next === null || typeof next !== 'object') at[keys[i]] = typeof keys[i + 1] === 'number' ? [] : {};
    at = at[keys[i]] as Record<string | number, unknown>;
  }
  const last = keys[keys.length - 1];
  if (value === undefined && !Array.isArray(at)) delete at[last];
  else at[last] = value;
}

/** Deep equality of JSON values; a missing key equals an undefined one, key order does not matter. */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => same(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!same(ao[k], bo[k])) return false;
  return true;
}

export const clone = <T>(x: T): T => structuredClone(x);

/** The sections of the settings view, in the order of its tabs. */
export const SECTIONS = ['hall', 'departments', 'services', 'windows', 'staff', 'devices', 'rules'] as const;
export type Section = (typeof SECTIONS)[number];

/** The lists edited item by item, keyed by id. */
export const LISTS = ['departments', 'services', 'windows', 'staff', 'devices'] as const;
export type ListName = (typeof LISTS)[number];

/** Where a field lives: "services[3].prefix" → the services tab, item 3. */
export function sectionOf(path: string): { section: Section; index?: number } {
  const [head, index] = parsePath(path);
  if ((LISTS as readonly unknown[]).includes(head)) return { section: head as ListName, index: typeof index === 'number' ? index : undefined };
  if (head === 'hall') return { section: 'hall' };
  return { section: 'rules' };
}

/** The hall's fields counted one by one; the weekdays of `hours` each on their own. */
const HALL_KEYS = ['name', 'nameEn', 'publicUrl', 'holidays', 'workdays', 'ticketing', 'lateGraceMinutes', 'noShowAfterSeconds'] as const;
const RULE_GROUPS = ['limits', 'reviews', 'rankings'] as const;

export type Change =
  | { section: ListName; kind: 'added' | 'removed' | 'changed'; id: string; name: string }
  | { section: 'hall'; kind: 'changed'; field: string }
  | { section: 'rules'; kind: 'changed'; field: string };

/** What a list item is called on screen. */
export function itemName(list: ListName, item: Record<string, unknown>): string {
  if (list === 'windows') return `${String(item.number ?? '?')} · ${String(item.name ?? '')}`;
  return String(item.name || item.id || '');
}

function listChanges(list: ListName, before: Array<{ id: string }>, after: Array<{ id: string }>): Change[] {
  const out: Change[] = [];
  const old = new Map(before.map((x) => [x.id, x]));
  const now = new Set(after.map((x) => x.id));
  for (const x of after) {
    const was = old.get(x.id);
    if (!was) out.push({ section: list, kind: 'added', id: x.id, name: itemName(list, x as unknown as Record<string, unknown>) });
    else if (!same(was, x)) out.push({ section: list, kind: 'changed', id: x.id, name: itemName(list, x as unknown as Record<string, unknown>) });
  }
  for (const x of before) if (!now.has(x.id)) out.push({ section: list, kind: 'removed', id: x.id, name: itemName(list, x as unknown as Record<string, unknown>) });
  return out;
}

/** Every unsaved change, one line each: the count on the save bar and the list behind it. */
export function changesBetween(base: EditableConfig, draft: EditableConfig): Change[] {
  const out: Change[] = [];
  for (const k of HALL_KEYS) if (!same(base.hall[k], draft.hall[k])) out.push({ section: 'hall', kind: 'changed', field: k });
  for (const d of Object.keys({ ...base.hall.hours, ...draft.hall.hours }) as Array<keyof EditableConfig['hall']['hours']>) {
    if (!same(base.hall.hours[d], draft.hall.hours[d])) out.push({ section: 'hall', kind: 'changed', field: `hours.${d}` });
  }
  for (const list of LISTS) out.push(...listChanges(list, base[list], draft[list]));
  for (const g of RULE_GROUPS) {
    const a = base[g] as Record<string, unknown>;
    const b = draft[g] as Record<string, unknown>;
    for (const k of Object.keys({ ...a, ...b })) if (!same(a[k], b[k])) out.push({ section: 'rules', kind: 'changed', field: `${g}.${k}` });
  }
  return out;
}

/** Each key: mine where I changed it, else theirs. `deeper` keys are merged the same way one level down. */
function mergeKeys(base: Record<string, unknown>, mine: Record<string, unknown>, theirs: Record<string, unknown>, deeper: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = { ...theirs };
  for (const k of new Set([...Object.keys(base), ...Object.keys(mine), ...Object.keys(theirs)])) {
    if (deeper.includes(k)) out[k] = mergeKeys((base[k] ?? {}) as Record<string, unknown>, (mine[k] ?? {}) as Record<string, unknown>, (theirs[k] ?? {}) as Record<string, unknown>);
    else if (!same(base[k], mine[k])) {
      if (mine[k] === undefined) delete out[k];
      else out[k] = mine[k];
    }
  }
  return out;
}

/** Items by id: my additions, removals and edits over their list; what I left alone is theirs. */
function mergeList<T extends { id: string }>(base: T[], mine: T[], theirs: T[]): T[] {
  const baseById = new Map(base.map((x) => [x.id, x]));
  const mineById = new Map(mine.map((x) => [x.id, x]));
  const out: T[] = [];
  for (const x of theirs) {
    const b = baseById.get(x.id);
    const m = mineById.get(x.id);
    if (b && !m) continue; // I removed it
    out.push(b && m && !same(b, m) ? m : x);
  }
  const have = new Set(out.map((x) => x.id));
  for (const m of mine) if (!baseById.has(m.id) && !have.has(m.id)) out.push(m);
  return out;
}

/**
 * My changes (base → mine) re-applied onto the version another manager saved meanwhile
 * (theirs): what only they changed is kept, where both changed the same thing mine wins.
 */
export function reapply(base: EditableConfig, mine: EditableConfig, theirs: EditableConfig): EditableConfig {
  const top = mergeKeys(base as unknown as Record<string, unknown>, mine as unknown as Record<string, unknown>, theirs as unknown as Record<string, unknown>, []) as unknown as EditableConfig;
  const out: EditableConfig = { ...top };
  out.hall = mergeKeys(base.hall as unknown as Record<string, unknown>, mine.hall as unknown as Record<string, unknown>, theirs.hall as unknown as Record<string, unknown>, ['hours', 'ticketing']) as unknown as EditableConfig['hall'];
  for (const g of RULE_GROUPS) (out as Record<string, unknown>)[g] = mergeKeys(base[g] as Record<string, unknown>, mine[g] as Record<string, unknown>, theirs[g] as Record<string, unknown>);
  out.departments = mergeList(base.departments, mine.departments, theirs.departments);
  out.services = mergeList(base.services, mine.services, theirs.services);
  out.windows = mergeList(base.windows, mine.windows, theirs.windows);
  out.staff = mergeList(base.staff, mine.staff, theirs.staff);
  out.devices = mergeList(base.devices, mine.devices, theirs.devices);
  return out;
}

/** The first id of the form `stem-N` not taken. */
export function freeId(stem: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) if (!used.has(`${stem}-${n}`)) return `${stem}-${n}`;
}
