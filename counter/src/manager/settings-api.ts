import type { DeviceConfig, HallConfig, StaffConfig } from '../../../shared/config-schema.ts';
import type { ErrorBody } from '../../../shared/errors.ts';
import { ApiError } from '../../../shared/ui/api.ts';

/**
 * The hall's configuration as the manager edits it (server/http/routes/admin.ts): the whole
 * HallConfig, defaults applied, secrets left out. Staff carry `hasPassword` instead of their
 * hash; devices carry no key. A save sends the same shape back and the server keeps the
 * secrets by id.
 */
export type StaffEntry = Omit<StaffConfig, 'passwordHash'> & { hasPassword: boolean };
export type DeviceEntry = Omit<DeviceConfig, 'key'>;
export type EditableConfig = Omit<HallConfig, 'staff' | 'devices'> & { staff: StaffEntry[]; devices: DeviceEntry[] };

export interface VersionedConfig {
  version: number;
  config: EditableConfig;
}

export interface AuditEntry {
  id: string;
  at: number;
  staffId?: string;
  staffName?: string;
  version: number;
  source: 'manager' | 'file' | 'import';
  changes: string[];
}

/** Another manager saved first: the save was refused, and here is what is stored now. */
export class VersionConflict extends Error {
  constructor(
    message: string,
    readonly current: VersionedConfig,
  ) {
    super(message);
  }
}

type Method = 'GET' | 'POST' | 'PUT';

/**
 * JSON over fetch with the manager's token. Like shared/ui/api.ts, but it speaks PUT and
 * keeps the body of a version conflict, which carries the newer configuration.
 */
async function send<T>(token: string, method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { method, headers, body: body !== undefined ? JSON.stringify(body) : undefined, signal: AbortSignal.timeout(30_000) });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接中断，请稍后重试');
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    throw new ApiError(res.status, 'INTERNAL', '服务器返回了无法识别的内容');
  }
  if (!res.ok) {
    const err = (parsed as (ErrorBody & { current?: VersionedConfig }) | undefined) ?? undefined;
    if (err?.error?.code === 'VERSION_CONFLICT' && err.current) throw new VersionConflict(err.error.message, err.current);
    throw new ApiError(res.status, err?.error?.code ?? 'INTERNAL', err?.error?.message ?? `HTTP ${res.status}`, err?.error?.field);
  }
  return parsed as T;
}

const enc = encodeURIComponent;

export function settingsApi(token: string) {
  return {
    config: () => send<VersionedConfig>(token, 'GET', '/admin/config'),
    /** `keys`: the keys of the devices this save added, each to be shown once. */
    save: (version: number, config: EditableConfig) => send<{ version: number; keys?: Record<string, string> }>(token, 'PUT', '/admin/config', { version, config }),
    /** Sets it at once; like every change of the configuration it makes a new version. */
    setPassword: (staffId: string, password: string) => send<{ ok: true; version?: number }>(token, 'POST', `/admin/staff/${enc(staffId)}/password`, { password }),
    /** A new key at once (a new version too); the old one stops working. */
    newKey: (deviceId: string) => send<{ key: string; version?: number }>(token, 'POST', `/admin/devices/${enc(deviceId)}/key`),
    audit: () => send<{ entries: AuditEntry[] }>(token, 'GET', '/admin/audit'),
  };
}

export type SettingsApi = ReturnType<typeof settingsApi>;
