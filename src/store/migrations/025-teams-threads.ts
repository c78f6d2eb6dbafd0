/**
 * Migration 25: the Teams agents' channel. A row per escalated ticket: the claim that stops a second escalation
 * post (any instance may try), the post's activity id once Teams accepted it (the card updated in place through
 * updateActivity), and the cursor of ticket events already shown on the card.
 */
export const migration025 = {
  version: 25,
  name: 'teams agent channel threads',
  sql: `
CREATE TABLE teams_threads (
  ticket_id INTEGER PRIMARY KEY REFERENCES tickets(id),
  conversation_id TEXT NOT NULL,
  activity_id TEXT,
  last_event_id INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  UNIQUE (conversation_id, activity_id)
);
`,
};
