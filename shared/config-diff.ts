import type { HallConfig } from './config-schema.ts';

/**
 * What a configuration change did, in words, one line each, for the audit trail a
 * manager reads: things added, removed and changed by id, and each changed setting with
 * its old and new value. Secrets are never written out: a password or key says only
 * that it changed.
 */

const LISTS = {
  departments: '部门',
  services: '事项',
  windows: '窗口',
  staff: '人员',
  devices: '设备',
} as const satisfies Partial<Record<keyof HallConfig, string>>;

const SECRETS = new Set(['passwordHash', 'key']);
const SECRET_WORDS: Record<string, string> = { passwordHash: '密码已重置', key: '密钥已更换' };

type Item = { id: string; name?: string; number?: number; staffNo?: string };

function label(kind: keyof typeof LISTS, item: Item): string {
  if (kind === 'windows') return `${LISTS[kind]} ${item.number} 号「${item.name}」`;
  if (kind === 'staff') return `${LISTS[kind]} ${item.staffNo} ${item.name}`;
  return `${LISTS[kind]}「${item.name ?? item.id}」`;
}

function show(v: unknown): string {
  if (v === undefined) return '（无）';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Leaf paths that differ between two values, with both values (arrays of plain values compared whole). */
function leafChanges(a: unknown, b: unknown, path: string, out: Array<{ path: string; from: unknown; to: unknown }>): void {
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (isObject(a) && isObject(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) leafChanges(a[k], b[k], path ? `${path}.${k}` : k, out);
    return;
  }
  out.push({ path, from: a, to: b });
}

function fieldLines(before: object, after: object): string[] {
  const out: Array<{ path: string; from: unknown; to: unknown }> = [];
  leafChanges(before, after, '', out);
  return out.map(({ path, from, to }) => (SECRETS.has(path) ? SECRET_WORDS[path] : `${path}：${show(from)} → ${show(to)}`));
}

export function describeConfigChange(before: HallConfig, after: HallConfig): string[] {
  const lines: string[] = [];
  for (const section of ['hall', 'limits', 'reviews', 'rankings'] as const) {
    for (const line of fieldLines({ [section]: before[section] }, { [section]: after[section] })) lines.push(`设置 ${line}`);
  }
  for (const kind of Object.keys(LISTS) as Array<keyof typeof LISTS>) {
    const was = new Map((before[kind] as Item[]).map((x) => [x.id, x]));
    const now = new Map((after[kind] as Item[]).map((x) => [x.id, x]));
    for (const [id, item] of now) {
      const old = was.get(id);
      if (!old) lines.push(`新增${label(kind, item)}`);
      else for (const line of fieldLines(old, item)) lines.push(`${label(kind, item)} ${line}`);
    }
    for (const [id, item] of was) if (!now.has(id)) lines.push(`删除${label(kind, item)}`);
  }
  return lines;
}
