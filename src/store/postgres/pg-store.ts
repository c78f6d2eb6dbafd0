import { randomUUID } from 'node:crypto';
import type { InboundMessage, UserProfile } from '../../types/conversation';
import { toConversation, toOutboxRow, toPendingInbound, toStoredMessage, toTicket, toTicketEvent, toUser, type Row } from '../rows';
import type { AcceptedInbound, Conversation, InboundBacklog, OutboxClaimOptions, OutboxRow, PendingInbound, Store, TurnCommit, TurnResult } from '../store';
import type { PgDatabase, PgQueries } from './pg-database';
import { applyTurn } from './pg-turn';
import { inboundPayloadJson } from '../inbound-payload';

/** A pending row with no earlier pending row in its conversation: sending it cannot reorder replies. */
const HEAD_OF_CONVERSATION = `o.status = 'pending'
  AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.conversation_id = o.conversation_id AND e.status = 'pending' AND e.id < o.id)`;

/** Due at $1, and not claimed by a dispatcher or its lease ran out. */
const DUE = `${HEAD_OF_CONVERSATION} AND o.next_attempt_at <= $1 AND (o.claimed_until IS NULL OR o.claimed_until <= $1)`;

/** The Store on PostgreSQL (node-postgres pool): the same contract as SqliteStore, for several instances on one database. */
export class PgStore implements Store {
  /** Who claims outbox rows and inbound messages through this store (one per process and store). */
  private readonly owner = randomUUID();

  /** Clear a sent row's payload (the transcript keeps it); off while RETENTION_SENT_PAYLOAD_DAYS keeps them. */
  clearPayloadOnSend = true;

  constructor(readonly db: PgDatabase) {}

  /** One transaction per message. A message accepted by two instances at once is stored once: the loser sees a duplicate. */
  async acceptInbound(message: InboundMessage, now: string): Promise<AcceptedInbound> {
    return this.db.transaction(async (tx) => {
      const existing = await this.findMessage(tx, message);
      if (existing) return existing;
      const userId = await upsertUser(tx, message, now);
      const conversationId = await upsertConversation(tx, message, userId, now);
      const { ref } = message;
      const payload = inboundPayloadJson(message);
      // A held message by someone else on the thread is theirs in the transcript, not the requester's.
      const author = message.hold?.reason === 'third_party' ? `${ref.channel}:${message.hold.from}` : `user:${userId}`;
      const row = await tx.one(
        `INSERT INTO messages (conversation_id, direction, channel, platform_message_id, author, text, payload_json, created_at)
         VALUES ($1, 'in', $2, $3, $4, $5, $6, $7)
         ON CONFLICT (channel, platform_message_id) WHERE platform_message_id IS NOT NULL DO NOTHING RETURNING id`,
        [conversationId, ref.channel, message.platformMessageId, author, message.text, payload, now],
      );
      if (row) return { status: 'accepted' as const, messageId: Number(row.id), conversationId };
      // Another instance stored it between our check and our insert (it committed first).
      return (await this.findMessage(tx, message))!;
    });
  }

  private async findMessage(tx: PgQueries, message: InboundMessage): Promise<AcceptedInbound | null> {
    const row = await tx.one('SELECT id, conversation_id FROM messages WHERE channel = $1 AND platform_message_id = $2', [message.ref.channel, message.platformMessageId]);
    return row ? { status: 'duplicate', messageId: Number(row.id), conversationId: Number(row.conversation_id) } : null;
  }

  async updateUserProfile(userId: number, profile: UserProfile, now: string): Promise<void> {
    await this.db.run(
      `UPDATE users SET name = coalesce($1, name), email = coalesce($2, email), department = coalesce($3, department), lang = coalesce($4, lang),
         time_zone = coalesce($5, time_zone), updated_at = $6 WHERE id = $7`,
      [profile.name ?? null, profile.email ?? null, profile.department ?? null, profile.lang ?? null, profile.timeZone ?? null, now, userId],
    );
  }

