/**
 * Migration 8: outbox claims and retention.
 * - `claimed_by` / `claimed_until`: a dispatcher claims a row (with a lease) in the same write that hands it
 *   out, so two dispatchers on one database never send the same row.
 * - The append-only audit trail may be pruned by the retention job and scrubbed by a GDPR erasure, and by
 *   nothing else: those two write a row into `audit_maintenance` inside their own transaction, and the
 *   triggers only let a change through while that row exists (no other transaction can see it).
 * - `storage_probe`: the write the store tries, after a disk-full failure, to learn that space is back.
 */
export const migration008 = {
  version: 8,
  name: 'outbox claims, audit maintenance for retention and erasure',
  sql: `
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN claimed_until TEXT;
CREATE TABLE audit_maintenance (id INTEGER PRIMARY KEY CHECK (id = 1), reason TEXT NOT NULL);
DROP TRIGGER ticket_events_no_update;
DROP TRIGGER ticket_events_no_delete;
CREATE TRIGGER ticket_events_no_update BEFORE UPDATE ON ticket_events
  WHEN NOT EXISTS (SELECT 1 FROM audit_maintenance)
  BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only'); END;
CREATE TRIGGER ticket_events_no_delete BEFORE DELETE ON ticket_events
  WHEN NOT EXISTS (SELECT 1 FROM audit_maintenance)
  BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only'); END;
CREATE TABLE storage_probe (data BLOB);
CREATE INDEX messages_created ON messages (created_at);
CREATE INDEX ticket_events_at ON ticket_events (at);
CREATE INDEX outbox_done ON outbox (created_at) WHERE status != 'pending';
`,
} as const;
