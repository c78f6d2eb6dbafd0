import type Database from 'better-sqlite3';
import type { Category } from '../types/ticket';
import type { IncidentStore, NewMajorIncident, TicketLink } from './incident-store';
import { toTicket, toMajorIncident, type Row } from './rows';
import { SqliteStore } from './sqlite-store';
import type { Store } from './store';
import { statementCache } from './statement-cache';


/** IncidentStore on the SQLite database of a SqliteStore (tables of migration 3). */
export class SqliteIncidentStore implements IncidentStore {
  private readonly stmt: (sql: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.stmt = statementCache(db);
  }

  async recentOpenIncidents(category: Category, since: string, limit = -1) {
    const rows = this.stmt(
      `SELECT * FROM (SELECT * FROM tickets WHERE category = ? AND created_at >= ? AND type = 'incident'
       AND status NOT IN ('resolved', 'closed') ORDER BY created_at DESC, id DESC LIMIT ?) ORDER BY created_at, id`,
    )
      .all(category, since, limit) as Row[];
    return rows.map(toTicket);
  }

  async countRecentUnlinked(category: Category, since: string, until: string) {
    const row = this.stmt(
      `SELECT count(*) AS n FROM tickets WHERE category = ? AND created_at >= ? AND created_at <= ? AND type = 'incident'
       AND status NOT IN ('resolved', 'closed') AND major_incident_id IS NULL`,
    )
      .get(category, since, until) as Row;
    return Number(row.n);
  }

  async openMajorIncidents(category?: Category) {
    const rows = category
      ? this.stmt("SELECT * FROM major_incidents WHERE status = 'open' AND category = ? ORDER BY id").all(category)
      : this.stmt("SELECT * FROM major_incidents WHERE status = 'open' ORDER BY id").all();
    return (rows as Row[]).map(toMajorIncident);
  }

  async listMajorIncidents(limit: number) {
    const rows = this.stmt(
      `SELECT m.*, (SELECT count(*) FROM tickets t WHERE t.major_incident_id = m.id) AS tickets
       FROM major_incidents m ORDER BY m.id DESC LIMIT ?`,
    )
      .all(limit) as Row[];
    return rows.map((r) => ({ ...toMajorIncident(r), tickets: Number(r.tickets) }));
  }

  async getMajorIncident(number: string) {
    const row = this.stmt('SELECT * FROM major_incidents WHERE number = ?').get(number.toUpperCase()) as Row | undefined;
    return row ? toMajorIncident(row) : null;
  }

  async getMajorIncidentById(id: number) {
    const row = this.stmt('SELECT * FROM major_incidents WHERE id = ?').get(id) as Row | undefined;
    return row ? toMajorIncident(row) : null;
  }

  async linkedTickets(majorIncidentId: number) {
    return (this.stmt('SELECT * FROM tickets WHERE major_incident_id = ? ORDER BY id').all(majorIncidentId) as Row[]).map(toTicket);
  }

  async createMajorIncident(input: NewMajorIncident, links: TicketLink[]) {
    return this.db.transaction(() => {
      // Another process may have linked some of these tickets meanwhile: join its incident, never open a twin.
      const ids = links.map((l) => l.ticketId);
      const taken = this.db
        .prepare(`SELECT major_incident_id FROM tickets WHERE id IN (${ids.map(() => '?').join(', ') || 'NULL'}) AND major_incident_id IS NOT NULL ORDER BY major_incident_id LIMIT 1`)
        .get(...ids) as Row | undefined;
      if (taken) {
        const id = Number(taken.major_incident_id);
        return { incident: toMajorIncident(this.stmt('SELECT * FROM major_incidents WHERE id = ?').get(id) as Row), linked: this.link(id, links, input.now) };
      }
      // Numbers come from the counters table like ticket numbers: no gaps, no duplicates.
      const counter = this.stmt("INSERT INTO counters (name, value) VALUES ('MI', 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value")
        .get() as Row;
      const number = `MI-${String(counter.value).padStart(6, '0')}`;
      const info = this.stmt('INSERT INTO major_incidents (number, category, title, source, keywords, owner, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(number, input.category, input.title.slice(0, 300), input.source ?? 'reports', input.keywords?.slice(0, 1000) ?? null, input.owner ?? null, input.now, input.now);
      const id = Number(info.lastInsertRowid);
      const linked = this.link(id, links, input.now);
      return { incident: toMajorIncident(this.stmt('SELECT * FROM major_incidents WHERE id = ?').get(id) as Row), linked };
    }).immediate();
  }

  async linkTickets(majorIncidentId: number, links: TicketLink[], now: string) {
    return this.db.transaction(() => this.link(majorIncidentId, links, now)).immediate();
  }

  private link(majorIncidentId: number, links: TicketLink[], now: string): number[] {
    const update = this.stmt(
      `UPDATE tickets SET major_incident_id = ?, priority = coalesce(?, priority),
         response_due_at = coalesce(?, response_due_at), resolve_due_at = coalesce(?, resolve_due_at), updated_at = ?
       WHERE id = ? AND major_incident_id IS NULL`,
    );
    return links
      .filter((l) => update.run(majorIncidentId, l.priority ?? null, l.responseDueAt ?? null, l.resolveDueAt ?? null, now, l.ticketId).changes === 1)
      .map((l) => l.ticketId);
  }

  async markResolved(majorIncidentId: number, resolution: string, now: string) {
    this.stmt("UPDATE major_incidents SET status = 'resolved', resolution = ?, resolved_at = ?, updated_at = ? WHERE id = ? AND status = 'open'")
      .run(resolution, now, now, majorIncidentId);
    const row = this.stmt('SELECT * FROM major_incidents WHERE id = ?').get(majorIncidentId) as Row | undefined;
    if (!row) throw new Error(`no major incident with id ${majorIncidentId}`);
    return toMajorIncident(row);
  }

  async proposeResolution(majorIncidentId: number, resolution: string, now: string) {
    this.stmt("UPDATE major_incidents SET proposed_resolution = ?, proposed_at = ?, updated_at = ? WHERE id = ? AND status = 'open' AND proposed_at IS NULL")
      .run(resolution, now, now, majorIncidentId);
    const row = this.stmt('SELECT * FROM major_incidents WHERE id = ?').get(majorIncidentId) as Row | undefined;
    if (!row) throw new Error(`no major incident with id ${majorIncidentId}`);
    return toMajorIncident(row);
  }
}

/** The IncidentStore sharing a Store's database; only the SQLite store is supported so far. */
export function sqliteIncidentStore(store: Store): SqliteIncidentStore {
  if (!(store instanceof SqliteStore)) throw new Error('major incidents need the SQLite store: set DATABASE_PATH to a SQLite file');
  return new SqliteIncidentStore(store.db);
}
