import type Database from 'better-sqlite3';
import { SqliteStore } from './sqlite-store';
import type { Store } from './store';
import type { Ticket } from '../types/ticket';
import { toTicket, toTimer, type Row } from './rows';
import type { RunningTicket, SlaPauseRow, SlaStore, SlaTimer, SlaTimerKind, SlaTimerUpdate } from './sla-store';
import { statementCache } from './statement-cache';


const COLUMNS: Record<keyof SlaTimerUpdate, string> = {
  dueAt: 'due_at', warnAt: 'warn_at', basis: 'basis', warnedAt: 'warned_at', breachedAt: 'breached_at', metAt: 'met_at', seenChanges: 'seen_changes',
};

/**
 * The tickets with a timer to look at (SlaStore.ticketsToCheck). Each arm walks its partial index of migration 28
 * (named: without statistics SQLite would rather walk sla_timers_running in ticket order, every running timer).
 */
export const TICKETS_TO_CHECK_SQL = `SELECT t.* FROM tickets t WHERE t.id IN (
  SELECT ticket_id FROM sla_timers INDEXED BY sla_timers_changed WHERE breached_at IS NULL AND ticket_changes <> seen_changes AND ticket_id > @after
  UNION SELECT ticket_id FROM sla_timers INDEXED BY sla_timers_due WHERE breached_at IS NULL AND met_at IS NULL AND due_at <= @now AND ticket_id > @after
  UNION SELECT ticket_id FROM sla_timers INDEXED BY sla_timers_warn
    WHERE breached_at IS NULL AND met_at IS NULL AND warned_at IS NULL AND warn_at <= @now AND ticket_id > @after
) ORDER BY t.id LIMIT @limit`;

// SQLite allows 32766 bound parameters; batches stay far below that.
const BATCH = 500;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}

/** SlaStore on the SQLite database of a SqliteStore (tables of migration 3). */
export class SqliteSlaStore implements SlaStore {
  private readonly stmt: (sql: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.stmt = statementCache(db);
  }

  async ensureTimers(now: string): Promise<number> {
    const info = this.stmt(
      `INSERT INTO sla_timers (ticket_id, kind, created_at, updated_at)
       SELECT t.id, k.kind, ?, ? FROM tickets t CROSS JOIN (SELECT 'response' AS kind UNION ALL SELECT 'resolve') k
       WHERE t.status <> 'closed' AND NOT EXISTS (SELECT 1 FROM sla_timers s WHERE s.ticket_id = t.id AND s.kind = k.kind)`,
    )
      .run(now, now);
    return info.changes;
  }

  async runningTickets(limit: number, afterId = 0): Promise<RunningTicket[]> {
    const tickets = (this.stmt(
      `SELECT t.* FROM tickets t WHERE t.id > ? AND t.status <> 'closed' AND EXISTS (
         SELECT 1 FROM sla_timers s WHERE s.ticket_id = t.id AND s.breached_at IS NULL
           AND NOT (s.kind = 'response' AND t.first_response_at IS NOT NULL))
       ORDER BY t.id LIMIT ?`,
    )
      .all(afterId, limit) as Row[]).map(toTicket);
    return this.withTimers(tickets);
  }

  async ticketsToCheck(now: string, limit: number, afterId = 0): Promise<RunningTicket[]> {
    const rows = this.stmt(TICKETS_TO_CHECK_SQL).all({ now, after: afterId, limit }) as Row[];
    return this.withTimers(rows.map(toTicket));
  }

  private withTimers(tickets: Ticket[]): RunningTicket[] {
    const byTicket = new Map<number, SlaTimer[]>();
    for (const ids of chunks(tickets.map((t) => t.id))) {
      const rows = this.db.prepare(`SELECT * FROM sla_timers WHERE ticket_id IN (${ids.map(() => '?').join(', ')}) ORDER BY kind`).all(...ids) as Row[];
      for (const timer of rows.map(toTimer)) byTicket.set(timer.ticketId, [...(byTicket.get(timer.ticketId) ?? []), timer]);
    }
    return tickets.map((ticket) => ({ ticket, timers: byTicket.get(ticket.id) ?? [] }));
  }

  async pauses(ticketIds: number[]): Promise<Map<number, SlaPauseRow[]>> {
    const out = new Map<number, SlaPauseRow[]>();
    for (const ids of chunks(ticketIds)) {
      const rows = this.db.prepare(`SELECT * FROM sla_pauses WHERE ticket_id IN (${ids.map(() => '?').join(', ')}) ORDER BY id`).all(...ids) as Row[];
      for (const r of rows) {
        const pause: SlaPauseRow = { id: Number(r.id), ticketId: Number(r.ticket_id), from: String(r.from_at), to: r.to_at === null ? null : String(r.to_at) };
        out.set(pause.ticketId, [...(out.get(pause.ticketId) ?? []), pause]);
      }
    }
    return out;
  }

  async openPause(ticketId: number, from: string): Promise<void> {
    // The partial unique index on open pauses makes a second monitor's insert a no-op.
    this.stmt('INSERT INTO sla_pauses (ticket_id, from_at) VALUES (?, ?) ON CONFLICT DO NOTHING').run(ticketId, from);
  }

  async closePause(ticketId: number, to: string): Promise<void> {
    this.stmt('UPDATE sla_pauses SET to_at = max(from_at, ?) WHERE ticket_id = ? AND to_at IS NULL').run(to, ticketId);
  }

  async updateTimer(ticketId: number, kind: SlaTimerKind, update: SlaTimerUpdate, now: string): Promise<void> {
    const entries = Object.entries(update).filter(([key]) => key in COLUMNS) as [keyof SlaTimerUpdate, unknown][];
    const sets = entries.map(([key]) => `${COLUMNS[key]} = ?`).concat('updated_at = ?');
    this.stmt(`UPDATE sla_timers SET ${sets.join(', ')} WHERE ticket_id = ? AND kind = ?`)
      .run(...entries.map(([, v]) => v ?? null), now, ticketId, kind);
  }

  async timers(ticketId: number): Promise<SlaTimer[]> {
    return (this.stmt('SELECT * FROM sla_timers WHERE ticket_id = ? ORDER BY kind').all(ticketId) as Row[]).map(toTimer);
  }
}

/** The SlaStore sharing a Store's database; only the SQLite store is supported so far. */
export function sqliteSlaStore(store: Store): SqliteSlaStore {
  if (!(store instanceof SqliteStore)) throw new Error('SLA timers need the SQLite store: set DATABASE_PATH to a SQLite file');
  return new SqliteSlaStore(store.db);
}
