import type Database from 'better-sqlite3';
import type { Row } from '../store/rows';
import { statementCache } from '../store/statement-cache';

/** One alert group as remembered between notifications (table of migration 12). */
export type AlertGroup = {
  groupKey: string;
  source: string;
  rule: string;
  service: string;
  status: 'firing' | 'resolved';
  majorIncidentId: number | null;
  broadcastId: number | null;
  /** Fingerprints of the alerts firing at the last notification, sorted. */
  firing: string[];
  resolvingSince: string | null;
  lastBroadcastAt: string | null;
  updatedAt: string;
};

/** An alert_groups row as an AlertGroup (both databases). */
export const toGroup = (r: Row): AlertGroup => ({
  groupKey: String(r.group_key),
  source: String(r.source),
  rule: String(r.rule),
  service: String(r.service),
  status: r.status as AlertGroup['status'],
  majorIncidentId: r.major_incident_id === null ? null : Number(r.major_incident_id),
  broadcastId: r.broadcast_id === null ? null : Number(r.broadcast_id),
  firing: JSON.parse(String(r.firing_json)) as string[],
  resolvingSince: r.resolving_since === null ? null : String(r.resolving_since),
  lastBroadcastAt: r.last_broadcast_at === null ? null : String(r.last_broadcast_at),
  updatedAt: String(r.updated_at),
});

/** Alert groups, on SQLite or PostgreSQL (CoreStores.alertGroups). Keys are prefixed with their source, so two tools never share a group. */
export interface AlertGroupStore {
  get(groupKey: string): Promise<AlertGroup | null>;
  /** Insert or replace what is known of a group. */
  save(group: Omit<AlertGroup, 'updatedAt'>, now: string): Promise<void>;
  /** Another group of the same service whose incident is still open (Grafana and Alertmanager about one outage share it). */
  openGroupOfService(service: string, exceptKey: string): Promise<AlertGroup | null>;
  /**
   * An open incident an alert of this service opened that no group records: the process died between opening
   * it and saving its group. The retry adopts it instead of opening a twin.
   */
  orphanIncidentOf(service: string): Promise<number | null>;
  /** When people were last told about this service by broadcast (any group). */
  lastBroadcastAt(service: string): Promise<string | null>;
  /** Whether any group of this incident is firing. */
  incidentFiring(majorIncidentId: number): Promise<boolean>;
  /** Groups quiet since at or before `before` whose resolution is still pending, oldest first. */
  dueResolutions(before: string): Promise<AlertGroup[]>;
  /** Groups whose broadcast is still active although their incident is resolved: their follow-up is due. */
  activeBroadcastsOfResolvedIncidents(): Promise<AlertGroup[]>;
  /**
   * Run `fn` while no other instance runs alert handling on this database: notifications about one group may
   * reach two instances at once (a retry behind a load balancer), and must still open one incident.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
}

/** Alert groups on the Frontdesk SQLite database (table of migration 12). */
export class SqliteAlertGroupStore implements AlertGroupStore {
  private readonly stmt: (sql: string) => Database.Statement;

  constructor(db: Database.Database) {
    this.stmt = statementCache(db);
  }

  async get(groupKey: string): Promise<AlertGroup | null> {
    const row = this.stmt('SELECT * FROM alert_groups WHERE group_key = ?').get(groupKey) as Row | undefined;
    return row ? toGroup(row) : null;
  }

  async save(group: Omit<AlertGroup, 'updatedAt'>, now: string): Promise<void> {
    this.stmt(
      `INSERT INTO alert_groups (group_key, source, rule, service, status, major_incident_id, broadcast_id, firing_json, resolving_since, last_broadcast_at, created_at, updated_at)
       VALUES (@groupKey, @source, @rule, @service, @status, @majorIncidentId, @broadcastId, @firing, @resolvingSince, @lastBroadcastAt, @now, @now)
       ON CONFLICT (group_key) DO UPDATE SET rule = excluded.rule, service = excluded.service, status = excluded.status,
         major_incident_id = excluded.major_incident_id, broadcast_id = excluded.broadcast_id, firing_json = excluded.firing_json,
         resolving_since = excluded.resolving_since, last_broadcast_at = excluded.last_broadcast_at, updated_at = excluded.updated_at`,
    ).run({ ...group, firing: JSON.stringify(group.firing), now });
  }

  async openGroupOfService(service: string, exceptKey: string): Promise<AlertGroup | null> {
    const row = this.stmt(
      `SELECT g.* FROM alert_groups g JOIN major_incidents m ON m.id = g.major_incident_id
       WHERE g.service = ? AND g.group_key <> ? AND m.status = 'open' ORDER BY g.updated_at DESC LIMIT 1`,
    ).get(service, exceptKey) as Row | undefined;
    return row ? toGroup(row) : null;
  }

  async orphanIncidentOf(service: string): Promise<number | null> {
    const row = this.stmt(
      `SELECT m.id FROM major_incidents m WHERE m.status = 'open' AND m.source = 'alert' AND substr(m.title, 1, length(?) + 1) = ? || ':'
       AND NOT EXISTS (SELECT 1 FROM alert_groups g WHERE g.major_incident_id = m.id) ORDER BY m.id DESC LIMIT 1`,
    ).get(service, service) as Row | undefined;
    return row ? Number(row.id) : null;
  }

  async lastBroadcastAt(service: string): Promise<string | null> {
    const row = this.stmt('SELECT max(last_broadcast_at) AS at FROM alert_groups WHERE service = ?').get(service) as Row;
    return row.at === null ? null : String(row.at);
  }

  async incidentFiring(majorIncidentId: number): Promise<boolean> {
    return Boolean(this.stmt("SELECT 1 FROM alert_groups WHERE major_incident_id = ? AND status = 'firing' LIMIT 1").get(majorIncidentId));
  }

  async dueResolutions(before: string): Promise<AlertGroup[]> {
    return (this.stmt('SELECT * FROM alert_groups WHERE resolving_since IS NOT NULL AND resolving_since <= ? ORDER BY resolving_since').all(before) as Row[]).map(toGroup);
  }

  async activeBroadcastsOfResolvedIncidents(): Promise<AlertGroup[]> {
    return (this.stmt(
      `SELECT g.* FROM alert_groups g JOIN major_incidents m ON m.id = g.major_incident_id JOIN broadcasts b ON b.id = g.broadcast_id
       WHERE m.status = 'resolved' AND b.status = 'active'`,
    ).all() as Row[]).map(toGroup);
  }

  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    // One server per SQLite file (the database lock): the intake's own queue already runs one at a time.
    return fn();
  }
}
