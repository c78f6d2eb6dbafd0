/**
 * PostgreSQL migration 17: what SQLite migration 27 adds, the console's default queue (waiting tickets by priority,
 * response due time, id) in index order: the first page reads 50 index entries instead of sorting every waiting
 * ticket (10,000: ~13-16 ms a view). Priority in byte order ("C"), as the queue sorts it (pg-queue-search.ts).
 */
export const pgMigration017 = {
  version: 17,
  name: 'waiting queue order',
  sql: `
CREATE INDEX tickets_waiting_by_priority ON tickets ((priority COLLATE "C"), response_due_at, id)
  WHERE status IN ('new', 'escalated', 'in_progress', 'open', 'reopened');
`,
} as const;
