import { SqliteStore } from '../store/sqlite-store';
import type { TicketQueryStore } from '../api/ticket-query-store';
import type { Store } from '../store/store';

/** Ids of the tickets waiting for the requester's "Is it fixed?" (status resolved), oldest first. */
export type ResolvedTicketsQuery = () => Promise<number[]>;

/** The query on the SQLite store (index tickets_by_status of migration 5). */
export function sqliteResolvedTickets(store: Store): ResolvedTicketsQuery {
  if (!(store instanceof SqliteStore)) throw new Error('the auto-close timer needs the SQLite store, or pass `resolvedTickets` yourself');
  const statement = store.db.prepare("SELECT id FROM tickets WHERE status = 'resolved' ORDER BY id");
  return async () => (statement.all() as { id: number }[]).map((r) => Number(r.id));
}

const PAGE = 500;

/** The same on either database, through the ticket queries (paged by id, returned oldest first). */
export function resolvedTicketIds(queries: Pick<TicketQueryStore, 'listTickets'>): ResolvedTicketsQuery {
  return async () => {
    const ids: number[] = [];
    for (let beforeId: number | undefined; ;) {
      const page = await queries.listTickets({ status: 'resolved', beforeId }, PAGE);
      ids.push(...page.map((t) => t.ticket.id));
      if (page.length < PAGE) return ids.reverse();
      beforeId = page[page.length - 1].ticket.id;
    }
  };
}
