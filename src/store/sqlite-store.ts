import Database from 'better-sqlite3';
import { ConflictError } from '../errors';
import type { InboundMessage, OutboundMessage, UserProfile } from '../types/conversation';
import { TicketDraft as TicketDraftSchema } from '../types/ticket';
import { openDatabase } from './open-database';
import { toConversation, toPendingInbound, toStoredMessage, toTicket, toTicketEvent, toUser, type Row } from './rows';
import type { AcceptedInbound, Conversation, OutboxClaimOptions, OutboxRow, Store, TicketChange, TurnCommit, TurnResult } from './store';
import { statementCache } from './statement-cache';
import { writeKbRecords } from './sqlite-kb-records';
import { fillTicket, formatNumber, ticketPrefix, ticketUpdateValues } from './turn-parts';
import { isStorageFailure, StorageHealth, StorageUnavailableError } from './storage-health';
import { inboundPayloadJson } from './inbound-payload';
import { SqliteOutbox } from './sqlite-outbox';

/** How one message of a group commit went. */
type AcceptOutcome = { ok: AcceptedInbound } | { error: unknown };

export { openDatabase };

export { ticketPrefix };

/** The better-sqlite3 Store: one file, synchronous inside, async at the interface. */
export class SqliteStore implements Store {
  readonly db: Database.Database;

  /** One message in its own savepoint (a nested better-sqlite3 transaction), built once: building costs more than a small insert. */
  private readonly acceptInSavepoint: (message: InboundMessage, now: string) => AcceptedInbound;

  /** Prepared statements, compiled once per SQL text. */
  private readonly stmt: (sql: string) => Database.Statement;

  /** Inbound messages waiting for the next group commit. */
  private acceptQueue: Array<{ message: InboundMessage; now: string; resolve: (r: AcceptedInbound) => void; reject: (e: unknown) => void }> = [];

  /** Whether writes go through (disk full / read-only): failed writes back off here instead of looping. */
  readonly health: StorageHealth;

  /**
   * Clear an outbox row's payload when it is marked sent: the transcript row holds the same JSON, so the
   * copy is redundant, and clearing it while its page is still the table's last one lets the space be reused.
   * Off when RETENTION_SENT_PAYLOAD_DAYS keeps sent payloads for some days (the retention job clears them).
   */
  clearPayloadOnSend = true;

  /** Rows due, claims, sends recorded (SqliteOutbox); rows are queued by enqueue. */
  private readonly outbox: SqliteOutbox;

  constructor(file: string) {
    this.db = openDatabase(file);
    this.stmt = statementCache(this.db);
    this.acceptInSavepoint = this.db.transaction((message: InboundMessage, now: string) => this.acceptOne(message, now));
    this.outbox = new SqliteOutbox({ stmt: this.stmt, write: (fn) => this.write(fn), guarded: (fn) => this.guarded(fn), clearPayloadOnSend: () => this.clearPayloadOnSend });
    // The probe commits a write that needs new pages (16 KB, deleted again in the same transaction): it fails
    // while the disk (or max_page_count) cannot grow the database and succeeds once space returns.
    this.health = new StorageHealth(() => {
      this.db.transaction(() => {
        this.stmt('INSERT INTO storage_probe (data) VALUES (zeroblob(16384))').run();
        this.stmt('DELETE FROM storage_probe').run();
      }).immediate();
    });
  }

  /**
   * Run `fn` in a write transaction taken at BEGIN IMMEDIATE: a deferred transaction that reads first and
   * writes later fails with SQLITE_BUSY when another process wrote in between, instead of waiting.
   * While the disk refuses writes, fail at once with a 503 error (the health probe finds out when it is back).
   */
  private write<T>(fn: () => T): T {
    return this.guarded(() => this.db.transaction(fn).immediate());
  }

  private guarded<T>(fn: () => T): T {
    if (!this.health.healthy) throw new StorageUnavailableError();
    try {
      const result = fn();
      this.health.succeeded();
      return result;
    } catch (error) {
      if (!isStorageFailure(error)) throw error;
      this.health.failed(error);
      throw new StorageUnavailableError(error);
    }
  }

