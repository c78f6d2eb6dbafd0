/**
 * Migration 22: tags on tickets (the console's ticket pane adds and removes them; `tag:vpn` searches them),
 * a JSON array of lower-case tags like the ticket's other lists (kb_json, slots_json); and the agents watching
 * a ticket (told of its replies and status changes; gone with the agent); and how far agents have read each
 * conversation (the web chat shows the user "Seen").
 */
export const migration022 = {
  version: 22,
  name: 'ticket tags, watchers, read state',
  sql: `
ALTER TABLE tickets ADD COLUMN tags_json TEXT NOT NULL DEFAULT '[]';
CREATE TABLE ticket_watchers (
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  PRIMARY KEY (ticket_id, agent_id)
);
CREATE INDEX ticket_watchers_agent ON ticket_watchers (agent_id, ticket_id);
CREATE TABLE conversation_reads (
  conversation_id INTEGER PRIMARY KEY,
  message_id INTEGER NOT NULL,
  agent_id TEXT,
  read_at TEXT NOT NULL
);
`,
};
