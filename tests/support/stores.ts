import { cp } from 'node:fs/promises';
import { basename } from 'node:path';
import pg from 'pg';
import { LowdbStore } from '../../server/store/lowdb-store.ts';
import { PgStore } from '../../server/store/pg/pg-store.ts';
import type { Store } from '../../server/store/store.ts';
import type { HallConfig } from '../../shared/config-schema.ts';

/**
 * Which store this run of the suite is on: vitest runs the integration tests once per
 * store (vitest.config.ts), the PostgreSQL run with HALL_TEST_STORE=pg and DATABASE_URL.
 * Every test's hall gets its own `hall_id`, so the tests share one database as halls do.
 */
export const storeKind: 'lowdb' | 'pg' = process.env.HALL_TEST_STORE === 'pg' ? 'pg' : 'lowdb';
export const onPostgres = storeKind === 'pg';

/** A hall id for a test's data dir: the same across restarts of that hall, unique between tests. */
export function hallIdFor(dataDir: string): string {
  return `t-${basename(dataDir).replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, 64);
}

/** The store of a test hall whose files (on lowdb) live in `dataDir`. */
export function testStore(dataDir: string, config?: HallConfig): Store {
  if (!onPostgres) return new LowdbStore(dataDir);
  return new PgStore({ url: databaseUrl(), hallId: hallIdFor(dataDir), poolSize: 2, ...(config ? { config } : {}) });
}

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('HALL_TEST_STORE=pg needs DATABASE_URL');
  return url;
}

/** What a child server (server/main.ts) needs in its environment to run on this store. */
export function childStoreEnv(): Record<string, string> {
  return { DATABASE_URL: onPostgres ? databaseUrl() : '' };
}

/** Make the store's next write fail as a full disk (or a lost database) would, once. */
export function breakNextWrite(store: Store, error: Error): void {
  if (store instanceof LowdbStore) {
    // The journal's next line fails as a full disk's write would (its zeros ahead go on).
    const journal = (store as unknown as { journal: { append: (...a: unknown[]) => Promise<unknown> } }).journal;
    const append = journal.append.bind(journal);
    journal.append = () => {
      journal.append = append;
      return Promise.reject(error);
    };
    return;
  }
  // PostgreSQL: the statement after BEGIN fails; the transaction rolls back.
  const writer = (store as unknown as { writer: { query: (...a: unknown[]) => Promise<unknown> } }).writer;
  const query = writer.query.bind(writer);
  let begun = false;
  writer.query = (...args: unknown[]) => {
    if (begun) {
      writer.query = query;
      return Promise.reject(error);
    }
    if (args[0] === 'BEGIN') begun = true;
    return query(...args);
  };
}

const TABLES_OF_A_HALL = ['halls', 'counters', 'tickets', 'visits', 'windows', 'attendance', 'case_completions', 'cases', 'reviews', 'sessions', 'printer_faults', 'closed_days'];

/** A copy of a hall's stored data under another data dir (and so, on PostgreSQL, another hall id). */
export async function copyHall(fromDir: string, toDir: string): Promise<void> {
  await cp(fromDir, toDir, { recursive: true });
  if (!onPostgres) return;
  const db = new pg.Client({ connectionString: databaseUrl() });
  await db.connect();
  try {
    await db.query('BEGIN');
    for (const t of TABLES_OF_A_HALL) {
      await db.query(`INSERT INTO ${t} SELECT (jsonb_populate_record(null::${t}, to_jsonb(x) || jsonb_build_object('hall_id', $2::text))).* FROM ${t} x WHERE hall_id = $1`, [hallIdFor(fromDir), hallIdFor(toDir)]);
    }
    await db.query('COMMIT');
  } finally {
    await db.end();
  }
}