  /**
   * Group commit: messages arriving in the same event-loop turn (a burst of webhooks) are stored in one
   * transaction and all resolve after that one commit. A burst of 200 Slack events then costs one WAL append
   * instead of 200, which keeps every acknowledgement fast.
   */
  acceptInbound(message: InboundMessage, now: string): Promise<AcceptedInbound> {
    if (!this.health.healthy) return Promise.reject(new StorageUnavailableError());
    return new Promise((resolve, reject) => {
      this.acceptQueue.push({ message, now, resolve, reject });
      if (this.acceptQueue.length === 1) setImmediate(() => this.flushAccepts());
    });
  }

  private flushAccepts(): void {
    const batch = this.acceptQueue;
    this.acceptQueue = [];
    if (batch.length === 0) return;
    let outcomes: AcceptOutcome[];
    try {
      // The whole batch without savepoints (three statements fewer per message); a message that fails rolls
      // the batch back, which is then stored again with each message in its own savepoint, so it fails alone.
      outcomes = this.acceptBatch(batch) ?? this.acceptEachInSavepoint(batch);
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i];
      if ('ok' in outcome) item.resolve(outcome.ok);
      else item.reject(outcome.error);
    });
  }

  /** Every message of the batch in one transaction; null (and nothing written) when one of them fails. */
  private acceptBatch(batch: ReadonlyArray<{ message: InboundMessage; now: string }>): AcceptOutcome[] | null {
    const failed = new Error('a message of the batch failed');
    try {
      return this.write(() => batch.map((item) => {
        try {
          return { ok: this.acceptOne(item.message, item.now) };
        } catch (error) {
          // Out of the transaction, which better-sqlite3 then rolls back. A refusing disk fails the whole batch (503).
          throw isStorageFailure(error) ? error : failed;
        }
      }));
    } catch (error) {
      if (error === failed) return null;
      throw error;
    }
  }

  private acceptEachInSavepoint(batch: ReadonlyArray<{ message: InboundMessage; now: string }>): AcceptOutcome[] {
    return this.write(() => batch.map((item): AcceptOutcome => {
      try {
        return { ok: this.acceptInSavepoint(item.message, item.now) };
      } catch (error) {
        return { error };
      }
    }));
  }

  private acceptOne(message: InboundMessage, now: string): AcceptedInbound {
    const { ref } = message;
    const existing = this.stmt('SELECT id, conversation_id FROM messages WHERE channel = ? AND platform_message_id = ?')
      .get(ref.channel, message.platformMessageId) as Row | undefined;
    if (existing) {
      return { status: 'duplicate' as const, messageId: Number(existing.id), conversationId: Number(existing.conversation_id) };
    }
    const userId = this.upsertUser(message, now);
    const conversationId = this.upsertConversation(message, userId, now);
    const payload = inboundPayloadJson(message);
    // A held message by someone else on the thread is theirs in the transcript, not the requester's.
    const author = message.hold?.reason === 'third_party' ? `${ref.channel}:${message.hold.from}` : `user:${userId}`;
    const info = this.stmt(
        `INSERT INTO messages (conversation_id, direction, channel, platform_message_id, author, text, payload_json, created_at)
         VALUES (?, 'in', ?, ?, ?, ?, ?, ?)`,
      )
      .run(conversationId, ref.channel, message.platformMessageId, author, message.text, payload, now);
    return { status: 'accepted' as const, messageId: Number(info.lastInsertRowid), conversationId };
  }

  private upsertUser(message: InboundMessage, now: string): number {
    const { ref, user } = message;
    const row = this.stmt(
        `INSERT INTO users (channel, platform_user_id, name, email, department, lang, time_zone, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (channel, platform_user_id) DO UPDATE SET
           name = coalesce(excluded.name, name), email = coalesce(excluded.email, email),
           department = coalesce(excluded.department, department), lang = coalesce(excluded.lang, lang),
           time_zone = coalesce(excluded.time_zone, time_zone), updated_at = excluded.updated_at
         RETURNING id`,
      )
      .get(ref.channel, ref.userId, user?.name ?? null, user?.email ?? null, user?.department ?? null, user?.lang ?? null, user?.timeZone ?? null, now, now) as Row;
    return Number(row.id);
  }

  /** Only the fields still empty: inside a turn's transaction, a typed answer never replaces a known value. */
  private fillUserProfile(userId: number, profile: UserProfile, now: string): void {
    this.stmt(
      `UPDATE users SET name = coalesce(name, ?), email = coalesce(email, ?), department = coalesce(department, ?), updated_at = ?
       WHERE id = ?`,
    ).run(profile.name ?? null, profile.email ?? null, profile.department ?? null, now, userId);
  }

  async updateUserProfile(userId: number, profile: UserProfile, now: string): Promise<void> {
    this.guarded(() => this.stmt(
      `UPDATE users SET name = coalesce(?, name), email = coalesce(?, email), department = coalesce(?, department), lang = coalesce(?, lang),
         time_zone = coalesce(?, time_zone), updated_at = ? WHERE id = ?`,
    ).run(profile.name ?? null, profile.email ?? null, profile.department ?? null, profile.lang ?? null, profile.timeZone ?? null, now, userId));
  }

  private upsertConversation(message: InboundMessage, userId: number, now: string): number {
    const { ref } = message;
    // The stored ref is refreshed on every message: platforms rotate details such as Teams' serviceUrl.
    const row = this.stmt(
        `INSERT INTO conversations (channel, platform_conversation_id, thread_id, ref_json, user_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (channel, platform_conversation_id, thread_id) DO UPDATE SET ref_json = excluded.ref_json
         RETURNING id`,
      )
      .get(ref.channel, ref.conversationId, ref.threadId ?? '', JSON.stringify(ref), userId, now, now) as Row;
    return Number(row.id);
  }

  async pendingInbound(limit: number, order: 'arrival' | 'fair' = 'arrival') {
    const rows = this.stmt(order === 'arrival'
      ? `SELECT m.id, m.conversation_id, m.text, m.payload_json, m.platform_message_id, m.created_at, c.ref_json
         FROM messages m JOIN conversations c ON c.id = m.conversation_id
         WHERE m.direction = 'in' AND m.processed_at IS NULL ORDER BY m.id LIMIT ?`
      // Round robin over users: every user's oldest message, then every user's second... (see Store); within
      // a round, users with fewer messages waiting go first, so a light user never waits behind a full round.
      : `SELECT m.id, m.conversation_id, m.text, m.payload_json, m.platform_message_id, m.created_at, c.ref_json
         FROM (SELECT m.id, ROW_NUMBER() OVER (PARTITION BY c.user_id ORDER BY m.id) AS user_rank,
                      COUNT(*) OVER (PARTITION BY c.user_id) AS user_waiting
               FROM messages m JOIN conversations c ON c.id = m.conversation_id
               WHERE m.direction = 'in' AND m.processed_at IS NULL) q
         JOIN messages m ON m.id = q.id JOIN conversations c ON c.id = m.conversation_id
         ORDER BY q.user_rank, q.user_waiting, m.id LIMIT ?`)
      .all(limit) as Row[];
    return rows.map(toPendingInbound);
  }

  async pendingInboundById(id: number) {
    const row = this.stmt(`SELECT m.id, m.conversation_id, m.text, m.payload_json, m.platform_message_id, m.created_at, c.ref_json
       FROM messages m JOIN conversations c ON c.id = m.conversation_id
       WHERE m.id = ? AND m.direction = 'in' AND m.processed_at IS NULL`).get(id) as Row | undefined;
    return row ? toPendingInbound(row) : null;
  }

  async getConversation(id: number): Promise<Conversation | null> {
    const row = this.stmt('SELECT * FROM conversations WHERE id = ?').get(id) as Row | undefined;
    return row ? toConversation(row) : null;
  }

  async findConversation(ref: { channel: string; conversationId: string; threadId?: string }) {
    const row = this.stmt('SELECT * FROM conversations WHERE channel = ? AND platform_conversation_id = ? AND thread_id = ?')
      .get(ref.channel, ref.conversationId, ref.threadId ?? '') as Row | undefined;
    return row ? toConversation(row) : null;
  }

  async getUser(id: number) {
    const row = this.stmt('SELECT * FROM users WHERE id = ?').get(id) as Row | undefined;
    return row ? toUser(row) : null;
  }

  async findUser(channel: string, platformUserId: string) {
    const row = this.stmt('SELECT * FROM users WHERE channel = ? AND platform_user_id = ?').get(channel, platformUserId) as Row | undefined;
    return row ? toUser(row) : null;
  }

  async commitTurn(commit: TurnCommit): Promise<TurnResult> {
    return this.write(() => this.applyTurn(commit));
  }

  private applyTurn(commit: TurnCommit): TurnResult {
    const conversation = this.stmt('SELECT * FROM conversations WHERE id = ?').get(commit.conversationId) as Row | undefined;
    if (!conversation || Number(conversation.version) !== commit.expectedVersion) {
      throw new ConflictError(`conversation ${commit.conversationId} changed since it was read; decide the turn again`);
    }
    let openedTicketId: number | null = null;
    let ticketId = conversation.ticket_id === null ? null : Number(conversation.ticket_id);
    for (const change of commit.tickets) {
      const id = this.applyTicketChange(change, Number(conversation.user_id), commit.conversationId, commit.now);
      if (change.kind === 'open') openedTicketId = ticketId = id;
    }
    for (const event of commit.events) {
      const target = event.ticketId === 'new' ? openedTicketId : event.ticketId;
      if (target === null) throw new Error(`turn event ${event.kind} refers to a new ticket but the turn opened none`);
      this.stmt('INSERT INTO ticket_events (ticket_id, at, actor, kind, data_json) VALUES (?, ?, ?, ?, ?)')
        .run(target, commit.now, event.actor, event.kind, JSON.stringify(event.data));
    }
    if (commit.userProfile) this.fillUserProfile(Number(conversation.user_id), commit.userProfile, commit.now);
    const openedNumber = openedTicketId === null ? null : this.ticketNumber(openedTicketId);
    const ref = String(conversation.ref_json);
    const outboxIds = commit.outbound.map((message) => this.enqueue(commit.conversationId, ref, fillTicket(message, openedNumber), commit.now));
    const changed = { mode: commit.mode, lang: commit.lang, state_json: JSON.stringify(commit.state), ticket_id: ticketId, version: Number(conversation.version) + 1, updated_at: commit.now };
    this.stmt('UPDATE conversations SET mode = ?, lang = ?, state_json = ?, ticket_id = ?, version = ?, updated_at = ? WHERE id = ?')
      .run(changed.mode, changed.lang, changed.state_json, changed.ticket_id, changed.version, changed.updated_at, commit.conversationId);
    if (commit.inboundMessageId !== undefined) {
      this.stmt('UPDATE messages SET processed_at = ? WHERE id = ?').run(commit.now, commit.inboundMessageId);
    }
    writeKbRecords(this.stmt, commit, String(conversation.channel));
    // The row as just written (read above in this transaction): no second read.
    const updated = toConversation({ ...conversation, ...changed });
    const openedTicket = openedTicketId === null ? null : toTicket(this.stmt('SELECT * FROM tickets WHERE id = ?').get(openedTicketId) as Row);
    return { conversation: updated, openedTicket, outboxIds };
  }

  private ticketNumber(id: number): string {
    return String((this.stmt('SELECT number FROM tickets WHERE id = ?').get(id) as Row).number);
  }

  private applyTicketChange(change: TicketChange, requesterId: number, conversationId: number, now: string): number {
    if (change.kind === 'open') return this.insertTicket(TicketDraftSchema.parse(change.draft), requesterId, conversationId, now);
    const { columns, values } = ticketUpdateValues(change.fields);
    const sets = columns.map((column) => `${column} = ?`).concat('updated_at = ?');
    this.stmt(`UPDATE tickets SET ${sets.join(', ')} WHERE id = ?`).run(...values, now, change.ticketId);
    return change.ticketId;
  }

  /** Numbers come from a counter row bumped inside the turn's transaction: no gaps, no duplicates. */
  private insertTicket(draft: ReturnType<typeof TicketDraftSchema.parse>, requesterId: number, conversationId: number, now: string): number {
    const prefix = ticketPrefix(draft.type);
    const counter = this.stmt('INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value')
      .get(prefix) as Row;
    const number = formatNumber(prefix, counter.value);
    const info = this.stmt(
        `INSERT INTO tickets (number, type, category, impact, urgency, priority, status, requester_id, conversation_id,
           summary, description, lang, slots_json, classification_json, kb_json, group_name, response_due_at, resolve_due_at,
           resolved_at, closed_at, escalated_at, created_at, updated_at, major_incident_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(number, draft.type, draft.category, draft.impact, draft.urgency, draft.priority, draft.status, requesterId,
        conversationId, draft.summary, draft.description, draft.lang, JSON.stringify(draft.slots),
        draft.classification ? JSON.stringify(draft.classification) : null, JSON.stringify(draft.kbArticles),
        draft.group ?? null, draft.responseDueAt, draft.resolveDueAt,
        // A ticket born closed (solved by self-service) or escalated gets those times from its birth.
        draft.status === 'closed' ? now : null, draft.status === 'closed' ? now : null, draft.status === 'escalated' ? now : null, now, now, draft.knownProblemId ?? null);
    return Number(info.lastInsertRowid);
  }

  /**
   * Queue one delivery (outbox row plus its transcript copy) for a conversation. Turns do it inside commitTurn;
   * other writers (the Slack tier-2 thread) call it inside their own transaction, so the row and their state commit together.
   */
  enqueue(conversationId: number, refJson: string, message: OutboundMessage, now: string): number {
    const outbox = this.stmt('INSERT INTO outbox (conversation_id, ref_json, message_json, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(conversationId, refJson, JSON.stringify(message), now, now);
    const outboxId = Number(outbox.lastInsertRowid);
    this.stmt(
        `INSERT INTO messages (conversation_id, direction, channel, author, text, payload_json, outbox_id, created_at)
         VALUES (?, 'out', ?, 'bot', ?, ?, ?, ?)`,
      )
      // Text empty: the reply is stored once, as its payload (rows.ts derives the plain text when read).
      .run(conversationId, JSON.parse(refJson).channel, '', JSON.stringify(message), outboxId, now);
    return outboxId;
  }

  async getTicketByNumber(number: string) {
    const row = this.stmt('SELECT * FROM tickets WHERE number = ?').get(number.toUpperCase()) as Row | undefined;
    return row ? toTicket(row) : null;
  }

  async getTicket(id: number) {
    const row = this.stmt('SELECT * FROM tickets WHERE id = ?').get(id) as Row | undefined;
    return row ? toTicket(row) : null;
  }

  async ticketsForUser(userId: number, limit: number) {
    const rows = this.stmt('SELECT * FROM tickets WHERE requester_id = ? ORDER BY id DESC LIMIT ?').all(userId, limit) as Row[];
    return rows.map(toTicket);
  }

  async ticketEvents(ticketId: number) {
    const rows = this.stmt('SELECT * FROM ticket_events WHERE ticket_id = ? ORDER BY id').all(ticketId) as Row[];
    return rows.map(toTicketEvent);
  }

  async transcript(conversationId: number, afterId = 0) {
    const rows = this.stmt(
        `SELECT m.*, o.status AS delivery FROM messages m LEFT JOIN outbox o ON o.id = m.outbox_id
         WHERE m.conversation_id = ? AND m.id > ? ORDER BY m.id`,
      )
      .all(conversationId, afterId) as Row[];
    return rows.map(toStoredMessage);
  }

  async dueOutbox(now: string, limit: number): Promise<OutboxRow[]> {
    return this.outbox.due(now, limit);
  }

  async claimDueOutbox(now: string, limit: number, leaseMs: number, options: OutboxClaimOptions = {}): Promise<OutboxRow[]> {
    return this.outbox.claimDue(now, limit, leaseMs, options);
  }

  /** Drop every claim: called by a server that holds the database lock, so their owners are gone. */
  async releaseOutboxClaims(): Promise<number> {
    return this.outbox.releaseClaims();
  }

  markSent(outboxId: number, now: string): Promise<void> {
    return this.outbox.markSent(outboxId, now);
  }

  async markRetry(outboxId: number, error: string, nextAttemptAt: string, options: { countAttempt?: boolean } = {}): Promise<void> {
    this.outbox.markRetry(outboxId, error, nextAttemptAt, options);
  }

  async markFailed(outboxId: number, error: string): Promise<void> {
    this.outbox.markFailed(outboxId, error);
  }

  async countOutbox(status: OutboxRow['status']): Promise<number> {
    return this.outbox.count(status);
  }

  async nextOutboxDue(): Promise<string | null> {
    return this.outbox.nextDue();
  }

  async close() {
    // Messages already handed over are stored, not dropped, by a close in the same tick.
    this.health.stop();
    if (this.db.open) this.flushAccepts();
    if (this.db.open) this.outbox.flushSent();
    if (this.db.open) this.db.close();
  }
}

