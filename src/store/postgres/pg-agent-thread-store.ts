import type { OutboundMessage } from '../../types/conversation';
import { DROP_TRANSCRIPT_COPY, targetStatements, threadStatements, tier2Ref } from '../agent-thread-sql';
import type { AgentLinkSource, AgentPlatform, AgentThread, AgentThreadStore, LinkedPlatform, Queued, Tier2Row } from '../agent-thread-store';
import type { PgDatabase, PgQueries } from './pg-database';
import { enqueue } from './pg-turn';

type Statement = { sql: string; params: unknown[] };

/**
 * AgentThreadStore on PostgreSQL. The thread row is the claim: two instances queueing the same escalation
 * meet on its primary key (the second waits for the first to commit, then inserts nothing), and two mirrors
 * moving one cursor meet on its row lock (the second re-reads `last_event_id < $n` and changes nothing).
 */
export class PgAgentThreadStore implements AgentThreadStore {
  constructor(private readonly db: PgDatabase) {}

  async threadOf(platform: AgentPlatform, ticketId: number): Promise<AgentThread | null> {
    const sql = threadStatements(platform);
    const row = await one(this.db, sql.thread(ticketId));
    return row ? sql.toThread(ticketId, row, '@agents') : null;
  }

  async queueEscalation(platform: AgentPlatform, ticket: { id: number; number: string }, place: string, card: OutboundMessage, lastEventId: number, now: string): Promise<Queued | null> {
    return this.db.transaction(async (tx) => {
      if (await run(tx, threadStatements(platform).claim(ticket.id, place, lastEventId, now)) !== 1) return null;
      return queueRows(tx, platform, place, ticket.number, [{ role: 'escalation', message: card }], now);
    });
  }

  async queueFollowUps(platform: AgentPlatform, ticket: { id: number; number: string }, place: string, rows: Tier2Row[], lastEventId: number, now: string): Promise<Queued | null> {
    return this.db.transaction(async (tx) => {
      if (await run(tx, threadStatements(platform).advance(ticket.id, lastEventId)) !== 1 || rows.length === 0) return null;
      return queueRows(tx, platform, place, ticket.number, rows, now);
    });
  }

  async escalatedWithoutThread(platform: AgentPlatform, since: string, before: string): Promise<number[]> {
    const s = threadStatements(platform).escalatedWithoutThread(since, before);
    return (await this.db.rows(s.sql, s.params)).map((r) => Number(r.id));
  }

  async setPostId(platform: AgentPlatform, ticketNumber: string, postId: string): Promise<void> {
    await run(this.db, threadStatements(platform).setPost(ticketNumber, postId));
  }

  async postIdOf(platform: AgentPlatform, ticketNumber: string): Promise<string | null> {
    const row = await one(this.db, threadStatements(platform).postOf(ticketNumber));
    return row?.post ? String(row.post) : null;
  }

  async ticketForPost(platform: AgentPlatform, postId: string, place?: string): Promise<string | null> {
    const row = await one(this.db, threadStatements(platform).ticketFor(postId, place));
    return row ? String(row.number) : null;
  }

  async agentIdFor(platform: LinkedPlatform, platformUserId: string): Promise<string | null> {
    const row = await one(this.db, threadStatements(platform).agentOf(platformUserId));
    return row ? String(row.agent_id) : null;
  }

  async platformUserFor(platform: LinkedPlatform, agentId: string): Promise<string | null> {
    const row = await one(this.db, threadStatements(platform).userOf(agentId));
    return row ? String(row.platform_user) : null;
  }

  async link(platform: LinkedPlatform, platformUserId: string, agentId: string, source: AgentLinkSource, now: string): Promise<void> {
    const sql = threadStatements(platform);
    await this.db.transaction(async (tx) => {
      // Two links of one agent at once: the agent_id UNIQUE index makes the second wait and then fail, as the check would.
      const other = (await one(tx, sql.userOf(agentId)))?.platform_user;
      if (other !== undefined && String(other) !== platformUserId) throw sql.linkedElsewhere(agentId, String(other));
      await run(tx, sql.link(platformUserId, agentId, source, now));
    });
  }
}

const run = (q: PgQueries, s: Statement) => q.run(s.sql, s.params);
const one = (q: PgQueries, s: Statement) => q.one(s.sql, s.params);

/** The place's target conversation (made on first use) and the posts as its outbox rows, in the caller's transaction. */
async function queueRows(tx: PgQueries, platform: AgentPlatform, place: string, ticketNumber: string, rows: Tier2Row[], now: string): Promise<Queued> {
  const t = targetStatements(platform, place, now);
  await run(tx, t.user);
  const userId = Number((await one(tx, t.userId))!.id);
  await run(tx, t.conversation(userId));
  const conversationId = Number((await one(tx, t.conversationId))!.id);
  await run(tx, t.marker(userId, conversationId));
  const outboxIds: number[] = [];
  for (const { role, message } of rows) {
    const outboxId = await enqueue(tx, conversationId, tier2Ref(platform, place, role, ticketNumber), message, now);
    await tx.run(DROP_TRANSCRIPT_COPY, [outboxId]);
    outboxIds.push(outboxId);
  }
  return { conversationId, outboxIds };
}
