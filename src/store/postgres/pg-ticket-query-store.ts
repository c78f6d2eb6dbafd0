import { toRequester } from '../../api/sqlite-ticket-query-store';
import type { Requester, TicketFilters, TicketQueryStore, TicketWithIncident } from '../../api/ticket-query-store';
import { TICKET_SELECT } from '../../api/ticket-view';
import { toTicket, type Row } from '../rows';
import type { PgDatabase } from './pg-database';

/** Each filter's condition; `$` becomes its parameter number. */
const CONDITIONS: Record<keyof TicketFilters, string> = {
  status: 't.status = $', priority: 't.priority = $', category: 't.category = $', group: 't.group_name = $', assignee: 't.agent_id = $',
  updatedSince: 't.updated_at >= $', beforeId: 't.id < $',
};

const withIncident = (r: Row): TicketWithIncident => ({ ticket: toTicket(r), miNumber: r.mi_number === null || r.mi_number === undefined ? null : String(r.mi_number) });

/** Ticket reads on PostgreSQL (the same indexes as SQLite: migration 1). */
export class PgTicketQueryStore implements TicketQueryStore {
  constructor(private readonly db: PgDatabase) {}

  async listTickets(filters: TicketFilters, limit: number): Promise<TicketWithIncident[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    for (const [name, condition] of Object.entries(CONDITIONS) as [keyof TicketFilters, string][]) {
      if (filters[name] === undefined) continue;
      args.push(filters[name]);
      where.push(`${condition}${args.length}`);
    }
    args.push(limit);
    const rows = await this.db.rows(`${TICKET_SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY t.id DESC LIMIT $${args.length}`, args);
    return rows.map(withIncident);
  }

  async ticketByNumber(number: string): Promise<TicketWithIncident | null> {
    const row = await this.db.one(`${TICKET_SELECT} WHERE t.number = $1`, [number.toUpperCase()]);
    return row ? withIncident(row) : null;
  }

  async requesters(ids: readonly number[]): Promise<Requester[]> {
    if (ids.length === 0) return [];
    return (await this.db.rows('SELECT id, channel, name, email FROM users WHERE id = ANY($1::bigint[]) ORDER BY id', [[...new Set(ids)]])).map(toRequester);
  }

  async latestConversationOf(channel: string, platformUserId: string): Promise<number | null> {
    const row = await this.db.one(`SELECT c.id FROM users u JOIN conversations c ON c.user_id = u.id AND c.channel = u.channel
      WHERE u.channel = $1 AND u.platform_user_id = $2 ORDER BY c.id DESC LIMIT 1`, [channel, platformUserId]);
    return row ? Number(row.id) : null;
  }
}
