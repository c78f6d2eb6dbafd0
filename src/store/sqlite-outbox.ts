import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { toOutboxRow, type Row } from './rows';
import type { OutboxClaimOptions, OutboxRow } from './store';

/** A pending row with no earlier pending row in its conversation: sending it cannot reorder replies. */
const HEAD_OF_CONVERSATION = `o.status = 'pending'
  AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.conversation_id = o.conversation_id AND e.status = 'pending' AND e.id < o.id)`;

/** Not claimed by a dispatcher, or its lease ran out (the `?` is now). */
const UNCLAIMED = '(o.claimed_until IS NULL OR o.claimed_until <= ?)';

/** Rows a dispatcher may send now (both `?` are now); due and claimDue add their own conditions. */
const DUE_ROWS = `SELECT * FROM outbox o WHERE ${HEAD_OF_CONVERSATION} AND ${UNCLAIMED} AND next_attempt_at <= ?`;

/** What the outbox needs from its store: statements, and writes that go through the store's storage health. */
export type OutboxDatabase = {
  stmt: (sql: string) => Database.Statement;
  /** A write transaction taken at BEGIN IMMEDIATE. */
  write: <T>(fn: () => T) => T;
  /** A single write statement. */
  guarded: <T>(fn: () => T) => T;
  /** Whether a sent row's payload is cleared (see SqliteStore.clearPayloadOnSend). */
  clearPayloadOnSend: () => boolean;
};

/**
 * The outbox on the SQLite file (SqliteStore's outbox methods): rows due, claims with a lease, sends recorded,
 * retries and failures. Rows are queued by turns (SqliteStore.enqueue), in their transaction.
 */
export class SqliteOutbox {
  /** Who claims outbox rows through this connection (one per process and store). */
  private readonly owner = randomUUID();
  /** Sends waiting for the next group commit. */
  private sentQueue: Array<{ id: number; now: string; resolve: () => void; reject: (e: unknown) => void }> = [];

  constructor(private readonly db: OutboxDatabase) {}

  due(now: string, limit: number): OutboxRow[] {
    return (this.db.stmt(`${DUE_ROWS} ORDER BY next_attempt_at, id LIMIT ?`).all(now, now, limit) as Row[]).map(toOutboxRow);
  }

  /**
   * Select and claim in one write transaction (BEGIN IMMEDIATE serialises it against every other connection
   * and process): a row handed to one dispatcher is not handed to another until its lease runs out.
   */
  claimDue(now: string, limit: number, leaseMs: number, options: OutboxClaimOptions = {}): OutboxRow[] {
    const until = new Date(Date.parse(now) + leaseMs).toISOString();
    return this.db.write(() => {
      const rows = this.db.stmt(`${DUE_ROWS} AND (? OR o.claimed_by IS NULL OR o.claimed_by = ?) ORDER BY next_attempt_at, id LIMIT ?`)
        .all(now, now, options.takeOver === false ? 0 : 1, this.owner, limit) as Row[];
      const claim = this.db.stmt('UPDATE outbox SET claimed_by = ?, claimed_until = ? WHERE id = ?');
      for (const row of rows) claim.run(this.owner, until, row.id);
      return rows.map(toOutboxRow);
    });
  }

  /** Drop every claim: called by a server that holds the database lock, so their owners are gone. */
  releaseClaims(): number {
    return this.db.guarded(() => this.db.stmt("UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE status = 'pending' AND claimed_by IS NOT NULL").run().changes);
  }

  /**
   * Record a send. Group commit, as for inbound messages: the sends of one dispatcher batch settle in the same
   * event-loop turn, and recording them in one transaction costs one commit instead of one each. Each caller
   * still resolves only once its row is committed as sent.
   */
  markSent(id: number, now: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.sentQueue.push({ id, now, resolve, reject });
      if (this.sentQueue.length === 1) setImmediate(() => this.flushSent());
    });
  }

  /** Commit the sends recorded so far (also before the database closes). */
  flushSent(): void {
    const batch = this.sentQueue;
    this.sentQueue = [];
    if (batch.length === 0) return;
    const payload = this.db.clearPayloadOnSend() ? "'{}'" : 'message_json';
    try {
      this.db.write(() => {
        const sent = this.db.stmt(`UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = ?, message_json = ${payload}, claimed_by = NULL, claimed_until = NULL WHERE id = ?`);
        for (const item of batch) sent.run(item.now, item.id);
      });
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    for (const item of batch) item.resolve();
  }

  markRetry(id: number, error: string, nextAttemptAt: string, options: { countAttempt?: boolean } = {}): void {
    this.db.guarded(() => this.db.stmt('UPDATE outbox SET attempts = attempts + ?, last_error = ?, next_attempt_at = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ?')
      .run(options.countAttempt === false ? 0 : 1, error.slice(0, 1000), nextAttemptAt, id));
  }

  markFailed(id: number, error: string): void {
    this.db.guarded(() => this.db.stmt("UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ?")
      .run(error.slice(0, 1000), id));
  }

  count(status: OutboxRow['status']): number {
    return Number((this.db.stmt('SELECT count(*) AS n FROM outbox WHERE status = ?').get(status) as Row).n);
  }

  nextDue(): string | null {
    // A row claimed by another dispatcher is due again when its lease runs out, not before.
    const row = this.db.stmt(`SELECT min(max(next_attempt_at, coalesce(claimed_until, ''))) AS due FROM outbox o WHERE ${HEAD_OF_CONVERSATION}`).get() as Row;
    return row.due === null ? null : String(row.due);
  }
}
