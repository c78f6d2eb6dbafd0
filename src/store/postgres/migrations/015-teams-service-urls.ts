/** PostgreSQL migration 15: what SQLite migration 26 adds, the Bot Connector address Teams last sent per tenant, team and channel. */
export const pgMigration015 = {
  version: 15,
  name: 'teams service urls',
  sql: `
CREATE TABLE teams_service_urls (
  place text PRIMARY KEY,
  service_url text NOT NULL,
  learnt_at timestamptz NOT NULL
);
`,
} as const;
