/** PostgreSQL migration 18: what SQLite migration 29 adds, the person's time zone (IANA name) from their platform. */
export const pgMigration018 = {
  version: 18,
  name: 'user time zone',
  sql: `
ALTER TABLE users ADD COLUMN time_zone text;
`,
} as const;
