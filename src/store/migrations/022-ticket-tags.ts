/**
 * Migration 22: tags on tickets (the console's ticket pane adds and removes them; `tag:vpn` searches them).
 * A JSON array of lower-case tags, like the ticket's other lists (kb_json, slots_json).
 */
export const migration022 = {
  version: 22,
  name: 'ticket tags',
  sql: `
ALTER TABLE tickets ADD COLUMN tags_json TEXT NOT NULL DEFAULT '[]';
`,
};
