/**
 * Migration 16: cluster leases (src/store/lease-store.ts). One row per piece of background work; whoever
 * holds an unexpired row runs it. On SQLite there is one server per file (database-lock.ts), so this is the
 * same primitive as on PostgreSQL (postgres/migrations/002-leases.ts), tested by one contract suite.
 */
export const migration016 = {
  version: 16,
  name: 'cluster leases',
  sql: `
CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
`,
} as const;
