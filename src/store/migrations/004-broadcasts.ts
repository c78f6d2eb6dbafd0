/**
 * Broadcasts (admin notices to many users) and their deliveries. The audience is snapshotted into
 * broadcast_deliveries when the notice is posted (and again for the follow-up when it is closed);
 * UNIQUE (broadcast_id, kind, conversation_id) is what makes "each member gets it once" hold across restarts.
 */
export const migration004 = {
  version: 4,
  name: 'broadcasts and their deliveries',
  sql: `
CREATE TABLE broadcasts (
  id INTEGER PRIMARY KEY,
  text TEXT NOT NULL,
  audience_json TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
  major_incident_number TEXT,
  follow_up_text TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  closed_by TEXT,
  closed_at TEXT
);
CREATE INDEX broadcasts_active ON broadcasts (id) WHERE status = 'active';
CREATE TABLE broadcast_deliveries (
  id INTEGER PRIMARY KEY,
  broadcast_id INTEGER NOT NULL REFERENCES broadcasts(id),
  kind TEXT NOT NULL CHECK (kind IN ('notice', 'follow_up')),
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  outbox_id INTEGER REFERENCES outbox(id),
  claimed_after_outbox_id INTEGER,
  claim_expires_at TEXT,
  created_at TEXT NOT NULL,
  enqueued_at TEXT,
  UNIQUE (broadcast_id, kind, conversation_id)
);
CREATE INDEX broadcast_deliveries_todo ON broadcast_deliveries (broadcast_id, id) WHERE outbox_id IS NULL;
`,
};
