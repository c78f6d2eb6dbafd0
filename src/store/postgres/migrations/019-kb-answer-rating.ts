/** PostgreSQL migration 19: what SQLite migration 30 adds, the rating (and its comment) of a question the knowledge base answered. */
export const pgMigration019 = {
  version: 19,
  name: 'knowledge-base answer rating',
  sql: `
ALTER TABLE kb_answers ADD COLUMN csat integer;
ALTER TABLE kb_answers ADD COLUMN csat_comment text;
`,
} as const;
