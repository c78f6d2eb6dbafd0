/**
 * Migration 30: the rating of a question the knowledge base answered without a ticket (1-5, asked once like a
 * closed ticket's), and the comment that follows it. The comment is the person's text: erased with their data.
 */
export const migration030 = {
  version: 30,
  name: 'knowledge-base answer rating',
  sql: `
ALTER TABLE kb_answers ADD COLUMN csat INTEGER;
ALTER TABLE kb_answers ADD COLUMN csat_comment TEXT;
`,
};
