/**
 * Says loudly, at the start and at the end of `npm test`, when the PostgreSQL run of the
 * suite was skipped for want of a DATABASE_URL, and which tests that left unrun.
 */
const NOTICE = [
  '',
  '████ PostgreSQL runs SKIPPED: DATABASE_URL is not set.',
  '████ Not run on PostgreSQL: every integration and browser test in tests/ (they ran on the embedded store),',
  '████ and the PostgreSQL-only tests in tests/postgres/ (standby, network reports, a lost database).',
  '████ To run them: eval "$(bash scripts/test-postgres.sh)" && npm test',
  '',
].join('\n');

export function setup(): () => void {
  if (process.env.DATABASE_URL) return () => undefined;
  console.warn(NOTICE);
  return () => console.warn(NOTICE);
}
