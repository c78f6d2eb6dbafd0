/** PostgreSQL migration 14: what SQLite migration 25 adds, the escalation posts in the Teams agents' channel. */
export const pgMigration014 = {
  version: 14,
  name: 'teams agent channel threads',
  sql: `
CREATE TABLE teams_threads (
  ticket_id bigint PRIMARY KEY REFERENCES tickets(id),
  conversation_id text NOT NULL,
  activity_id text,
  last_event_id bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  UNIQUE (conversation_id, activity_id)
);
`,
} as const;
