import type pg from 'pg';
import { StoreOpenError } from '../errors.ts';
import { CONFIG_TABLES, createTableSql, TABLES, TICKETS, VISITS } from './tables.ts';

/**
 * The schema as versioned migrations, run in order at start under a lock so two servers
 * starting together migrate once. A database migrated by a newer version is refused: its
 * tables may mean what this version does not know.
 */
const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string[] }> = [
  {
    version: 1,
    name: 'halls, live records and closed days',
    sql: [
      `CREATE TABLE halls (hall_id text PRIMARY KEY, business_date date, token_key text, epoch bigint NOT NULL DEFAULT 0, active_since timestamptz)`,
      `CREATE TABLE counters (hall_id text NOT NULL, prefix text NOT NULL, seq integer NOT NULL, PRIMARY KEY (hall_id, prefix))`,
      createTableSql(TICKETS),
      `CREATE INDEX tickets_by_day ON tickets (hall_id, business_date)`,
      createTableSql(VISITS),
      `CREATE INDEX visits_by_day ON visits (hall_id, business_date)`,
      createTableSql(TABLES.windows),
      createTableSql(TABLES.attendance),
      `CREATE INDEX attendance_by_day ON attendance (hall_id, business_date)`,
      createTableSql(TABLES.caseCompletions),
      `CREATE INDEX case_completions_by_day ON case_completions (hall_id, business_date)`,
      createTableSql(TABLES.cases),
      createTableSql(TABLES.reviews),
      createTableSql(TABLES.sessions),
      createTableSql(TABLES.printerFaults),
      `CREATE TABLE closed_days (hall_id text NOT NULL, business_date date NOT NULL, closed_at timestamptz NOT NULL, counters jsonb NOT NULL, facts bytea, PRIMARY KEY (hall_id, business_date))`,
    ],
  },
  {
    version: 2,
    name: 'each hall names itself and keeps its public configuration, for network reports',
    sql: [`ALTER TABLE halls ADD COLUMN name text, ADD COLUMN config jsonb`],
  },
  {
    version: 3,
    name: 'records come back in the order they were first stored, as the embedded store keeps them',
    sql: ['tickets', 'attendance', 'case_completions'].map((t) => `ALTER TABLE ${t} ADD COLUMN stored_order bigserial`),
  },
  {
    version: 4,
    name: 'the configuration lives in the store, versioned, with its audit trail',
    sql: [createTableSql(CONFIG_TABLES.config), createTableSql(CONFIG_TABLES.configAudit), `CREATE INDEX config_audit_by_time ON config_audit (hall_id, at)`],
  },
  {
    version: 5,
    name: 'ratings and review steps on their way to the province, in a durable outbox',
    sql: [createTableSql(CONFIG_TABLES.outbox)],
  },
  {
    version: 6,
    name: 'phone ratings of visits whose day has closed',
    sql: [createTableSql(CONFIG_TABLES.lateRatings), `CREATE INDEX late_ratings_by_day ON late_ratings (hall_id, business_date)`],
  },
  {
    version: 7,
    name: 'bookings (预约): slots of a service, checked in at the kiosk',
    sql: [createTableSql(CONFIG_TABLES.appointments), `CREATE INDEX appointments_by_day ON appointments (hall_id, business_date)`],
  },
  {
    version: 8,
    name: 'leave requests (请假)',
    sql: [createTableSql(CONFIG_TABLES.leave)],
  },
  {
    version: 9,
    name: 'a closed day keeps its report figures, so a period adds them up without reading its visits',
    sql: ['ALTER TABLE closed_days ADD COLUMN figures bytea'],
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** A fixed advisory lock key for migrations (any 64-bit number this program alone uses). */
const MIGRATION_LOCK = 7_140_2026_11;

export async function migrate(client: pg.ClientBase): Promise<void> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number }>('SELECT coalesce(max(version), 0) AS version FROM schema_migrations');
    const current = Number(rows[0].version);
    if (current > SCHEMA_VERSION) {
      throw new StoreOpenError(
        `数据库结构版本 ${current} 比本程序（${SCHEMA_VERSION}）新，请升级程序 / the database schema is version ${current}, newer than this program's ${SCHEMA_VERSION}: upgrade the program`,
      );
    }
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      await client.query('BEGIN');
      try {
        for (const sql of m.sql) await client.query(sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
  }
}
