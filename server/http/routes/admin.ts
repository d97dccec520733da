import { type Response, Router } from 'express';
import { z } from 'zod';
import { type HallConfig, hallConfigSchema } from '../../../shared/config-schema.ts';
import { type ConfigReplacement, replaceConfig } from '../../../shared/decide/config.ts';
import { retryAll } from '../../../shared/decide/outbox.ts';
import type { OutboxSender } from '../../outbox/sender.ts';
import { DomainError, fail } from '../../../shared/errors.ts';
import type { StoredConfig } from '../../../shared/types.ts';
import { hashPassword } from '../../auth/passwords.ts';
import type { HallEngine } from '../../hall/engine.ts';
import { newSecret } from '../../ids.ts';
import { requireStaff } from '../guards.ts';
import { configId } from '../params.ts';
import { parse } from '../validate.ts';

/**
 * The hall's configuration, edited live by managers (SPEC §13). Reads leave secrets out;
 * a save keeps each staff member's password and each device's key by id, gives a new
 * device its key (shown once) and a new staff member no password until one is set.
 */

const putBody = z.object({
  version: z.number().int().positive(),
  config: z.record(z.string(), z.unknown()),
  /** `npm run config -- import`: audited as an import. */
  via: z.literal('import').optional(),
});
const idParams = z.object({ id: configId });
const passwordBody = z.object({ password: z.string().min(8, '至少 8 个字符').max(64, '最多 64 个字符') });

/** The configuration as a manager's screen gets it: no password hashes, no device keys. */
export function publicConfig(stored: StoredConfig) {
  const { config } = stored;
  return {
    ...config,
    staff: config.staff.map(({ passwordHash: _secret, ...s }) => ({ ...s, hasPassword: !stored.withoutPassword?.includes(s.id) })),
    devices: config.devices.map(({ key: _secret, ...d }) => d),
  };
}

type Entry = Record<string, unknown>;
const entries = (v: unknown): Entry[] => (Array.isArray(v) ? v.filter((x): x is Entry => typeof x === 'object' && x !== null) : []);

/** Puts back the secrets a screen never sees; what is new gets a key, or waits for its first password. */
async function withSecrets(input: Entry, current: HallConfig): Promise<{ config: Entry; keys: Record<string, string>; withoutPassword: string[] }> {
  const hashes = new Map(current.staff.map((s) => [s.id, s.passwordHash]));
  const keysById = new Map(current.devices.map((d) => [d.id, d.key]));
  const keys: Record<string, string> = {};
  const withoutPassword: string[] = [];
  const staff = await Promise.all(
    entries(input.staff).map(async ({ hasPassword: _shown, ...s }) => {
      if (typeof s.passwordHash === 'string') return s;
      const known = hashes.get(String(s.id));
      if (known) return { ...s, passwordHash: known };
      // Nobody knows this password: the member logs in once a manager has set one.
      withoutPassword.push(String(s.id));
      return { ...s, passwordHash: await hashPassword(newSecret(24)) };
    }),
  );
  const devices = entries(input.devices).map((d) => {
    if (typeof d.key === 'string') return d;
    const known = keysById.get(String(d.id));
    if (known) return { ...d, key: known };
    const key = newSecret(24);
    keys[String(d.id)] = key;
    return { ...d, key };
  });
  return { config: { ...input, ...(Array.isArray(input.staff) ? { staff } : {}), ...(Array.isArray(input.devices) ? { devices } : {}) }, keys, withoutPassword };
}

