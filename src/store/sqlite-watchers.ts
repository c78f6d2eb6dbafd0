import type Database from 'better-sqlite3';
import { toWatcher, type TicketWatcher, type WatcherStore } from './watcher-store';

/** Ticket watchers and conversation read marks on SQLite (migration 22); the SqliteAgentStore delegates here. */
export class SqliteWatchers implements WatcherStore {
  constructor(private readonly db: Database.Database) {}

  async ticketWatchers(ticketId: number): Promise<TicketWatcher[]> {
    return (this.db.prepare('SELECT * FROM ticket_watchers WHERE ticket_id = ? ORDER BY created_at, agent_id').all(ticketId) as Record<string, unknown>[]).map(toWatcher);
  }

  async setWatching(ticketId: number, agentId: string, watch: boolean, now: string): Promise<boolean> {
    const info = watch
      ? this.db.prepare('INSERT INTO ticket_watchers (ticket_id, agent_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(ticketId, agentId, now)
      : this.db.prepare('DELETE FROM ticket_watchers WHERE ticket_id = ? AND agent_id = ?').run(ticketId, agentId);
    return info.changes === 1;
  }

  async watchedAmong(agentId: string, ticketIds: readonly number[]): Promise<Set<number>> {
    if (ticketIds.length === 0) return new Set();
    const rows = this.db.prepare(`SELECT ticket_id FROM ticket_watchers WHERE agent_id = ? AND ticket_id IN (${ticketIds.map(() => '?').join(', ')})`)
      .all(agentId, ...ticketIds) as { ticket_id: number }[];
    return new Set(rows.map((r) => Number(r.ticket_id)));
  }

  async moveWatchers(fromTicketId: number, toTicketId: number): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare(`INSERT INTO ticket_watchers (ticket_id, agent_id, created_at)
        SELECT ?, agent_id, created_at FROM ticket_watchers WHERE ticket_id = ? ON CONFLICT DO NOTHING`).run(toTicketId, fromTicketId);
      this.db.prepare('DELETE FROM ticket_watchers WHERE ticket_id = ?').run(fromTicketId);
    })();
  }

  async markRead(conversationId: number, messageId: number, agentId: string, now: string): Promise<boolean> {
    return this.db.prepare(`INSERT INTO conversation_reads (conversation_id, message_id, agent_id, read_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (conversation_id) DO UPDATE SET message_id = excluded.message_id, agent_id = excluded.agent_id, read_at = excluded.read_at
      WHERE excluded.message_id > conversation_reads.message_id`).run(conversationId, messageId, agentId, now).changes === 1;
  }

  async readUpTo(conversationId: number): Promise<number | null> {
    const row = this.db.prepare('SELECT message_id FROM conversation_reads WHERE conversation_id = ?').get(conversationId) as { message_id: number } | undefined;
    return row ? Number(row.message_id) : null;
  }
}
