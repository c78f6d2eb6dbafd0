/**
 * Migration 14: Feishu escalation cards (ticket <-> the card's message id in the agents' group chat, with the
 * mirror cursor) and links from Feishu users (open_id) to console agents (channels/feishu/feishu-agents.ts).
 */
export const migration014 = {
  version: 14,
  name: 'feishu escalation cards and agent links',
  sql: `
CREATE TABLE feishu_threads (
  ticket_id INTEGER PRIMARY KEY REFERENCES tickets(id),
  chat_id TEXT NOT NULL,
  -- NULL while the card waits in the outbox: the row is the claim that stops a second card.
  message_id TEXT,
  last_event_id INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  UNIQUE (chat_id, message_id)
);
CREATE TABLE feishu_agents (
  open_id TEXT PRIMARY KEY,
  agent_id TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL,
  created_at TEXT NOT NULL
);
`,
};
