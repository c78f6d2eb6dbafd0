/**
 * Migration 7: the per-installation secret (keys web chat session ids), progressive login delays per
 * account and per client address instead of the hard lockout of migration 2, and disabled agents.
 */
export const migration007 = {
  version: 7,
  name: 'install secret, login throttle, disabled agents',
  sql: `
CREATE TABLE install_secrets (
  name TEXT PRIMARY KEY,
  value BLOB NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE login_throttle (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_failure_at TEXT NOT NULL,
  next_attempt_at TEXT NOT NULL
);
DROP TABLE login_failures;
ALTER TABLE agents ADD COLUMN disabled_at TEXT;
`,
};
