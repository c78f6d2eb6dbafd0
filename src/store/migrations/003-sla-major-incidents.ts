/**
 * Migration 3: SLA timers and their pauses (src/sla/sla-monitor.ts) and major incidents (src/incidents).
 * The ticket events stay the record of what was said and done; these tables are what the timers and the
 * clustering need to survive a restart (pauses, which warnings and breaches were handled, the MI list).
 */
export const migration003 = {
  version: 3,
  name: 'sla timers, sla pauses, major incidents',
  sql: `
CREATE TABLE sla_timers (
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  kind TEXT NOT NULL CHECK (kind IN ('response', 'resolve')),
  -- Due time and warning time with the pauses added; NULL while the clock stands still.
  due_at TEXT,
  warn_at TEXT,
  -- Fingerprint of what due_at and warn_at were computed from (target, calendar, pauses).
  basis TEXT,
  warned_at TEXT,
  breached_at TEXT,
  met_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (ticket_id, kind)
);
CREATE INDEX sla_timers_running ON sla_timers (ticket_id) WHERE breached_at IS NULL;
CREATE TABLE sla_pauses (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  from_at TEXT NOT NULL,
  to_at TEXT
);
CREATE INDEX sla_pauses_ticket ON sla_pauses (ticket_id, id);
-- At most one open pause per ticket, even with two monitors ticking at once.
CREATE UNIQUE INDEX sla_pauses_open ON sla_pauses (ticket_id) WHERE to_at IS NULL;
CREATE TABLE major_incidents (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  category TEXT NOT NULL,
  title TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  resolution TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  resolved_at TEXT
);
CREATE INDEX major_incidents_open ON major_incidents (category, id) WHERE status = 'open';
CREATE INDEX tickets_major_incident ON tickets (major_incident_id) WHERE major_incident_id IS NOT NULL;
CREATE INDEX tickets_category_created ON tickets (category, created_at);
`,
} as const;
