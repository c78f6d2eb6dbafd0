/**
 * Migration 12: monitoring alerts (src/alerts). A major incident can come from an alert: it keeps the
 * service's own words (so reports naming the service are linked at once), an owner, and a resolution the
 * monitoring proposed for the owner to confirm. `alert_groups` is one row per alert group (Alertmanager's
 * groupKey, Grafana's, or a generic mapping's key): what makes a retried or repeated notification change nothing.
 */
export const migration012 = {
  version: 12,
  name: 'monitoring alerts',
  sql: `
ALTER TABLE major_incidents ADD COLUMN source TEXT NOT NULL DEFAULT 'reports';
ALTER TABLE major_incidents ADD COLUMN keywords TEXT;
ALTER TABLE major_incidents ADD COLUMN owner TEXT;
ALTER TABLE major_incidents ADD COLUMN proposed_resolution TEXT;
ALTER TABLE major_incidents ADD COLUMN proposed_at TEXT;
CREATE TABLE alert_groups (
  group_key TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  rule TEXT NOT NULL,
  service TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('firing', 'resolved')),
  major_incident_id INTEGER REFERENCES major_incidents(id),
  broadcast_id INTEGER REFERENCES broadcasts(id),
  -- Fingerprints of the alerts firing now, sorted (JSON array).
  firing_json TEXT NOT NULL DEFAULT '[]',
  -- Set when the group stopped firing; the incident is resolved once it stays quiet for the hold time.
  resolving_since TEXT,
  last_broadcast_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX alert_groups_service ON alert_groups (service);
CREATE INDEX alert_groups_resolving ON alert_groups (resolving_since) WHERE resolving_since IS NOT NULL;
`,
} as const;
