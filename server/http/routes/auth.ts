import { type RequestHandler, Router } from 'express';
import { createSession, endSession } from '../../../shared/decide/sessions.ts';
import { z } from 'zod';
import type { StaffConfig } from '../../../shared/config-schema.ts';
import { fail } from '../../../shared/errors.ts';
import type { StaffProfile } from '../../../shared/views.ts';
import { mayWorkAt } from '../../../shared/window-rules.ts';
import { LoginLockout } from '../../auth/lockout.ts';
import { passwordChecksFull, verifyPassword } from '../../auth/passwords.ts';
import type { HallEngine } from '../../hall/engine.ts';
import { newSecret, sha256 } from '../../ids.ts';
import { requireStaff } from '../guards.ts';
import { parse } from '../validate.ts';

const loginBody = z.object({ staffNo: z.string().trim().min(1).max(32), password: z.string().min(1).max(200) });

// Verifying against a real hash when the staff number is unknown keeps the timing the same.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export function staffProfile(engine: HallEngine, staff: StaffConfig): StaffProfile {
  const at = engine.windowOf(staff.id);
  return {
    id: staff.id,
    staffNo: staff.staffNo,
    name: staff.name,
    role: staff.role,
    departmentId: staff.departmentId,
    departmentName: engine.model.departmentEver(staff.departmentId)?.name ?? '',
    ...(at ? { windowId: at.windowId } : {}),
    signInWindowIds: engine.config.windows.filter((w) => mayWorkAt(staff, w)).map((w) => w.id),
  };
}

export function authRoutes(engine: HallEngine, loginLimiter: RequestHandler): Router {
  const r = Router();
  const lockout = new LoginLockout(() => engine.now());

  r.post('/auth/login', loginLimiter, async (req, res) => {
    const { staffNo, password } = parse(loginBody, req.body);
    const staff = engine.config.staff.find((s) => s.staffNo === staffNo);
    // Checked before the password, so a locked account tells nothing about a guess; an unknown
    // 工号 locks the same way, so a lock tells nothing about which 工号 exist.
    if (lockout.isLocked(staffNo)) fail('ACCOUNT_LOCKED');
    if (passwordChecksFull()) fail('LOGIN_BUSY');
    const ok = await verifyPassword(password, staff?.passwordHash ?? DUMMY_HASH);
    if (!staff || !ok) {
      lockout.recordFailure(staffNo);
      fail('BAD_CREDENTIALS');
    }
    lockout.recordSuccess(staffNo);
    const token = newSecret(24);
    const session = await engine.run((d) => createSession(d, sha256(token), staff));
    res.json({ token, expiresAt: session.expiresAt, staff: staffProfile(engine, staff) });
  });

  r.post('/auth/logout', async (req, res) => {
    requireStaff(req);
    if (req.identity?.kind === 'staff') {
      const { tokenHash } = req.identity;
      await engine.run((d) => endSession(d, tokenHash));
    }
    res.json({ ok: true });
  });

  r.get('/auth/me', (req, res) => {
    res.json({ staff: staffProfile(engine, requireStaff(req)) });
  });

  return r;
}
