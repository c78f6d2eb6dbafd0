import { toTicket, toTimer } from '../rows';
import type { RunningTicket, SlaPauseRow, SlaStore, SlaTimer, SlaTimerKind, SlaTimerUpdate } from '../sla-store';
import type { PgDatabase } from './pg-database';
import type { Ticket } from '../../types/ticket';

const COLUMNS: Record<keyof SlaTimerUpdate, string> = {
  dueAt: 'due_at', warnAt: 'warn_at', basis: 'basis', warnedAt: 'warned_at', breachedAt: 'breached_at', metAt: 'met_at', seenChanges: 'seen_changes',
};

/** The tickets with a timer to look at (SlaStore.ticketsToCheck); each arm matches a partial index of migration 16. */
const TICKETS_TO_CHECK_SQL = `SELECT t.* FROM tickets t WHERE t.id IN (
  SELECT ticket_id FROM sla_timers WHERE breached_at IS NULL AND ticket_changes <> seen_changes AND ticket_id > $2
  UNION SELECT ticket_id FROM sla_timers WHERE breached_at IS NULL AND met_at IS NULL AND due_at <= $1 AND ticket_id > $2
  UNION SELECT ticket_id FROM sla_timers WHERE breached_at IS NULL AND met_at IS NULL AND warned_at IS NULL AND warn_at <= $1 AND ticket_id > $2
) ORDER BY t.id LIMIT $3`;

/** SlaStore on PostgreSQL; monitors on several instances may tick at once, so every write is idempotent. */
export class PgSlaStore implements SlaStore {
  constructor(private readonly db: PgDatabase) {}

  async ensureTimers(now: string): Promise<number> {
    // ON CONFLICT: another instance may create the same timers between our check and our insert.
    return this.db.run(
      `INSERT INTO sla_timers (ticket_id, kind, created_at, updated_at)
       SELECT t.id, k.kind, $1, $1 FROM tickets t CROSS JOIN (VALUES ('response'), ('resolve')) AS k(kind)
       WHERE t.status <> 'closed' AND NOT EXISTS (SELECT 1 FROM sla_timers s WHERE s.ticket_id = t.id AND s.kind = k.kind)
       ON CONFLICT DO NOTHING`,
      [now],
    );
  }

  async runningTickets(limit: number, afterId = 0): Promise<RunningTicket[]> {
    const tickets = (await this.db.rows(
      `SELECT t.* FROM tickets t WHERE t.id > $2 AND t.status <> 'closed' AND EXISTS (
         SELECT 1 FROM sla_timers s WHERE s.ticket_id = t.id AND s.breached_at IS NULL
           AND NOT (s.kind = 'response' AND t.first_response_at IS NOT NULL))
       ORDER BY t.id LIMIT $1`, [limit, afterId])).map(toTicket);
    return this.withTimers(tickets);
  }

  async ticketsToCheck(now: string, limit: number, afterId = 0): Promise<RunningTicket[]> {
    return this.withTimers((await this.db.rows(TICKETS_TO_CHECK_SQL, [now, afterId, limit])).map(toTicket));
  }

  private async withTimers(tickets: Ticket[]): Promise<RunningTicket[]> {
    if (!tickets.length) return [];
    const byTicket = new Map<number, SlaTimer[]>();
    const rows = await this.db.rows('SELECT * FROM sla_timers WHERE ticket_id = ANY($1::bigint[]) ORDER BY ticket_id, kind', [tickets.map((t) => t.id)]);
    for (const timer of rows.map(toTimer)) byTicket.set(timer.ticketId, [...(byTicket.get(timer.ticketId) ?? []), timer]);
    return tickets.map((ticket) => ({ ticket, timers: byTicket.get(ticket.id) ?? [] }));
  }

  async pauses(ticketIds: number[]): Promise<Map<number, SlaPauseRow[]>> {
    const out = new Map<number, SlaPauseRow[]>();
    const rows = await this.db.rows('SELECT * FROM sla_pauses WHERE ticket_id = ANY($1::bigint[]) ORDER BY id', [ticketIds]);
    for (const r of rows) {
      const pause: SlaPauseRow = { id: Number(r.id), ticketId: Number(r.ticket_id), from: String(r.from_at), to: r.to_at === null ? null : String(r.to_at) };
      out.set(pause.ticketId, [...(out.get(pause.ticketId) ?? []), pause]);
    }
    return out;
  }

  async openPause(ticketId: number, from: string): Promise<void> {
    // The partial unique index on open pauses makes a second monitor's insert a no-op.
    await this.db.run('INSERT INTO sla_pauses (ticket_id, from_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [ticketId, from]);
  }

  async closePause(ticketId: number, to: string): Promise<void> {
    await this.db.run('UPDATE sla_pauses SET to_at = greatest(from_at, $1) WHERE ticket_id = $2 AND to_at IS NULL', [to, ticketId]);
  }

  async updateTimer(ticketId: number, kind: SlaTimerKind, update: SlaTimerUpdate, now: string): Promise<void> {
    const entries = Object.entries(update).filter(([key]) => key in COLUMNS) as [keyof SlaTimerUpdate, unknown][];
    const sets = [...entries.map(([key]) => COLUMNS[key]), 'updated_at'].map((column, i) => `${column} = $${i + 1}`);
    await this.db.run(`UPDATE sla_timers SET ${sets.join(', ')} WHERE ticket_id = $${sets.length + 1} AND kind = $${sets.length + 2}`,
      [...entries.map(([, v]) => v ?? null), now, ticketId, kind]);
  }

  async timers(ticketId: number): Promise<SlaTimer[]> {
    return (await this.db.rows('SELECT * FROM sla_timers WHERE ticket_id = $1 ORDER BY kind', [ticketId])).map(toTimer);
  }
}
