import type Database from 'better-sqlite3';
import { SqliteStore } from '../../src/store/sqlite-store';
import type { Store } from '../../src/store/store';

/** Where a ticket's escalation lives in Slack; `threadTs` is null while the post is being made. */
export type SlackThread = { ticketId: number; channel: string; threadTs: string | null; lastEventId: number };

type Row = Record<string, unknown>;

/**
 * The Slack tables of migration 5: escalation threads (ticket <-> channel + thread ts, durable across
 * restarts) and links from Slack users to console agents.
 */
export class SlackAgentDb {
  constructor(private readonly db: Database.Database) {}

  /** Reserve the post of a ticket's escalation; false when it is posted (or being posted) already. */
  claimThread(ticketId: number, channel: string, now: string): boolean {
    return this.db.prepare('INSERT OR IGNORE INTO slack_threads (ticket_id, channel, created_at) VALUES (?, ?, ?)').run(ticketId, channel, now).changes === 1;
  }

  /** Record the post made after a claim, and the last event it already shows. */
  setThreadTs(ticketId: number, threadTs: string, lastEventId: number): void {
    this.db.prepare('UPDATE slack_threads SET thread_ts = ?, last_event_id = ? WHERE ticket_id = ?').run(threadTs, lastEventId, ticketId);
  }

  /** Give up a claim whose post failed, so the next commit of the ticket tries again. */
  dropClaim(ticketId: number): void {
    this.db.prepare('DELETE FROM slack_threads WHERE ticket_id = ? AND thread_ts IS NULL').run(ticketId);
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

  /** Move the mirror cursor forward (never back: two mirrors may race). */
  setLastEvent(ticketId: number, eventId: number): void {
    this.db.prepare('UPDATE slack_threads SET last_event_id = max(last_event_id, ?) WHERE ticket_id = ?').run(eventId, ticketId);
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
  return new SlackAgentDb(store.db);
}