  async pendingInbound(limit: number, order: 'arrival' | 'fair' = 'arrival'): Promise<PendingInbound[]> {
    const rows = await this.db.rows(order === 'arrival'
      ? `SELECT m.id, m.conversation_id, m.text, m.payload_json, m.platform_message_id, m.created_at, c.ref_json
         FROM messages m JOIN conversations c ON c.id = m.conversation_id
         WHERE m.direction = 'in' AND m.processed_at IS NULL ORDER BY m.id LIMIT $1`
      // Round robin over users, light users first within a round (see Store.pendingInbound).
      : `SELECT m.id, m.conversation_id, m.text, m.payload_json, m.platform_message_id, m.created_at, c.ref_json
         FROM (SELECT m.id, ROW_NUMBER() OVER (PARTITION BY c.user_id ORDER BY m.id) AS user_rank,
                      COUNT(*) OVER (PARTITION BY c.user_id) AS user_waiting
               FROM messages m JOIN conversations c ON c.id = m.conversation_id
               WHERE m.direction = 'in' AND m.processed_at IS NULL) q
         JOIN messages m ON m.id = q.id JOIN conversations c ON c.id = m.conversation_id
         ORDER BY q.user_rank, q.user_waiting, m.id LIMIT $1`, [limit]);
    return rows.map(toPendingInbound);
  }

  /**
   * Claim heads of conversations in one statement, as claimDueOutbox does for replies. A message accepted
   * while its conversation's row was locked by another accept gets the larger id and commits later, so id
   * order is arrival order within a conversation. Our own unexpired claims are handed back too: a round the
   * engine cut short leaves its claims, and they must not wait for their lease to run out.
   */
  async claimInbound(now: string, limit: number, leaseMs: number): Promise<PendingInbound[]> {
    const rows = await this.db.rows(
      `WITH heads AS (
         SELECT m.id FROM messages m
         WHERE m.direction = 'in' AND m.processed_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM messages e WHERE e.conversation_id = m.conversation_id AND e.direction = 'in' AND e.processed_at IS NULL AND e.id < m.id)
           AND (m.claimed_until IS NULL OR m.claimed_until <= $1 OR m.claimed_by = $3)
         ORDER BY m.id LIMIT $2 FOR UPDATE SKIP LOCKED)
       UPDATE messages m SET claimed_by = $3, claimed_until = $4 FROM heads, conversations c
       WHERE m.id = heads.id AND c.id = m.conversation_id
       RETURNING m.id, m.conversation_id, m.text, m.payload_json, m.platform_message_id, m.created_at, c.ref_json`,
      [now, limit, this.owner, new Date(Date.parse(now) + leaseMs).toISOString()],
    );
    return rows.map(toPendingInbound).sort((a, b) => a.messageId - b.messageId);
  }

  async renewInboundClaims(ids: number[], now: string, leaseMs: number): Promise<number> {
    if (ids.length === 0) return 0;
    return this.db.run('UPDATE messages SET claimed_until = $1 WHERE id = ANY($2::bigint[]) AND claimed_by = $3 AND processed_at IS NULL',
      [new Date(Date.parse(now) + leaseMs).toISOString(), ids, this.owner]);
  }

  async inboundBacklog(afterId: number | null): Promise<InboundBacklog> {
    // One statement, one snapshot: arrivals and the backlog are counted at the same instant. The count of
    // arrivals reads only the rows stored since the previous call (primary key range).
    const row = await this.db.one(
      `SELECT (SELECT count(*) FROM messages WHERE direction = 'in' AND processed_at IS NULL) AS waiting,
              (SELECT coalesce(max(id), 0) FROM messages) AS newest_id,
              CASE WHEN $1::bigint IS NULL THEN 0 ELSE (SELECT count(*) FROM messages WHERE id > $1::bigint AND direction = 'in') END AS arrived`,
      [afterId],
    );
    return { waiting: Number(row?.waiting ?? 0), arrived: Number(row?.arrived ?? 0), newestId: Number(row?.newest_id ?? 0) };
  }

