import { toWatcher, type TicketWatcher, type WatcherStore } from '../watcher-store';
import type { PgDatabase } from './pg-database';

/** Ticket watchers on PostgreSQL (migration 11); the PgAgentStore delegates here. */
export class PgWatchers implements WatcherStore {
  constructor(private readonly db: PgDatabase) {}

  async ticketWatchers(ticketId: number): Promise<TicketWatcher[]> {
    return (await this.db.rows('SELECT * FROM ticket_watchers WHERE ticket_id = $1 ORDER BY created_at, agent_id COLLATE "C"', [ticketId])).map(toWatcher);
  }

  async setWatching(ticketId: number, agentId: string, watch: boolean, now: string): Promise<boolean> {
    const changed = watch
      ? await this.db.run('INSERT INTO ticket_watchers (ticket_id, agent_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [ticketId, agentId, now])
      : await this.db.run('DELETE FROM ticket_watchers WHERE ticket_id = $1 AND agent_id = $2', [ticketId, agentId]);
    return changed === 1;
  }

  async watchedAmong(agentId: string, ticketIds: readonly number[]): Promise<Set<number>> {
    if (ticketIds.length === 0) return new Set();
    const rows = await this.db.rows('SELECT ticket_id FROM ticket_watchers WHERE agent_id = $1 AND ticket_id = ANY($2)', [agentId, [...ticketIds]]);
    return new Set(rows.map((r) => Number(r.ticket_id)));
  }

  async moveWatchers(fromTicketId: number, toTicketId: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run(`INSERT INTO ticket_watchers (ticket_id, agent_id, created_at)
        SELECT $1, agent_id, created_at FROM ticket_watchers WHERE ticket_id = $2 ON CONFLICT DO NOTHING`, [toTicketId, fromTicketId]);
      await tx.run('DELETE FROM ticket_watchers WHERE ticket_id = $1', [fromTicketId]);
    });
  }
}
