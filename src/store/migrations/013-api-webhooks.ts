/**
 * Migration 13: the REST API and outgoing webhooks. API tokens are stored as SHA-256 hashes (the token is
 * printed once); each POST with an Idempotency-Key keeps its first answer; every API call is recorded.
 * Webhook events are read from `ticket_events` (the one place every change is written) by a cursor in
 * `counters`, and become one delivery row per matching subscription, sent in order per subscription.
 */
export const migration013 = {
  version: 13,
  name: 'api tokens and webhooks',
  sql: `
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  token_hash TEXT NOT NULL UNIQUE,
  scopes TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  revoked_at TEXT,
  last_used_at TEXT
);
CREATE TABLE api_idempotency (
  token_id INTEGER NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER,
  response_json TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (token_id, key)
);
CREATE INDEX api_idempotency_created ON api_idempotency (created_at);
CREATE TABLE api_calls (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  token_name TEXT,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  status INTEGER NOT NULL,
  client TEXT
);
CREATE INDEX api_calls_at ON api_calls (at);
CREATE TABLE webhook_subscriptions (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL,
  events TEXT NOT NULL,
  scopes TEXT NOT NULL,
  secret TEXT NOT NULL,
  from_event_id INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  disabled_at TEXT,
  disabled_reason TEXT
);
CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES webhook_subscriptions(id) ON DELETE CASCADE,
  message_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  payload_json TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_status INTEGER,
  last_error TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  UNIQUE (subscription_id, message_id)
);
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (subscription_id, id) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (subscription_id, id);
INSERT INTO counters (name, value) SELECT 'webhook_event_cursor', coalesce(max(id), 0) FROM ticket_events WHERE true
  ON CONFLICT (name) DO NOTHING;
CREATE INDEX tickets_status_id ON tickets (status, id);
CREATE INDEX tickets_priority_id ON tickets (priority, id);
CREATE INDEX tickets_group_id ON tickets (group_name, id);
CREATE INDEX tickets_updated ON tickets (updated_at, id);
`,
};
