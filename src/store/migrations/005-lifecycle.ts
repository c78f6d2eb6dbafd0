/**
 * Migration 5: Slack escalation threads and Slack-user-to-agent links (channels/slack/slack-agents.ts),
 * and a status index for the life-cycle timer (src/lifecycle/auto-close.ts scans resolved tickets).
 */
export const migration005 = {
  version: 5,
  name: 'slack threads, slack agent links, ticket status index',
  sql: `
CREATE TABLE slack_threads (
  ticket_id INTEGER PRIMARY KEY REFERENCES tickets(id),
  channel TEXT NOT NULL,
  -- NULL while the post is being made: the row is the claim that stops a second post.
  thread_ts TEXT,
  -- The last ticket event already mirrored into the thread.
  last_event_id INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  UNIQUE (channel, thread_ts)
);
CREATE TABLE slack_agents (
  slack_user_id TEXT PRIMARY KEY,
  agent_id TEXT NOT NULL UNIQUE REFERENCES agents(id) ON DELETE CASCADE,
  source TEXT NOT NULL CHECK (source IN ('manual', 'email')),
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS tickets_by_status ON tickets (status, id);
`,
} as const;
