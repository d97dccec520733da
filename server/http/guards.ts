import type { NextFunction, Request, Response } from 'express';
import type { DeviceConfig, StaffConfig } from '../../shared/config-schema.ts';
import { fail } from '../../shared/errors.ts';

/** Authorisation checks a handler states up front; the identity was resolved once by the middleware. */

export function requireDevice(req: Request, kind: DeviceConfig['kind']): DeviceConfig {
  const id = req.identity;
  if (!id) fail('UNAUTHENTICATED');
  if (id.kind !== 'device' || id.device.kind !== kind) fail('WRONG_ROLE');
  return id.device;
}

export function requireStaff(req: Request, role?: StaffConfig['role']): StaffConfig {
  const id = req.identity;
  if (!id) fail('UNAUTHENTICATED');
  if (id.kind !== 'staff') fail('WRONG_ROLE');
  if (role && id.staff.role !== role) fail('WRONG_ROLE', role === 'manager' ? '只有管理员可以执行此操作' : undefined);
  return id.staff;
}

export type Handler = (req: Request, res: Response, next: NextFunction) => Promise<void> | void;
