/**
 * Migration 10: knowledge gaps. One row per intake whose knowledge-base search found no article worth
 * offering, written in the turn's own transaction. The question is stored with emails and phone numbers
 * masked; the conversation link lets an admin read the context in the console.
 */
export const migration010 = {
  version: 10,
  name: 'knowledge gaps',
  sql: `
CREATE TABLE kb_gaps (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  channel TEXT NOT NULL,
  lang TEXT NOT NULL,
  query TEXT NOT NULL,
  category TEXT
);
CREATE INDEX kb_gaps_at ON kb_gaps (at);
`,
};
