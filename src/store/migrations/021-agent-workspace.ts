/**
 * Migration 21: the agent workspace's own data. Canned responses (shared when owner_id is null, else the
 * owner's) and saved queue views per agent (gone with the agent).
 */
export const migration021 = {
  version: 21,
  name: 'canned responses and saved views',
  sql: `
CREATE TABLE canned_responses (
  id INTEGER PRIMARY KEY,
  owner_id TEXT,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  lang TEXT NOT NULL CHECK (lang IN ('en', 'zh')),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX canned_responses_owner ON canned_responses (owner_id);
CREATE TABLE saved_views (
  id INTEGER PRIMARY KEY,
  agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  query TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (agent_id, name)
);
`,
};
