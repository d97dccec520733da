import type { HallConfig } from '../../shared/config-schema.ts';
import { LowdbStore } from './lowdb-store.ts';
import { PgStore } from './pg/pg-store.ts';
import type { Store } from './store.ts';

export interface StoreSettings {
  /** DATABASE_URL: PostgreSQL when set, the embedded store otherwise. */
  databaseUrl?: string;
  dataDir: string;
  /** HALL_CHECKPOINT_BYTES for the embedded store. */
  checkpointBytes?: number;
}

/** The store a server runs on: PostgreSQL when DATABASE_URL is set, else the embedded lowdb files. */
export function openStore(config: HallConfig, s: StoreSettings): Store {
  if (s.databaseUrl) return new PgStore({ url: s.databaseUrl, hallId: config.hall.id, config });
  return new LowdbStore(s.dataDir, s.checkpointBytes ? { checkpointBytes: s.checkpointBytes } : {});
}
