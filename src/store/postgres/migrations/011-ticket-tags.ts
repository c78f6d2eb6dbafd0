/** PostgreSQL migration 11: what SQLite migration 22 adds, a ticket's tags (a JSON array of lower-case tags). */
export const pgMigration011 = {
  version: 11,
  name: 'ticket tags',
  sql: `
ALTER TABLE tickets ADD COLUMN tags_json text NOT NULL DEFAULT '[]';
`,
} as const;
