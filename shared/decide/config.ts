import type { HallConfig, StaffConfig } from '../config-schema.ts';
import { describeConfigChange } from '../config-diff.ts';
import { fail } from '../errors.ts';
import { own } from '../records.ts';
import type { ConfigAudit, RetiredConfig, StoredConfig } from '../types.ts';
import type { Draft } from './draft.ts';

/**
 * The hall's configuration as a record of the store (SPEC §13): seeded from the hall file,
 * then replaced whole by each change — a manager's save, an import, a changed hall file at
 * start — as one commit with its audit entry. A change that would strand live work is
 * refused with IN_USE, except a changed hall file at start: the server must start, and
 * whatever the stored data refers to keeps rendering.
 */

export type ConfigSource = ConfigAudit['source'];

export interface ConfigReplacement {
  next: HallConfig;
  source: ConfigSource;
  /** The version the change was made on: another save since is a VERSION_CONFLICT. */
  expectedVersion?: number;
  by?: StaffConfig;
  fileHash?: string;
  /** Staff added without a password yet (they cannot log in until one is set). */
  withoutPassword?: readonly string[];
  /** The staff member whose password this change sets. */
  passwordSet?: string;
  /** Never refused for live work (a changed hall file at start). */
  lenient?: boolean;
}

const NO_RETIRED: RetiredConfig = { departments: [], services: [], windows: [], staff: [] };

function audit(d: Draft, entry: Omit<ConfigAudit, 'id' | 'at'>): void {
  const id = d.ids.id('cfg');
  d.put('configAudit', id, { id, at: d.now, ...entry });
}

/** An empty store takes the hall file as version 1. */
export function seedConfig(d: Draft, config: HallConfig, fileHash: string): StoredConfig {
  const stored: StoredConfig = { id: 'hall', version: 1, config, retired: NO_RETIRED, fileHash, changedAt: d.now };
  d.put('config', 'hall', stored);
  audit(d, { version: 1, source: 'file', changes: ['由大厅配置文件初始化'] });
  return stored;
}

/** What was removed is kept as it last was (and leaves the list when it comes back). */
function retire(retired: RetiredConfig, before: HallConfig, after: HallConfig): RetiredConfig {
  const gone = <T extends { id: string }>(was: T[], now: T[], kept: T[]): T[] => {
    const present = new Set(now.map((x) => x.id));
    const removed = was.filter((x) => !present.has(x.id));
    const removedIds = new Set(removed.map((x) => x.id));
    return [...kept.filter((x) => !present.has(x.id) && !removedIds.has(x.id)), ...removed];
  };
  return {
    departments: gone(before.departments, after.departments, retired.departments),
    services: gone(before.services, after.services, retired.services),
    windows: gone(before.windows, after.windows, retired.windows),
    staff: gone(
      before.staff.map(({ passwordHash: _secret, ...s }) => s),
      after.staff.map(({ passwordHash: _secret, ...s }) => s),
      retired.staff,
    ),
  };
}

/** Refuses a change that would strand live work: whom it names, and the field where. */
function checkInUse(d: Draft, before: HallConfig, after: HallConfig): void {
  const m = d.model;
  const services = new Set(after.services.map((s) => s.id));
  const windows = new Set(after.windows.map((w) => w.id));
  const staff = new Map(after.staff.map((s) => [s.id, s]));
  for (const s of before.services) {
    if (services.has(s.id)) continue;
    const live = Object.values(m.data.tickets).filter((t) => t.serviceId === s.id && (t.status === 'waiting' || t.status === 'called' || t.status === 'serving')).length;
    if (live > 0) fail('IN_USE', `事项「${s.name}」还有 ${live} 张号在等候或办理，不能删除`, 'services');
  }
  for (const w of before.windows) {
    if (windows.has(w.id)) continue;
    const state = own(m.data.windows, w.id);
    if (state?.staffId) fail('IN_USE', `${w.number} 号窗口有工作人员签到，签退后才能删除`, 'windows');
    if (m.transferredTo(w.id) > 0) fail('IN_USE', `还有号转到 ${w.number} 号窗口等候，叫完后才能删除`, 'windows');
  }
  for (const state of Object.values(m.data.windows)) {
    if (!state.staffId) continue;
    const member = staff.get(state.staffId);
    const name = before.staff.find((s) => s.id === state.staffId)?.name ?? state.staffId;
    if (!member) fail('IN_USE', `${name} 正在窗口签到，签退后才能删除`, 'staff');
    if (member.disabled && state.currentTicketId) fail('IN_USE', `${name} 窗口上还有正在办理的号，办结后才能停用`, 'staff');
  }
}

/** Sessions of staff removed, disabled or given a new password end; a disabled clerk's idle window closes. */
function endAccess(d: Draft, before: HallConfig, after: HallConfig): void {
  const now = new Map(after.staff.map((s) => [s.id, s]));
  const ended = new Set(
    before.staff.filter((s) => {
      const next = now.get(s.id);
      return !next || (next.disabled && !s.disabled) || next.passwordHash !== s.passwordHash;
    }).map((s) => s.id),
  );
  if (ended.size === 0) return;
  for (const session of Object.values(d.model.data.sessions)) {
    if (!ended.has(session.staffId)) continue;
    d.put('sessions', session.tokenHash, null);
    d.emit({ type: 'session-ended', tokenHash: session.tokenHash });
  }
  for (const w of Object.values(d.model.data.windows)) {
    if (!w.staffId || !now.get(w.staffId)?.disabled || w.currentTicketId) continue;
    d.put('windows', w.windowId, null);
    const id = d.ids.id('at');
    d.put('attendance', id, { id, staffId: w.staffId, windowId: w.windowId, kind: 'sign-out', at: d.now });
    d.emit({ type: 'window', windowId: w.windowId });
  }
}

/** A new version of the whole configuration; nothing changes (and nothing is committed) when it is the same. */
export function replaceConfig(d: Draft, change: ConfigReplacement): StoredConfig {
  const stored = d.model.storedConfig ?? fail('INTERNAL');
  if (change.expectedVersion !== undefined && change.expectedVersion !== stored.version) fail('VERSION_CONFLICT');
  const before = stored.config;
  const after = change.next;
  if (after.hall.id !== before.hall.id) fail('INVALID_INPUT', 'hall.id: 大厅编号不能修改（数据库按它区分各大厅）', 'hall.id');
  const lines = describeConfigChange(before, after);
  const withoutPassword = [...new Set([...(stored.withoutPassword ?? []), ...(change.withoutPassword ?? [])])].filter((id) => id !== change.passwordSet && after.staff.some((s) => s.id === id));
  if (lines.length === 0 && change.fileHash === stored.fileHash) return stored;
  if (!change.lenient) checkInUse(d, before, after);
  const next: StoredConfig = {
    id: 'hall',
    version: stored.version + 1,
    config: after,
    retired: retire(stored.retired, before, after),
    ...(change.fileHash ?? stored.fileHash ? { fileHash: change.fileHash ?? stored.fileHash } : {}),
    ...(withoutPassword.length > 0 ? { withoutPassword } : {}),
    changedAt: d.now,
  };
  d.put('config', 'hall', next);
  endAccess(d, before, after);
  audit(d, {
    version: next.version,
    source: change.source,
    ...(change.by ? { staffId: change.by.id, staffName: change.by.name } : {}),
    changes: lines.length > 0 ? lines : ['大厅配置文件已更新，内容未变'],
  });
  d.emit({ type: 'config' });
  return next;
}