  async getConversation(id: number): Promise<Conversation | null> {
    const row = await this.db.one('SELECT * FROM conversations WHERE id = $1', [id]);
    return row ? toConversation(row) : null;
  }

  async findConversation(ref: { channel: string; conversationId: string; threadId?: string }) {
    const row = await this.db.one('SELECT * FROM conversations WHERE channel = $1 AND platform_conversation_id = $2 AND thread_id = $3',
      [ref.channel, ref.conversationId, ref.threadId ?? '']);
    return row ? toConversation(row) : null;
  }

  async getUser(id: number) {
    const row = await this.db.one('SELECT * FROM users WHERE id = $1', [id]);
    return row ? toUser(row) : null;
  }

  async findUser(channel: string, platformUserId: string) {
    const row = await this.db.one('SELECT * FROM users WHERE channel = $1 AND platform_user_id = $2', [channel, platformUserId]);
    return row ? toUser(row) : null;
  }

  async commitTurn(commit: TurnCommit): Promise<TurnResult> {
    return this.db.transaction((tx) => applyTurn(tx, commit));
  }

  async getTicketByNumber(number: string) {
    const row = await this.db.one('SELECT * FROM tickets WHERE number = $1', [number.toUpperCase()]);
    return row ? toTicket(row) : null;
  }

  async getTicket(id: number) {
    const row = await this.db.one('SELECT * FROM tickets WHERE id = $1', [id]);
    return row ? toTicket(row) : null;
  }

  async ticketsForUser(userId: number, limit: number) {
    return (await this.db.rows('SELECT * FROM tickets WHERE requester_id = $1 ORDER BY id DESC LIMIT $2', [userId, limit])).map(toTicket);
  }

  async ticketEvents(ticketId: number) {
    return (await this.db.rows('SELECT * FROM ticket_events WHERE ticket_id = $1 ORDER BY id', [ticketId])).map(toTicketEvent);
  }

  async transcript(conversationId: number, afterId = 0) {
    const rows = await this.db.rows(
      `SELECT m.*, o.status AS delivery FROM messages m LEFT JOIN outbox o ON o.id = m.outbox_id
       WHERE m.conversation_id = $1 AND m.id > $2 ORDER BY m.id`, [conversationId, afterId]);
    return rows.map(toStoredMessage);
  }

  async dueOutbox(now: string, limit: number): Promise<OutboxRow[]> {
    return (await this.db.rows(`SELECT * FROM outbox o WHERE ${DUE} ORDER BY o.next_attempt_at, o.id LIMIT $2`, [now, limit])).map(toOutboxRow);
  }

