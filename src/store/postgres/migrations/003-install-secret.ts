/**
 * PostgreSQL migration 3: the per-installation secret (SQLite migration 7). In a cluster every instance must
 * derive the same keys from it (web chat session ids), so it lives in the shared database, made once.
 */
export const pgMigration003 = {
  version: 3,
  name: 'install secret',
  sql: `
CREATE TABLE install_secrets (
  name text PRIMARY KEY,
  value bytea NOT NULL,
  created_at timestamptz NOT NULL
);
`,
} as const;
