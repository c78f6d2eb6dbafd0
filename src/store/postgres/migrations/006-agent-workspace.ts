/** PostgreSQL migration 6: what SQLite migration 21 adds, canned responses and saved queue views per agent. */
export const pgMigration006 = {
  version: 6,
  name: 'canned responses and saved views',
  sql: `
CREATE TABLE canned_responses (
  id bigserial PRIMARY KEY,
  owner_id text,
  title text NOT NULL,
  body text NOT NULL,
  lang text NOT NULL CHECK (lang IN ('en', 'zh')),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX canned_responses_owner ON canned_responses (owner_id);
CREATE TABLE saved_views (
  id bigserial PRIMARY KEY,
  agent_id text NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  name text NOT NULL,
  query text NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (agent_id, name)
);
`,
} as const;
