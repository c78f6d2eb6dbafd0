import { SqliteStore } from '../store/sqlite-store';
import type { Store } from '../store/store';

/** Ids of the tickets waiting for the requester's "Is it fixed?" (status resolved), oldest first. */
export type ResolvedTicketsQuery = () => Promise<number[]>;

/** The query on the SQLite store (index tickets_by_status of migration 5). */
export function sqliteResolvedTickets(store: Store): ResolvedTicketsQuery {
  if (!(store instanceof SqliteStore)) throw new Error('the auto-close timer needs the SQLite store, or pass `resolvedTickets` yourself');
  const statement = store.db.prepare("SELECT id FROM tickets WHERE status = 'resolved' ORDER BY id");
  return async () => (statement.all() as { id: number }[]).map((r) => Number(r.id));
}
