import type { Category } from '../../types/ticket';
import type { IncidentStore, MajorIncident, NewMajorIncident, TicketLink } from '../incident-store';
import { toMajorIncident, toTicket } from '../rows';
import { formatNumber } from '../turn-parts';
import type { PgDatabase, PgQueries } from './pg-database';

/** IncidentStore on PostgreSQL: creating and linking lock the tickets' rows, so two instances never open twin incidents. */
export class PgIncidentStore implements IncidentStore {
  constructor(private readonly db: PgDatabase) {}

  async recentOpenIncidents(category: Category, since: string) {
    return (await this.db.rows(
      `SELECT * FROM tickets WHERE category = $1 AND created_at >= $2 AND type = 'incident'
       AND status NOT IN ('resolved', 'closed') ORDER BY created_at, id`, [category, since])).map(toTicket);
  }

  async countRecentUnlinked(category: Category, since: string, until: string) {
    const row = await this.db.one(
      `SELECT count(*) AS n FROM tickets WHERE category = $1 AND created_at >= $2 AND created_at <= $3 AND type = 'incident'
       AND status NOT IN ('resolved', 'closed') AND major_incident_id IS NULL`, [category, since, until]);
    return Number(row!.n);
  }

  async openMajorIncidents(category?: Category) {
    const rows = category
      ? await this.db.rows("SELECT * FROM major_incidents WHERE status = 'open' AND category = $1 ORDER BY id", [category])
      : await this.db.rows("SELECT * FROM major_incidents WHERE status = 'open' ORDER BY id");
    return rows.map(toMajorIncident);
  }

  async listMajorIncidents(limit: number) {
    const rows = await this.db.rows(
      `SELECT m.*, (SELECT count(*) FROM tickets t WHERE t.major_incident_id = m.id) AS tickets
       FROM major_incidents m ORDER BY m.id DESC LIMIT $1`, [limit]);
    return rows.map((r) => ({ ...toMajorIncident(r), tickets: Number(r.tickets) }));
  }

  async getMajorIncident(number: string) {
    const row = await this.db.one('SELECT * FROM major_incidents WHERE number = $1', [number.toUpperCase()]);
    return row ? toMajorIncident(row) : null;
  }

  async getMajorIncidentById(id: number) {
    const row = await this.db.one('SELECT * FROM major_incidents WHERE id = $1', [id]);
    return row ? toMajorIncident(row) : null;
  }

  async linkedTickets(majorIncidentId: number) {
    return (await this.db.rows('SELECT * FROM tickets WHERE major_incident_id = $1 ORDER BY id', [majorIncidentId])).map(toTicket);
  }

  async createMajorIncident(input: NewMajorIncident, links: TicketLink[]) {
    return this.db.transaction(async (tx) => {
      // Lock the tickets (in id order, as every linker does): a creator on another instance waits here, then
      // sees the tickets linked and joins that incident instead of opening a twin.
      const taken = await lockTickets(tx, links);
      if (taken !== null) {
        const incident = toMajorIncident((await tx.one('SELECT * FROM major_incidents WHERE id = $1', [taken]))!);
        return { incident, linked: await link(tx, taken, links, input.now) };
      }
      // Numbers come from the counters table like ticket numbers: no gaps, no duplicates.
      const counter = await tx.one("INSERT INTO counters (name, value) VALUES ('MI', 1) ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value");
      const row = await tx.one(
        'INSERT INTO major_incidents (number, category, title, source, keywords, owner, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id',
        [formatNumber('MI', counter!.value), input.category, input.title.slice(0, 300), input.source ?? 'reports', input.keywords?.slice(0, 1000) ?? null, input.owner ?? null, input.now],
      );
      const id = Number(row!.id);
      const linked = await link(tx, id, links, input.now);
      return { incident: toMajorIncident((await tx.one('SELECT * FROM major_incidents WHERE id = $1', [id]))!), linked };
    });
  }

  async linkTickets(majorIncidentId: number, links: TicketLink[], now: string) {
    return this.db.transaction(async (tx) => {
      await lockTickets(tx, links);
      return link(tx, majorIncidentId, links, now);
    });
  }

  async markResolved(majorIncidentId: number, resolution: string, now: string) {
    await this.db.run("UPDATE major_incidents SET status = 'resolved', resolution = $1, resolved_at = $2, updated_at = $2 WHERE id = $3 AND status = 'open'",
      [resolution, now, majorIncidentId]);
    return this.reread(majorIncidentId);
  }

  async proposeResolution(majorIncidentId: number, resolution: string, now: string) {
    await this.db.run("UPDATE major_incidents SET proposed_resolution = $1, proposed_at = $2, updated_at = $2 WHERE id = $3 AND status = 'open' AND proposed_at IS NULL",
      [resolution, now, majorIncidentId]);
    return this.reread(majorIncidentId);
  }

  private async reread(majorIncidentId: number): Promise<MajorIncident> {
    const row = await this.db.one('SELECT * FROM major_incidents WHERE id = $1', [majorIncidentId]);
    if (!row) throw new Error(`no major incident with id ${majorIncidentId}`);
    return toMajorIncident(row);
  }
}

/** Lock the linked tickets' rows; returns the incident one of them already belongs to (the lowest id), if any. */
async function lockTickets(tx: PgQueries, links: TicketLink[]): Promise<number | null> {
  const rows = await tx.rows('SELECT id, major_incident_id FROM tickets WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE', [links.map((l) => l.ticketId)]);
  const taken = rows.map((r) => r.major_incident_id).filter((id) => id !== null).map(Number).sort((a, b) => a - b);
  return taken[0] ?? null;
}

async function link(tx: PgQueries, majorIncidentId: number, links: TicketLink[], now: string): Promise<number[]> {
  const linked: number[] = [];
  for (const l of links) {
    const changed = await tx.run(
      `UPDATE tickets SET major_incident_id = $1, priority = coalesce($2, priority),
         response_due_at = coalesce($3, response_due_at), resolve_due_at = coalesce($4, resolve_due_at), updated_at = $5
       WHERE id = $6 AND major_incident_id IS NULL`,
      [majorIncidentId, l.priority ?? null, l.responseDueAt ?? null, l.resolveDueAt ?? null, now, l.ticketId],
    );
    if (changed === 1) linked.push(l.ticketId);
  }
  return linked;
}
