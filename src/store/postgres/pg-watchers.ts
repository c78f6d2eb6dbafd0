import { toWatcher, type TicketWatcher, type WatcherStore } from '../watcher-store';
import type { PgDatabase } from './pg-database';

/** Ticket watchers and conversation read marks on PostgreSQL (migration 11); the PgAgentStore delegates here. */
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

  async markRead(conversationId: number, messageId: number, agentId: string, now: string): Promise<boolean> {
    return (await this.db.run(`INSERT INTO conversation_reads (conversation_id, message_id, agent_id, read_at) VALUES ($1, $2, $3, $4)
      ON CONFLICT (conversation_id) DO UPDATE SET message_id = excluded.message_id, agent_id = excluded.agent_id, read_at = excluded.read_at
      WHERE excluded.message_id > conversation_reads.message_id`, [conversationId, messageId, agentId, now])) === 1;
  }

  async readUpTo(conversationId: number): Promise<number | null> {
    const row = await this.db.one('SELECT message_id FROM conversation_reads WHERE conversation_id = $1', [conversationId]);
    return row ? Number(row.message_id) : null;
  }
}
