import type Database from 'better-sqlite3';
import type { OutboundMessage } from '../types/conversation';
import { DROP_TRANSCRIPT_COPY, targetStatements, threadStatements, tier2Ref } from './agent-thread-sql';
import type { AgentLinkSource, AgentPlatform, AgentThread, AgentThreadStore, LinkedPlatform, Queued, Tier2Row } from './agent-thread-store';
import type { Row } from './rows';
import type { SqliteStore } from './sqlite-store';

/** The shared SQL's $n placeholders (each used once, in order) as SQLite's `?`. */
const q = (sql: string) => sql.replace(/\$\d+/g, '?');

/** AgentThreadStore on a SqliteStore's file; each queueing is one immediate transaction. */
export class SqliteAgentThreadStore implements AgentThreadStore {
  private readonly db: Database.Database;

  constructor(private readonly store: SqliteStore) {
    this.db = store.db;
  }

  private run(s: { sql: string; params: unknown[] }): number {
    return this.db.prepare(q(s.sql)).run(...s.params).changes;
  }

  private get(s: { sql: string; params: unknown[] }): Row | undefined {
    return this.db.prepare(q(s.sql)).get(...s.params) as Row | undefined;
  }

  async threadOf(platform: AgentPlatform, ticketId: number): Promise<AgentThread | null> {
    const sql = threadStatements(platform);
    const row = this.get(sql.thread(ticketId));
    return row ? sql.toThread(ticketId, row, '@agents') : null;
  }

  async queueEscalation(platform: AgentPlatform, ticket: { id: number; number: string }, place: string, card: OutboundMessage, lastEventId: number, now: string): Promise<Queued | null> {
    return this.db.transaction(() => {
      if (this.run(threadStatements(platform).claim(ticket.id, place, lastEventId, now)) !== 1) return null;
      return this.enqueue(platform, place, ticket.number, [{ role: 'escalation', message: card }], now);
    }).immediate();
  }

  async queueFollowUps(platform: AgentPlatform, ticket: { id: number; number: string }, place: string, rows: Tier2Row[], lastEventId: number, now: string): Promise<Queued | null> {
    return this.db.transaction(() => {
      if (this.run(threadStatements(platform).advance(ticket.id, lastEventId)) !== 1 || rows.length === 0) return null;
      return this.enqueue(platform, place, ticket.number, rows, now);
    }).immediate();
  }

  private enqueue(platform: AgentPlatform, place: string, ticketNumber: string, rows: Tier2Row[], now: string): Queued {
    const conversationId = this.target(platform, place, now);
    const outboxIds = rows.map(({ role, message }) => {
      const outboxId = this.store.enqueue(conversationId, tier2Ref(platform, place, role, ticketNumber), message, now);
      this.run({ sql: DROP_TRANSCRIPT_COPY, params: [outboxId] });
      return outboxId;
    });
    return { conversationId, outboxIds };
  }

  private target(platform: AgentPlatform, place: string, now: string): number {
    const t = targetStatements(platform, place, now);
    this.run(t.user);
    const userId = Number(this.get(t.userId)!.id);
    this.run(t.conversation(userId));
    const conversationId = Number(this.get(t.conversationId)!.id);
    this.run(t.marker(userId, conversationId));
    return conversationId;
  }

  async escalatedWithoutThread(platform: AgentPlatform, since: string, before: string): Promise<number[]> {
    const s = threadStatements(platform).escalatedWithoutThread(since, before);
    return (this.db.prepare(q(s.sql)).all(...s.params) as Row[]).map((r) => Number(r.id));
  }

  async setPostId(platform: AgentPlatform, ticketNumber: string, postId: string): Promise<void> {
    this.run(threadStatements(platform).setPost(ticketNumber, postId));
  }

  async postIdOf(platform: AgentPlatform, ticketNumber: string): Promise<string | null> {
    const row = this.get(threadStatements(platform).postOf(ticketNumber));
    return row?.post ? String(row.post) : null;
  }

  async ticketForPost(platform: AgentPlatform, postId: string, place?: string): Promise<string | null> {
    const row = this.get(threadStatements(platform).ticketFor(postId, place));
    return row ? String(row.number) : null;
  }

  async agentIdFor(platform: LinkedPlatform, platformUserId: string): Promise<string | null> {
    const row = this.get(threadStatements(platform).agentOf(platformUserId));
    return row ? String(row.agent_id) : null;
  }

  async platformUserFor(platform: LinkedPlatform, agentId: string): Promise<string | null> {
    const row = this.get(threadStatements(platform).userOf(agentId));
    return row ? String(row.platform_user) : null;
  }

  async link(platform: LinkedPlatform, platformUserId: string, agentId: string, source: AgentLinkSource, now: string): Promise<void> {
    const sql = threadStatements(platform);
    this.db.transaction(() => {
      const other = this.get(sql.userOf(agentId))?.platform_user;
      if (other !== undefined && String(other) !== platformUserId) throw sql.linkedElsewhere(agentId, String(other));
      this.run(sql.link(platformUserId, agentId, source, now));
    }).immediate();
  }
}
