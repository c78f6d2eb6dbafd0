/**
 * Migration 17: console requests by Idempotency-Key. An agent's reply or note is recorded under (agent, key)
 * before it runs and its answer after, so a double click or a retry after a lost answer sends it once.
 */
export const migration017 = {
  version: 17,
  name: 'console requests',
  sql: `
CREATE TABLE console_requests (
  agent_id TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  response_json TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (agent_id, key)
);
CREATE INDEX console_requests_created ON console_requests (created_at);
`,
};
