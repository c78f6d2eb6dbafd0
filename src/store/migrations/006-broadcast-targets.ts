/**
 * Migration 6: channels a broadcast is posted into (a Slack channel rather than a person). The outbox and
 * broadcast_deliveries need a conversation and a user row, so each named channel gets one of each, and
 * this table marks them: audience queries and KPIs leave these users out, so a channel is never counted
 * or reached as a person.
 */
export const migration006 = {
  version: 6,
  name: 'broadcast channel targets',
  sql: `
CREATE TABLE broadcast_targets (
  user_id INTEGER PRIMARY KEY REFERENCES users(id),
  conversation_id INTEGER NOT NULL UNIQUE REFERENCES conversations(id),
  channel TEXT NOT NULL,
  target_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (channel, target_id)
);
`,
};
