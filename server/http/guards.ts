import type { NextFunction, Request, Response } from 'express';
import { type DeviceConfig, isManager, type StaffConfig } from '../../shared/config-schema.ts';
import { fail } from '../../shared/errors.ts';

/** Authorisation checks a handler states up front; the identity was resolved once by the middleware. */

export function requireDevice(req: Request, kind: DeviceConfig['kind']): DeviceConfig {
  const id = req.identity;
  if (!id) fail('UNAUTHENTICATED');
  if (id.kind !== 'device' || id.device.kind !== kind) fail('WRONG_ROLE');
  return id.device;
}

/** A staff member with at least `role`: a network manager passes as a manager, a manager as staff. */
export function requireStaff(req: Request, role?: StaffConfig['role']): StaffConfig {
  const id = req.identity;
  if (!id) fail('UNAUTHENTICATED');
  if (id.kind !== 'staff') fail('WRONG_ROLE');
  const staff = id.staff;
  if (role === 'manager' && !isManager(staff)) fail('WRONG_ROLE', '只有管理员可以执行此操作');
  if (role === 'network-manager' && staff.role !== 'network-manager') fail('WRONG_ROLE', '只有网络管理员可以查看全部大厅的报表');
  if (role === 'clerk' && staff.role !== 'clerk') fail('WRONG_ROLE');
  return staff;
}

export type Handler = (req: Request, res: Response, next: NextFunction) => Promise<void> | void;
