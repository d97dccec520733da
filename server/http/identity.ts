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

/**
 * Resolves bearer credentials: a lookup is a hash and a map read. The maps follow the
 * configuration in force, rebuilt when it changes: a revoked key stops working at once.
 */
export class Authenticator {
  private devicesByKeyHash = new Map<string, DeviceConfig>();
  private staffById = new Map<string, StaffConfig>();
  private indexed?: HallConfig;

  constructor(
    private readonly config: () => HallConfig,
    private readonly data: () => HallData,
    private readonly now: () => number,
  ) {}

  private index(): void {
    const config = this.config();
    if (config === this.indexed) return;
    this.devicesByKeyHash = new Map(config.devices.map((d) => [sha256(d.key), d]));
    this.staffById = new Map(config.staff.map((s) => [s.id, s]));
    this.indexed = config;
  }

  identify(credential: string | undefined): Identity | undefined {
    if (!credential) return undefined;
    this.index();
    const hash = sha256(credential);
    const device = this.devicesByKeyHash.get(hash);
    // The map lookup is by hash, and the final comparison is constant-time.
    if (device && sameSecret(device.key, credential)) return { kind: 'device', device };
    const session = this.data().sessions[hash];
    if (session && session.expiresAt > this.now()) {
      const staff = this.staffById.get(session.staffId);
      if (staff && !staff.disabled) return { kind: 'staff', staff, tokenHash: hash };
    }
    return undefined;
  }
}

export function bearer(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return m?.[1];
}
