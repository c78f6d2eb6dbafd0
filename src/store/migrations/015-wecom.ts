/**
 * Migration 15: WeCom template cards and tier-2 escalations. A card's task_id (unique per app) finds who it
 * was sent to and what its buttons mean when its template_card_event arrives, after a restart too; the
 * response_code (valid 72 hours, usable once) is what update_template_card needs to change the card.
 * wecom_tier2 is the mirror cursor of an escalated ticket, like slack_threads.
 */
export const migration015 = {
  version: 15,
  name: 'wecom cards',
  sql: `
CREATE TABLE wecom_cards (
  task_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('choice', 'tier2')),
  recipient TEXT NOT NULL,
  ticket TEXT,
  choices_json TEXT NOT NULL,
  response_code TEXT,
  answered_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX wecom_cards_ticket ON wecom_cards (ticket) WHERE ticket IS NOT NULL;
CREATE TABLE wecom_tier2 (
  ticket_id INTEGER PRIMARY KEY REFERENCES tickets(id),
  last_event_id INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
`,
};
