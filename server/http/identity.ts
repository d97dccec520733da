import type { DeviceConfig, HallConfig, StaffConfig } from '../../shared/config-schema.ts';
import type { HallData } from '../../shared/state.ts';
import { sameSecret, sha256 } from '../ids.ts';

/** Who is calling: a device by its key, or a staff member by their session token. */
export type Identity = { kind: 'device'; device: DeviceConfig } | { kind: 'staff'; staff: StaffConfig; tokenHash: string };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      identity?: Identity;
    }
  }
}

/** Resolves bearer credentials; built once per config so a lookup is a hash and a map read. */
export class Authenticator {
  private readonly devicesByKeyHash = new Map<string, DeviceConfig>();
  private readonly staffById = new Map<string, StaffConfig>();

  constructor(
    config: HallConfig,
    private readonly data: () => HallData,
    private readonly now: () => number,
  ) {
    for (const d of config.devices) this.devicesByKeyHash.set(sha256(d.key), d);
    for (const s of config.staff) this.staffById.set(s.id, s);
  }

  identify(credential: string | undefined): Identity | undefined {
    if (!credential) return undefined;
    const hash = sha256(credential);
    const device = this.devicesByKeyHash.get(hash);
    // The map lookup is by hash, and the final comparison is constant-time.
    if (device && sameSecret(device.key, credential)) return { kind: 'device', device };
    const session = this.data().sessions[hash];
    if (session && session.expiresAt > this.now()) {
      const staff = this.staffById.get(session.staffId);
      if (staff) return { kind: 'staff', staff, tokenHash: hash };
    }
    return undefined;
  }
}

export function bearer(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return m?.[1];
}
