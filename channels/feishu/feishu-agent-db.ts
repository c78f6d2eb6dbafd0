import type Database from 'better-sqlite3';
import { SqliteStore } from '../../src/store/sqlite-store';
import type { Store } from '../../src/store/store';
import type { ConversationRef, OutboundMessage } from '../../src/types/conversation';

/** Where a ticket's escalation card is; `messageId` is null while the card waits in the outbox. */
export type FeishuThread = { ticketId: number; chatId: string; messageId: string | null; lastEventId: number };

/** One tier-2 post: the escalation card, a line in its thread, or the card again (updated in place). */
export type Tier2Row = { role: 'escalation' | 'thread' | 'card'; message: OutboundMessage };

/** Outbox rows just queued and the tier-2 conversation they belong to. */
export type Queued = { conversationId: number; outboxIds: number[] };

type Row = Record<string, unknown>;

/** Thread id of the agents' chat conversation: people's conversations there never use it. */
const TIER2_THREAD = '#tier2';

/**
 * The Feishu tables of migration 14 (escalation cards, agent links) and the outbox rows of the agents' chat.
 * Every tier-2 post is a row of one conversation (the agents' chat), so posts go out in order with retries.
 */
export class FeishuAgentDb {
  private readonly db: Database.Database;

  constructor(private readonly store: SqliteStore) {
    this.db = store.db;
  }

  /** Queue a ticket's escalation card, claiming its row in the same transaction; null when claimed already. */
  queueEscalation(ticketId: number, ticketNumber: string, chatId: string, card: OutboundMessage, lastEventId: number, now: string): Queued | null {
    return this.db.transaction(() => {
      if (this.db.prepare('INSERT OR IGNORE INTO feishu_threads (ticket_id, chat_id, last_event_id, created_at) VALUES (?, ?, ?, ?)')
        .run(ticketId, chatId, lastEventId, now).changes !== 1) return null;
      return this.enqueue(chatId, ticketNumber, [{ role: 'escalation', message: card }], now);
    }).immediate();
  }

  /** Queue what the events after the mirror cursor show and move the cursor to `lastEventId`, together. */
  queueFollowUps(ticketId: number, ticketNumber: string, chatId: string, rows: Tier2Row[], lastEventId: number, now: string): Queued | null {
    return this.db.transaction(() => {
      if (this.db.prepare('UPDATE feishu_threads SET last_event_id = ? WHERE ticket_id = ? AND last_event_id < ?')
        .run(lastEventId, ticketId, lastEventId).changes !== 1 || rows.length === 0) return null;
      return this.enqueue(chatId, ticketNumber, rows, now);
    }).immediate();
  }

  private enqueue(chatId: string, ticketNumber: string, rows: Tier2Row[], now: string): Queued {
    const conversationId = this.target(chatId, now);
    const outboxIds = rows.map(({ role, message }) => {
      const ref: ConversationRef = { channel: 'feishu', conversationId: chatId, userId: `tier2:${chatId}`, extra: { tier2: role, ticket: ticketNumber } };
      const outboxId = this.store.enqueue(conversationId, JSON.stringify(ref), message, now);
      // The requester's words are for the agents' chat; no transcript copy outside the requester's conversation.
      this.db.prepare('DELETE FROM messages WHERE outbox_id = ?').run(outboxId);
      return outboxId;
    });
    return { conversationId, outboxIds };
  }

  /** The agents' chat as a conversation (a stand-in user), marked as a channel target so no broadcast counts it as a person. */
  private target(chatId: string, now: string): number {
    const platformUser = `tier2:${chatId}`;
    this.db.prepare(`INSERT INTO users (channel, platform_user_id, name, created_at, updated_at) VALUES ('feishu', ?, 'Feishu agents', ?, ?)
      ON CONFLICT (channel, platform_user_id) DO NOTHING`).run(platformUser, now, now);
    const userId = Number((this.db.prepare("SELECT id FROM users WHERE channel = 'feishu' AND platform_user_id = ?").get(platformUser) as Row).id);
    const ref: ConversationRef = { channel: 'feishu', conversationId: chatId, userId: platformUser };
    this.db.prepare(`INSERT INTO conversations (channel, platform_conversation_id, thread_id, ref_json, user_id, created_at, updated_at)
      VALUES ('feishu', ?, ?, ?, ?, ?, ?) ON CONFLICT (channel, platform_conversation_id, thread_id) DO NOTHING`).run(chatId, TIER2_THREAD, JSON.stringify(ref), userId, now, now);
    const conversationId = Number((this.db.prepare("SELECT id FROM conversations WHERE channel = 'feishu' AND platform_conversation_id = ? AND thread_id = ?")
      .get(chatId, TIER2_THREAD) as Row).id);
    this.db.prepare(`INSERT INTO broadcast_targets (user_id, conversation_id, channel, target_id, created_at) VALUES (?, ?, 'feishu-tier2', ?, ?)
      ON CONFLICT DO NOTHING`).run(userId, conversationId, chatId, now);
    return conversationId;
  }

  /** Record the card message Feishu accepted for a ticket. */
  posted(ticketNumber: string, messageId: string): void {
    this.db.prepare('UPDATE feishu_threads SET message_id = ? WHERE ticket_id = (SELECT id FROM tickets WHERE number = ?)').run(messageId, ticketNumber);
  }

  /** The escalation card's message id of a ticket, once posted. */
  messageOf(ticketNumber: string): string | null {
    const row = this.db.prepare('SELECT f.message_id FROM feishu_threads f JOIN tickets t ON t.id = f.ticket_id WHERE t.number = ?').get(ticketNumber) as Row | undefined;
    return row?.message_id ? String(row.message_id) : null;
  }

  threadOf(ticketId: number): FeishuThread | null {
    const row = this.db.prepare('SELECT * FROM feishu_threads WHERE ticket_id = ?').get(ticketId) as Row | undefined;
    return row ? { ticketId, chatId: String(row.chat_id), messageId: row.message_id === null ? null : String(row.message_id), lastEventId: Number(row.last_event_id) } : null;
  }

  /** The ticket whose escalation card is message `messageId`, or null. */
  ticketForMessage(messageId: string): string | null {
    const row = this.db.prepare('SELECT t.number FROM feishu_threads f JOIN tickets t ON t.id = f.ticket_id WHERE f.message_id = ?').get(messageId) as Row | undefined;
    return row ? String(row.number) : null;
  }

  agentIdFor(openId: string): string | null {
    const row = this.db.prepare('SELECT agent_id FROM feishu_agents WHERE open_id = ?').get(openId) as Row | undefined;
    return row ? String(row.agent_id) : null;
  }

  openIdFor(agentId: string): string | null {
    const row = this.db.prepare('SELECT open_id FROM feishu_agents WHERE agent_id = ?').get(agentId) as Row | undefined;
    return row ? String(row.open_id) : null;
  }

  /** Link a Feishu user to an agent (`email`: learnt from their contact e-mail; `manual`: set by an admin). */
  link(openId: string, agentId: string, source: 'manual' | 'email', now: string): void {
    this.db.prepare(`INSERT INTO feishu_agents (open_id, agent_id, source, created_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (open_id) DO UPDATE SET agent_id = excluded.agent_id, source = excluded.source`).run(openId, agentId, source, now);
  }
}

/** The Feishu tables on a SqliteStore's database. */
export function feishuAgentDb(store: Store): FeishuAgentDb {
  if (!(store instanceof SqliteStore)) throw new Error('Feishu tier-2 cards need the SQLite store: set DATABASE_PATH to a SQLite file');
  return new FeishuAgentDb(store);
}
