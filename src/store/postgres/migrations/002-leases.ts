/**
 * PostgreSQL migration 2: cluster leases (src/store/lease-store.ts), as SQLite migration 16. One row per
 * piece of background work; whoever holds an unexpired row runs it.
 */
export const pgMigration002 = {
  version: 2,
  name: 'cluster leases',
  sql: `
CREATE TABLE leases (
  name text PRIMARY KEY,
  holder text NOT NULL,
  expires_at timestamptz NOT NULL
);
`,
} as const;
