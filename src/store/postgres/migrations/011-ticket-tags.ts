/** PostgreSQL migration 11: what SQLite migration 22 adds, a ticket's tags (a JSON array of lower-case tags) and its watching agents. */
export const pgMigration011 = {
  version: 11,
  name: 'ticket tags and watchers',
  sql: `
ALTER TABLE tickets ADD COLUMN tags_json text NOT NULL DEFAULT '[]';
CREATE TABLE ticket_watchers (
  ticket_id bigint NOT NULL REFERENCES tickets(id),
  agent_id text NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (ticket_id, agent_id)
);
CREATE INDEX ticket_watchers_agent ON ticket_watchers (agent_id, ticket_id);
`,
} as const;
