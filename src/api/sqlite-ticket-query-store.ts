import type Database from 'better-sqlite3';
import { toTicket, type Row } from '../store/rows';
import { prepared } from '../store/statement-cache';
import type { Requester, TicketFilters, TicketQueryStore, TicketWithIncident } from './ticket-query-store';
import { TICKET_SELECT } from './ticket-view';

const CONDITIONS: Record<keyof TicketFilters, string> = {
  status: 't.status = ?', priority: 't.priority = ?', category: 't.category = ?', group: 't.group_name = ?', assignee: 't.agent_id = ?',
  updatedSince: 't.updated_at >= ?', beforeId: 't.id < ?',
};

const withIncident = (r: Row): TicketWithIncident => ({ ticket: toTicket(r), miNumber: r.mi_number === null || r.mi_number === undefined ? null : String(r.mi_number) });

/** Ticket reads on the SQLite file; each filter has an index (migration 13), so a page is a short index walk. */
export class SqliteTicketQueryStore implements TicketQueryStore {
  constructor(private readonly db: Database.Database) {}

  async listTickets(filters: TicketFilters, limit: number): Promise<TicketWithIncident[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    for (const [name, sql] of Object.entries(CONDITIONS) as [keyof TicketFilters, string][]) {
      if (filters[name] === undefined) continue;
      where.push(sql);
      args.push(filters[name]);
    }
    const sql = `${TICKET_SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY t.id DESC LIMIT ?`;
    return (prepared(this.db, sql).all(...args, limit) as Row[]).map(withIncident);
  }

  async ticketByNumber(number: string): Promise<TicketWithIncident | null> {
    const row = prepared(this.db, `${TICKET_SELECT} WHERE t.number = ?`).get(number.toUpperCase()) as Row | undefined;
    return row ? withIncident(row) : null;
  }

  async requesters(ids: readonly number[]): Promise<Requester[]> {
    // One cached statement per requester: a page names few people, and a fixed SQL text is compiled once.
    const rows = [...new Set(ids)].sort((a, b) => a - b)
      .map((id) => prepared(this.db, 'SELECT id, channel, name, email FROM users WHERE id = ?').get(id) as Row | undefined)
      .filter((u): u is Row => u !== undefined);
    return rows.map(toRequester);
  }

  async latestConversationOf(channel: string, platformUserId: string): Promise<number | null> {
    const row = prepared(this.db, `SELECT c.id FROM users u JOIN conversations c ON c.user_id = u.id AND c.channel = u.channel
      WHERE u.channel = ? AND u.platform_user_id = ? ORDER BY c.id DESC LIMIT 1`).get(channel, platformUserId) as Row | undefined;
    return row ? Number(row.id) : null;
  }
}

/** A users row as a Requester. */
export function toRequester(u: Row): Requester {
  return { id: Number(u.id), channel: String(u.channel), name: u.name === null ? null : String(u.name), email: u.email === null ? null : String(u.email) };
}