  /**
   * Select and claim in one statement. FOR UPDATE SKIP LOCKED passes over rows another instance is claiming
   * right now; a row it claimed and committed no longer matches (PostgreSQL re-checks the WHERE on the row's
   * new version). Only a conversation's oldest pending row is eligible, and it stays pending while claimed,
   * so a conversation has at most one delivery in flight and its replies leave in order.
   */
  async claimDueOutbox(now: string, limit: number, leaseMs: number, options: OutboxClaimOptions = {}): Promise<OutboxRow[]> {
    const until = new Date(Date.parse(now) + leaseMs).toISOString();
    const rows = await this.db.rows(
      `WITH due AS (SELECT o.id FROM outbox o WHERE ${DUE} AND ($5 OR o.claimed_by IS NULL OR o.claimed_by = $3)
         ORDER BY o.next_attempt_at, o.id LIMIT $2 FOR UPDATE SKIP LOCKED)
       UPDATE outbox SET claimed_by = $3, claimed_until = $4 FROM due WHERE outbox.id = due.id RETURNING outbox.*`,
      [now, limit, this.owner, until, options.takeOver !== false],
    );
    return rows.map(toOutboxRow).sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt) || a.id - b.id);
  }

  async renewOutboxClaims(ids: number[], now: string, leaseMs: number): Promise<number> {
    if (ids.length === 0) return 0;
    return this.db.run("UPDATE outbox SET claimed_until = $1 WHERE id = ANY($2::bigint[]) AND claimed_by = $3 AND status = 'pending'",
      [new Date(Date.parse(now) + leaseMs).toISOString(), ids, this.owner]);
  }

  async markSent(outboxId: number, now: string) {
    const payload = this.clearPayloadOnSend ? "'{}'" : 'message_json';
    await this.db.run(`UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = $1, message_json = ${payload}, claimed_by = NULL, claimed_until = NULL WHERE id = $2`, [now, outboxId]);
  }

  // A failure is recorded only while the claim is still ours: once another dispatcher took the row over
  // (our lease ran out), ending its claim would hand the row to a third one while it is being sent.
  async markRetry(outboxId: number, error: string, nextAttemptAt: string, options: { countAttempt?: boolean } = {}) {
    await this.db.run(`UPDATE outbox SET attempts = attempts + $1, last_error = $2, next_attempt_at = $3, claimed_by = NULL, claimed_until = NULL
       WHERE id = $4 AND (claimed_by = $5 OR claimed_by IS NULL)`,
      [options.countAttempt === false ? 0 : 1, error.slice(0, 1000), nextAttemptAt, outboxId, this.owner]);
  }

  async markFailed(outboxId: number, error: string) {
    await this.db.run("UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = $1, claimed_by = NULL, claimed_until = NULL WHERE id = $2 AND (claimed_by = $3 OR claimed_by IS NULL)",
      [error.slice(0, 1000), outboxId, this.owner]);
  }

  async countOutbox(status: OutboxRow['status']) {
    return Number((await this.db.one('SELECT count(*) AS n FROM outbox WHERE status = $1', [status]))!.n);
  }

  async nextOutboxDue() {
    // A row claimed by another dispatcher is due again when its lease runs out, not before (greatest skips NULL).
    const row = await this.db.one(`SELECT min(greatest(o.next_attempt_at, o.claimed_until)) AS due FROM outbox o WHERE ${HEAD_OF_CONVERSATION}`);
    return row?.due == null ? null : String(row.due);
  }

  async close() {
    await this.db.close();
  }
}

async function upsertUser(tx: PgQueries, message: InboundMessage, now: string): Promise<number> {
  const { ref, user } = message;
  const row = await tx.one(
    `INSERT INTO users (channel, platform_user_id, name, email, department, lang, time_zone, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
     ON CONFLICT (channel, platform_user_id) DO UPDATE SET
       name = coalesce(excluded.name, users.name), email = coalesce(excluded.email, users.email),
       department = coalesce(excluded.department, users.department), lang = coalesce(excluded.lang, users.lang),
       time_zone = coalesce(excluded.time_zone, users.time_zone), updated_at = excluded.updated_at
     RETURNING id`,
    [ref.channel, ref.userId, user?.name ?? null, user?.email ?? null, user?.department ?? null, user?.lang ?? null, user?.timeZone ?? null, now],
  );
  return Number(row!.id);
}

async function upsertConversation(tx: PgQueries, message: InboundMessage, userId: number, now: string): Promise<number> {
  const { ref } = message;
  // The stored ref is refreshed on every message: platforms rotate details such as Teams' serviceUrl.
  const row = await tx.one(
    `INSERT INTO conversations (channel, platform_conversation_id, thread_id, ref_json, user_id, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6)
     ON CONFLICT (channel, platform_conversation_id, thread_id) DO UPDATE SET ref_json = excluded.ref_json
     RETURNING id`,
    [ref.channel, ref.conversationId, ref.threadId ?? '', JSON.stringify(ref), userId, now],
  );
  return Number(row!.id);
}

