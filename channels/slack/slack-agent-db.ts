import type Database from 'better-sqlite3';
import { ensureSlackChannelTarget, targetUserId } from '../../src/broadcast/broadcast-targets';
import { SqliteStore } from '../../src/store/sqlite-store';
import type { Store } from '../../src/store/store';
import type { ConversationRef, OutboundMessage } from '../../src/types/conversation';

/** Where a ticket's escalation lives in Slack; `threadTs` is null while the post waits in the outbox. */
export type SlackThread = { ticketId: number; channel: string; threadTs: string | null; lastEventId: number };

type Row = Record<string, unknown>;

/**
 * One tier-2 post: the escalation card (a new top-level post), a line in its thread, or the card again
 * (chat.update of the escalation post with the ticket's status, owner and priority).
 */
export type Tier2Row = { role: 'escalation' | 'thread' | 'card'; message: OutboundMessage };

/** Outbox rows just queued and the tier-2 conversation they belong to. */
export type Queued = { conversationId: number; outboxIds: number[] };

/**
 * The Slack tables of migration 5: escalation threads (ticket <-> channel + thread ts, durable across
 * restarts) and links from Slack users to console agents.
 */
export class SlackAgentDb {
  private readonly db: Database.Database;

  constructor(private readonly store: SqliteStore) {
    this.db = store.db;
  }

  /**
   * Queue a ticket's escalation post in the outbox, claiming its thread in the same transaction (thread_ts
   * stays NULL until Slack accepts the post). Returns the outbox row and the tier-2 conversation it belongs
   * to, or null when the ticket is posted or queued already. Every tier-2 post is a row of one conversation
   * per channel, so they go out in order with the outbox's retries.
   */
  queueEscalation(ticketId: number, ticketNumber: string, channel: string, card: OutboundMessage, lastEventId: number, now: string): Queued | null {
    return this.db.transaction(() => {
      if (this.db.prepare('INSERT OR IGNORE INTO slack_threads (ticket_id, channel, last_event_id, created_at) VALUES (?, ?, ?, ?)')
        .run(ticketId, channel, lastEventId, now).changes !== 1) return null;
      return this.enqueue(channel, ticketNumber, [{ role: 'escalation', message: card }], now);
    }).immediate();
  }

  /**
   * Queue what the events after the mirror cursor show in Slack (thread lines, an update of the escalation
   * card) and move the cursor to `lastEventId`, together.
   */
  queueFollowUps(ticketId: number, ticketNumber: string, channel: string, rows: Tier2Row[], lastEventId: number, now: string): Queued | null {
    return this.db.transaction(() => {
      // Another mirror moved the cursor past these events already: they are queued.
      if (this.db.prepare('UPDATE slack_threads SET last_event_id = ? WHERE ticket_id = ? AND last_event_id < ?')
        .run(lastEventId, ticketId, lastEventId).changes !== 1 || rows.length === 0) return null;
      return this.enqueue(channel, ticketNumber, rows, now);
    }).immediate();
  }

  private enqueue(channel: string, ticketNumber: string, rows: Tier2Row[], now: string): Queued {
    const { conversationId } = ensureSlackChannelTarget(this.db, channel, now);
    const outboxIds = rows.map(({ role, message }) => {
      const ref: ConversationRef = { channel: 'slack', conversationId: channel, userId: targetUserId(channel), extra: { tier2: role, ticket: ticketNumber } };
      const outboxId = this.store.enqueue(conversationId, JSON.stringify(ref), message, now);
      // The requester's words are the agents' to read in Slack; a local transcript copy outside the requester's
      // conversation would outlive `users erase`. The outbox row (cleared when sent, or on erasure) is enough.
      this.db.prepare('DELETE FROM messages WHERE outbox_id = ?').run(outboxId);
      return outboxId;
    });
    return { conversationId, outboxIds };
  }

  /** Record the escalation post Slack accepted (the outbox sent the queued row). */
  setThreadTsOf(ticketNumber: string, threadTs: string): void {
    this.db.prepare('UPDATE slack_threads SET thread_ts = ? WHERE ticket_id = (SELECT id FROM tickets WHERE number = ?)').run(threadTs, ticketNumber);
  }

  /** The escalation post's ts of a ticket, once it is made. */
  threadTsOf(ticketNumber: string): string | null {
    const row = this.db.prepare('SELECT s.thread_ts FROM slack_threads s JOIN tickets t ON t.id = s.ticket_id WHERE t.number = ?').get(ticketNumber) as Row | undefined;
    return row?.thread_ts ? String(row.thread_ts) : null;
  }

  threadOf(ticketId: number): SlackThread | null {
    const row = this.db.prepare('SELECT * FROM slack_threads WHERE ticket_id = ?').get(ticketId) as Row | undefined;
    return row
      ? { ticketId, channel: String(row.channel), threadTs: row.thread_ts === null ? null : String(row.thread_ts), lastEventId: Number(row.last_event_id) }
      : null;
  }

  /** The number of the ticket whose escalation thread this is, or null. */
  ticketForThread(channel: string, threadTs: string): string | null {
    const row = this.db
      .prepare('SELECT t.number FROM slack_threads s JOIN tickets t ON t.id = s.ticket_id WHERE s.channel = ? AND s.thread_ts = ?')
      .get(channel, threadTs) as Row | undefined;
    return row ? String(row.number) : null;
  }

  agentIdFor(slackUserId: string): string | null {
    const row = this.db.prepare('SELECT agent_id FROM slack_agents WHERE slack_user_id = ?').get(slackUserId) as Row | undefined;
    return row ? String(row.agent_id) : null;
  }

  slackUserFor(agentId: string): string | null {
    const row = this.db.prepare('SELECT slack_user_id FROM slack_agents WHERE agent_id = ?').get(agentId) as Row | undefined;
    return row ? String(row.slack_user_id) : null;
  }

  /** Link a Slack user to an agent; a manual link replaces the Slack user's previous one. */
  link(slackUserId: string, agentId: string, source: 'manual' | 'email', now: string): void {
    this.db.transaction(() => {
      const other = this.slackUserFor(agentId);
      if (other && other !== slackUserId) {
        throw new Error(`agent "${agentId}" is linked to Slack user ${other}: unlink it first (DELETE FROM slack_agents WHERE agent_id = '${agentId}')`);
      }
      this.db
        .prepare(`INSERT INTO slack_agents (slack_user_id, agent_id, source, created_at) VALUES (?, ?, ?, ?)
          ON CONFLICT (slack_user_id) DO UPDATE SET agent_id = excluded.agent_id, source = excluded.source`)
        .run(slackUserId, agentId, source, now);
    }).immediate();
  }
}

/** The Slack tables on a SqliteStore's database (the only store so far). */
export function slackAgentDb(store: Store): SlackAgentDb {
  if (!(store instanceof SqliteStore)) throw new Error('Slack tier-2 threads need the SQLite store: set DATABASE_PATH to a SQLite file');
  return new SlackAgentDb(store);
}
