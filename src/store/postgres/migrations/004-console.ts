/**
 * PostgreSQL migration 4: what SQLite migrations 17 and 19 added for the console: requests by
 * Idempotency-Key (a double click or a retry sends a reply once) and an agent's work e-mail (approvals).
 */
export const pgMigration004 = {
  version: 4,
  name: 'console requests and agent email',
  sql: `
CREATE TABLE console_requests (
  agent_id text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  response_json text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (agent_id, key)
);
CREATE INDEX console_requests_created ON console_requests (created_at);
ALTER TABLE agents ADD COLUMN email text;
CREATE UNIQUE INDEX agents_email ON agents (lower(email)) WHERE email IS NOT NULL;
`,
} as const;