export function adminRoutes(engine: HallEngine, outbox: OutboxSender): Router {
  const r = Router();
  const stored = () => engine.model.storedConfig ?? fail('INTERNAL');

  /** A save that raced another's is told so, with the newer version to look at. */
  async function change(res: Response, replacement: ConfigReplacement): Promise<StoredConfig | undefined> {
    try {
      return await engine.run((d) => replaceConfig(d, replacement));
    } catch (e) {
      if (!(e instanceof DomainError) || e.code !== 'VERSION_CONFLICT') throw e;
      const current = stored();
      res.status(409).json({ ...e.toBody(), current: { version: current.version, config: publicConfig(current) } });
      return undefined;
    }
  }

  r.get('/admin/config', (req, res) => {
    requireStaff(req, 'manager');
    const current = stored();
    res.json({ version: current.version, config: publicConfig(current) });
  });

  r.put('/admin/config', async (req, res) => {
    const by = requireStaff(req, 'manager');
    const body = parse(putBody, req.body);
    const merged = await withSecrets(body.config, engine.config);
    const next = parse(hallConfigSchema, merged.config, 'config');
    const saved = await change(res, { next, source: body.via ?? 'manager', by, expectedVersion: body.version, withoutPassword: merged.withoutPassword });
    if (!saved) return;
    // The key of a device added now is shown this once; the store keeps it, no screen reads it again.
    const keys = Object.fromEntries(Object.entries(merged.keys).filter(([id]) => saved.config.devices.some((d) => d.id === id && d.key === merged.keys[id])));
    res.json({ version: saved.version, ...(Object.keys(keys).length > 0 ? { keys } : {}) });
  });

  r.post('/admin/staff/:id/password', async (req, res) => {
    const by = requireStaff(req, 'manager');
    const { id } = parse(idParams, req.params, 'id');
    const { password } = parse(passwordBody, req.body);
    if (!engine.config.staff.some((s) => s.id === id)) fail('NOT_FOUND', '没有这个工作人员');
    const passwordHash = await hashPassword(password);
    // Read the configuration after the hash: a save meanwhile is kept.
    const next = { ...engine.config, staff: engine.config.staff.map((s) => (s.id === id ? { ...s, passwordHash } : s)) };
    const saved = await change(res, { next, source: 'manager', by, passwordSet: id });
    if (saved) res.json({ ok: true, version: saved.version });
  });

  r.post('/admin/devices/:id/key', async (req, res) => {
    const by = requireStaff(req, 'manager');
    const { id } = parse(idParams, req.params, 'id');
    if (!engine.config.devices.some((d) => d.id === id)) fail('NOT_FOUND', '没有这个设备');
    const key = newSecret(24);
    const next = { ...engine.config, devices: engine.config.devices.map((d) => (d.id === id ? { ...d, key } : d)) };
    const saved = await change(res, { next, source: 'manager', by });
    if (saved) res.json({ key, version: saved.version });
  });

  /** The exports on their way to the province: how many, which keep failing, the last error. */
  r.get('/admin/outbox', (req, res) => {
    requireStaff(req, 'manager');
    const entries = Object.values(engine.data.outbox).sort((a, b) => a.createdAt - b.createdAt);
    const failing = entries.filter((e) => e.attempts > 0);
    res.json({
      configured: engine.config.ratingsExport !== undefined,
      backlog: entries.length,
      ...(entries[0] ? { oldestAt: entries[0].createdAt } : {}),
      failing: failing.length,
      ...outbox.status,
      entries: failing.slice(0, 50).map((e) => ({ id: e.id, kind: e.payload.kind, caseNo: e.payload.caseNo, createdAt: e.createdAt, attempts: e.attempts, lastError: e.lastError, lastAttemptAt: e.lastAttemptAt, nextAttemptAt: e.nextAttemptAt })),
    });
  });

  /** 重试: every waiting export is due now. */
  r.post('/admin/outbox/retry', async (req, res) => {
    requireStaff(req, 'manager');
    const due = await engine.run((d) => retryAll(d));
    outbox.kick();
    res.json({ due });
  });

  r.get('/admin/audit', (req, res) => {
    requireStaff(req, 'manager');
    const list = Object.values(engine.data.configAudit).sort((a, b) => b.at - a.at || b.version - a.version);
    res.json({ entries: list });
  });

  return r;
}
