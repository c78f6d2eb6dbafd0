/**
 * Migration 24: questions the knowledge base answered. A how-to the user confirms solved gets no ticket
 * (DESIGN: "a question gets no ticket unless it stays unanswered"); this row, written in the turn's own
 * transaction, keeps the self-service figure and the articles' ratings. No user text is stored.
 */
export const migration024 = {
  version: 24,
  name: 'knowledge-base answers',
  sql: `
CREATE TABLE kb_answers (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  channel TEXT NOT NULL,
  lang TEXT NOT NULL,
  category TEXT,
  articles_json TEXT NOT NULL
);
CREATE INDEX kb_answers_at ON kb_answers (at);
`,
};
