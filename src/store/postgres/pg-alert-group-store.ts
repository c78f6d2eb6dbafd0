import { toGroup, type AlertGroup, type AlertGroupStore } from '../../alerts/alert-group-store';
import type { PgDatabase } from './pg-database';

// Any fixed number, apart from the migration lock's: alert handling takes it for one notification or tick.
const ALERT_LOCK = 7_202_223;

/** Alert groups on PostgreSQL; alert handling is serialized across instances by one advisory lock. */
export class PgAlertGroupStore implements AlertGroupStore {
  constructor(private readonly db: PgDatabase) {}

  async get(groupKey: string): Promise<AlertGroup | null> {
    const row = await this.db.one('SELECT * FROM alert_groups WHERE group_key = $1', [groupKey]);
    return row ? toGroup(row) : null;
  }

  async save(group: Omit<AlertGroup, 'updatedAt'>, now: string): Promise<void> {
    await this.db.run(
      `INSERT INTO alert_groups (group_key, source, rule, service, status, major_incident_id, broadcast_id, firing_json, resolving_since, last_broadcast_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
       ON CONFLICT (group_key) DO UPDATE SET rule = excluded.rule, service = excluded.service, status = excluded.status,
         major_incident_id = excluded.major_incident_id, broadcast_id = excluded.broadcast_id, firing_json = excluded.firing_json,
         resolving_since = excluded.resolving_since, last_broadcast_at = excluded.last_broadcast_at, updated_at = excluded.updated_at`,
      [group.groupKey, group.source, group.rule, group.service, group.status, group.majorIncidentId, group.broadcastId, JSON.stringify(group.firing),
        group.resolvingSince, group.lastBroadcastAt, now],
    );
  }

  async openGroupOfService(service: string, exceptKey: string): Promise<AlertGroup | null> {
    const row = await this.db.one(
      `SELECT g.* FROM alert_groups g JOIN major_incidents m ON m.id = g.major_incident_id
       WHERE g.service = $1 AND g.group_key <> $2 AND m.status = 'open' ORDER BY g.updated_at DESC LIMIT 1`, [service, exceptKey]);
    return row ? toGroup(row) : null;
  }

  async orphanIncidentOf(service: string): Promise<number | null> {
    const row = await this.db.one(
      `SELECT m.id FROM major_incidents m WHERE m.status = 'open' AND m.source = 'alert' AND left(m.title, length($1::text) + 1) = $1::text || ':'
       AND NOT EXISTS (SELECT 1 FROM alert_groups g WHERE g.major_incident_id = m.id) ORDER BY m.id DESC LIMIT 1`, [service]);
    return row ? Number(row.id) : null;
  }

  async lastBroadcastAt(service: string): Promise<string | null> {
    const row = await this.db.one('SELECT max(last_broadcast_at) AS at FROM alert_groups WHERE service = $1', [service]);
    return row?.at === null || row?.at === undefined ? null : String(row.at);
  }

  async incidentFiring(majorIncidentId: number): Promise<boolean> {
    return (await this.db.one("SELECT 1 FROM alert_groups WHERE major_incident_id = $1 AND status = 'firing' LIMIT 1", [majorIncidentId])) !== undefined;
  }

  async dueResolutions(before: string): Promise<AlertGroup[]> {
    return (await this.db.rows('SELECT * FROM alert_groups WHERE resolving_since IS NOT NULL AND resolving_since <= $1 ORDER BY resolving_since', [before])).map(toGroup);
  }

  async activeBroadcastsOfResolvedIncidents(): Promise<AlertGroup[]> {
    return (await this.db.rows(
      `SELECT g.* FROM alert_groups g JOIN major_incidents m ON m.id = g.major_incident_id JOIN broadcasts b ON b.id = g.broadcast_id
       WHERE m.status = 'resolved' AND b.status = 'active' ORDER BY g.group_key`)).map(toGroup);
  }

  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    // A session lock on one pooled connection held while `fn` runs its own queries on others: fn spans several
    // stores and transactions, so a transaction lock cannot cover it. A lost connection drops the lock with it.
    const client = await this.db.pool.connect();
    let broken = false;
    try {
      await client.query('SELECT pg_advisory_lock($1)', [ALERT_LOCK]);
      try {
        return await fn();
      } finally {
        // A connection that cannot unlock is destroyed, which releases the lock with it.
        await client.query('SELECT pg_advisory_unlock($1)', [ALERT_LOCK]).catch(() => {
          broken = true;
        });
      }
    } finally {
      client.release(broken);
    }
  }
}
