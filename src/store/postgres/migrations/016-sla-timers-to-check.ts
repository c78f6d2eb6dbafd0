/** PostgreSQL migration 16: what SQLite migration 28 adds, the SLA timers a tick needs to look at (changed, due, warning time come). */
export const pgMigration016 = {
  version: 16,
  name: 'sla timers to check',
  sql: `
ALTER TABLE sla_timers ADD COLUMN ticket_changes integer NOT NULL DEFAULT 1;
ALTER TABLE sla_timers ADD COLUMN seen_changes integer NOT NULL DEFAULT 0;
UPDATE sla_timers SET due_at = NULL, warn_at = NULL, seen_changes = ticket_changes WHERE ticket_id IN (SELECT id FROM tickets WHERE status = 'closed');
CREATE FUNCTION sla_inputs_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE sla_timers SET ticket_changes = ticket_changes + 1 WHERE ticket_id = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER tickets_sla_inputs_changed AFTER UPDATE OF status, priority, created_at, response_due_at, resolve_due_at, first_response_at, resolved_at ON tickets
  FOR EACH ROW WHEN (NEW.status IS DISTINCT FROM OLD.status OR NEW.priority IS DISTINCT FROM OLD.priority OR NEW.created_at IS DISTINCT FROM OLD.created_at
    OR NEW.response_due_at IS DISTINCT FROM OLD.response_due_at OR NEW.resolve_due_at IS DISTINCT FROM OLD.resolve_due_at
    OR NEW.first_response_at IS DISTINCT FROM OLD.first_response_at OR NEW.resolved_at IS DISTINCT FROM OLD.resolved_at)
  EXECUTE FUNCTION sla_inputs_changed();
CREATE INDEX sla_timers_changed ON sla_timers (ticket_id) WHERE breached_at IS NULL AND ticket_changes <> seen_changes;
CREATE INDEX sla_timers_due ON sla_timers (due_at) WHERE breached_at IS NULL AND met_at IS NULL;
CREATE INDEX sla_timers_warn ON sla_timers (warn_at) WHERE breached_at IS NULL AND met_at IS NULL AND warned_at IS NULL;
`,
} as const;
