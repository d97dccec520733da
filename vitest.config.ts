import { defineConfig } from 'vitest/config';

/**
 * Two runs of the suite, one per store (SPEC §9): everything on the embedded lowdb store,
 * then every integration and browser test again on PostgreSQL when DATABASE_URL names one
 * (`eval "$(bash scripts/test-postgres.sh)"` starts one; .ci/run does). Without it the
 * PostgreSQL run is skipped, and tests/support/store-notice.ts says so at the start and
 * at the end.
 */
const postgres = Boolean(process.env.DATABASE_URL);

/** Tests of the embedded store's own files (its journal, a full disk, corrupt files). */
const LOWDB_ONLY = ['tests/store.test.ts', 'tests/report-facts.test.ts', 'tests/disk-full.test.ts', 'tests/startup-refusals.test.ts', 'tests/faults-checkpoints.test.ts', 'tests/network-embedded.test.ts'];
/** Tests of the PostgreSQL store's own behaviour (standby, bad URLs, a lost database). */
const POSTGRES_ONLY = ['tests/postgres/**/*.test.ts'];

export default defineConfig({
  test: {
    // The server must take its business date from the hall's zone, never the machine's: run in UTC.
    env: { TZ: 'UTC' },
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    globalSetup: ['tests/support/store-notice.ts'],
    projects: [
      {
        extends: true as const,
        test: {
          name: 'lowdb',
          include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'tests/**/*.test.ts'],
          exclude: POSTGRES_ONLY,
          env: { TZ: 'UTC', HALL_TEST_STORE: 'lowdb' },
        },
      },
      ...(postgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ['tests/**/*.test.ts'],
                exclude: LOWDB_ONLY,
                env: { TZ: 'UTC', HALL_TEST_STORE: 'pg' },
              },
            },
          ]
        : []),
    ],
  },
});
