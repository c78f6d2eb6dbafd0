/**
 * PostgreSQL migration 5: inbound messages are claimed with a lease, like outbox rows, so that several
 * instances on one database run each turn once, one turn per conversation at a time, in arrival order.
 */
export const pgMigration005 = {
  version: 5,
  name: 'inbound claims',
  sql: `
ALTER TABLE messages ADD COLUMN claimed_by text, ADD COLUMN claimed_until timestamptz;
CREATE INDEX messages_unprocessed_conversation ON messages (conversation_id, id) WHERE direction = 'in' AND processed_at IS NULL;
`,
} as const;
