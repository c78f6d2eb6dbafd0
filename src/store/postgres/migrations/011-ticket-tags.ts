/** PostgreSQL migration 11: what SQLite migration 22 adds, a ticket's tags (a JSON array of lower-case tags) its watching agents, and how far agents have read each conversation. */
export const pgMigration011 = {
  version: 11,
  name: 'ticket tags, watchers, read state',
  sql: `
ALTER TABLE tickets ADD COLUMN tags_json text NOT NULL DEFAULT '[]';
CREATE TABLE ticket_watchers (
  ticket_id bigint NOT NULL REFERENCES tickets(id),
  agent_id text NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (ticket_id, agent_id)
);
CREATE INDEX ticket_watchers_agent ON ticket_watchers (agent_id, ticket_id);
CREATE TABLE conversation_reads (
  conversation_id bigint PRIMARY KEY,
  message_id bigint NOT NULL,
  agent_id text,
  read_at timestamptz NOT NULL
);
`,
} as const;
