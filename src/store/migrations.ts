import { migration003 } from './migrations/003-sla-major-incidents';
import { migration004 } from './migrations/004-broadcasts';
import { migration005 } from './migrations/005-lifecycle';
import { migration006 } from './migrations/006-broadcast-targets';
import { migration007 } from './migrations/007-access-hardening';
import { migration008 } from './migrations/008-claims-retention';
import { migration010 } from './migrations/010-kb-gaps';
import { migration011 } from './migrations/011-requests-approvals';
import { migration012 } from './migrations/012-monitoring-alerts';
import { migration013 } from './migrations/013-api-webhooks';
import { migration014 } from './migrations/014-feishu-tier2';
import { migration015 } from './migrations/015-wecom';
import { migration016 } from './migrations/016-leases';
import { migration017 } from './migrations/017-console-requests';
import { migration019 } from './migrations/019-agent-email';
import { migration021 } from './migrations/021-agent-workspace';
import { migration022 } from './migrations/022-ticket-tags';
import { migration024 } from './migrations/024-kb-answers';
import { migration025 } from './migrations/025-teams-threads';
import { migration026 } from './migrations/026-teams-service-urls';
import { migration027 } from './migrations/027-waiting-queue-order';
import { migration028 } from './migrations/028-sla-timers-to-check';
import { migration029 } from './migrations/029-user-time-zone';
import { migration030 } from './migrations/030-kb-answer-rating';

/** Numbered schema migrations; `PRAGMA user_version` records the last one applied. Append, never edit. */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  channel TEXT NOT NULL,
  platform_user_id TEXT NOT NULL,
  name TEXT, email TEXT, department TEXT, lang TEXT,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
  UNIQUE (channel, platform_user_id)
);
CREATE TABLE conversations (
  id INTEGER PRIMARY KEY,
  channel TEXT NOT NULL,
  platform_conversation_id TEXT NOT NULL,
  thread_id TEXT NOT NULL DEFAULT '',
  ref_json TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id),
  mode TEXT NOT NULL DEFAULT 'bot' CHECK (mode IN ('bot', 'agent', 'closed')),
  lang TEXT NOT NULL DEFAULT 'en',
  state_json TEXT NOT NULL DEFAULT '{}',
  ticket_id INTEGER,
  version INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
  UNIQUE (channel, platform_conversation_id, thread_id)
);
CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  channel TEXT NOT NULL,
  platform_message_id TEXT,
  author TEXT NOT NULL,
  text TEXT NOT NULL,
  payload_json TEXT,
  outbox_id INTEGER UNIQUE,
  processed_at TEXT,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX messages_dedupe ON messages (channel, platform_message_id) WHERE platform_message_id IS NOT NULL;
CREATE INDEX messages_unprocessed ON messages (id) WHERE direction = 'in' AND processed_at IS NULL;
CREATE INDEX messages_conversation ON messages (conversation_id, id);
CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE tickets (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL, category TEXT NOT NULL,
  impact INTEGER NOT NULL, urgency INTEGER NOT NULL, priority TEXT NOT NULL,
  status TEXT NOT NULL,
  requester_id INTEGER NOT NULL REFERENCES users(id),
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  summary TEXT NOT NULL, description TEXT NOT NULL, lang TEXT NOT NULL,
  slots_json TEXT NOT NULL DEFAULT '{}',
  classification_json TEXT,
  kb_json TEXT NOT NULL DEFAULT '[]',
  group_name TEXT, agent_id TEXT,
  response_due_at TEXT NOT NULL, resolve_due_at TEXT NOT NULL,
  first_response_at TEXT, escalated_at TEXT, resolved_at TEXT, closed_at TEXT,
  csat INTEGER, major_incident_id INTEGER,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE INDEX tickets_requester ON tickets (requester_id, id);
CREATE TABLE ticket_events (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  at TEXT NOT NULL, actor TEXT NOT NULL, kind TEXT NOT NULL,
  data_json TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, id);
CREATE TRIGGER ticket_events_no_update BEFORE UPDATE ON ticket_events
  BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only'); END;
CREATE TRIGGER ticket_events_no_delete BEFORE DELETE ON ticket_events
  BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only'); END;
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  ref_json TEXT NOT NULL,
  message_json TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX outbox_conversation ON outbox (conversation_id, id) WHERE status = 'pending';
`,
  },
  {
    version: 2,
    name: 'agents, console sessions, login failures',
    sql: `
CREATE TABLE agents (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('agent', 'admin')),
  groups_json TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE TABLE console_sessions (
  token_hash TEXT PRIMARY KEY,
  agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX console_sessions_agent ON console_sessions (agent_id);
CREATE TABLE login_failures (
  login TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  window_start TEXT NOT NULL,
  locked_until TEXT
);
`,
  },
  // Before 4: migrate() applies in array order and skips versions at or below user_version.
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration010,
  migration011,
  migration012,
  migration013,
  migration014,
  migration015,
  migration016,
  migration017,
  migration019,
  migration021,
  migration022,
  migration024,
  migration025,
  migration026,
  migration027,
  migration028,
  migration029,
  migration030,
];
