/**
 * Migration 11: self-service requests. A request session per conversation (catalog entry, answers, step),
 * approvals with their reminder and escalation times (the approval monitor's timers, so they survive a
 * restart), one-time verification codes (hashed), one-time password pages (hashed tokens) and the audit
 * of every directory action (who, what, the directory's answer), which also feeds the rate limits.
 */
export const migration011 = {
  version: 11,
  name: 'requests and approvals',
  sql: `
CREATE TABLE request_sessions (
  conversation_id INTEGER PRIMARY KEY REFERENCES conversations(id),
  data_json TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE approvals (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  catalog_id TEXT NOT NULL,
  request_json TEXT NOT NULL,
  requester_email TEXT NOT NULL,
  approver_email TEXT NOT NULL,
  approver_name TEXT,
  step INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'denied', 'escalated', 'expired')),
  reason TEXT,
  remind_at TEXT NOT NULL,
  escalate_at TEXT NOT NULL,
  reminded_at TEXT,
  decided_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX approvals_pending ON approvals (status, escalate_at);
CREATE TABLE verification_codes (
  subject TEXT PRIMARY KEY,
  code_hash TEXT,
  expires_at TEXT,
  tries INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  updated_at TEXT NOT NULL
);
CREATE TABLE password_tokens (
  token_hash TEXT PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  person_dn TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  claimed_at TEXT,
  used_at TEXT,
  created_at TEXT NOT NULL
);
CREATE TABLE directory_audit (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  outcome TEXT NOT NULL,
  detail TEXT,
  ticket_id INTEGER
);
CREATE INDEX directory_audit_at ON directory_audit (at);
`,
};
