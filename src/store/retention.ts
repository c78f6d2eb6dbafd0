import type Database from 'better-sqlite3';
import type { Logger } from '../log';

/** Days to keep each kind of data; 0 keeps it forever. */
export type RetentionPolicy = { transcriptDays: number; sentPayloadDays: number; auditDays: number };

/** What one pass removed. */
export type RetentionResult = { messagesDeleted: number; payloadsCleared: number; outboxRowsDeleted: number; auditEventsDeleted: number };

/** The retention pass on the database the stores use (SQLite: applyRetention below; PostgreSQL: PgRetentionStore). */
export interface RetentionStore {
  /** Apply the policy once at `now` (see applyRetention for the rules); returns what it removed. */
  apply(policy: RetentionPolicy, now: Date): Promise<RetentionResult>;
}

/** Rows per transaction: a pass never holds the write lock long enough to delay a turn noticeably. */
const CHUNK = 2_000;
const DAY_MS = 86_400_000;

const cutoff = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();

/** Run `statement` in chunks of CHUNK rows, each in its own write transaction, until it changes nothing. */
function inChunks(db: Database.Database, run: () => number): number {
  let total = 0;
  for (;;) {
    const changed = db.transaction(run).immediate();
    total += changed;
    if (changed < CHUNK) return total;
  }
}

/**
 * Apply the policy once:
 * - transcripts: messages older than `transcriptDays` (answered inbound ones, delivered or failed outbound ones),
 *   and their finished outbox rows (kept while a broadcast delivery still points at them, for its KPIs);
 * - sent payloads: the outbox copy of a reply (the transcript holds it too) is cleared `sentPayloadDays` after
 *   it was created, once the row is no longer pending (0: failed rows at once; sent ones are cleared by markSent);
 * - audit: ticket events older than `auditDays` (the append-only triggers let only this and erasure through).
 * Ticket rows, numbers, counters and KPI fields are never touched. Space goes back to the disk afterwards
 * (incremental vacuum, on databases created with it).
 */
export function applyRetention(db: Database.Database, policy: RetentionPolicy, now: Date): RetentionResult {
  const result: RetentionResult = { messagesDeleted: 0, payloadsCleared: 0, outboxRowsDeleted: 0, auditEventsDeleted: 0 };
  {
    const clear = db.prepare(`UPDATE outbox SET message_json = '{}' WHERE id IN (
      SELECT id FROM outbox WHERE status != 'pending' AND created_at < ? AND message_json != '{}' LIMIT ${CHUNK})`);
    result.payloadsCleared = inChunks(db, () => clear.run(cutoff(now, policy.sentPayloadDays)).changes);
  }
  if (policy.transcriptDays > 0) {
    const before = cutoff(now, policy.transcriptDays);
    const messages = db.prepare(`DELETE FROM messages WHERE id IN (
      SELECT m.id FROM messages m LEFT JOIN outbox o ON o.id = m.outbox_id
      WHERE m.created_at < ? AND (m.direction = 'out' OR m.processed_at IS NOT NULL) AND (o.id IS NULL OR o.status != 'pending')
      LIMIT ${CHUNK})`);
    result.messagesDeleted = inChunks(db, () => messages.run(before).changes);
    const outbox = db.prepare(`DELETE FROM outbox WHERE id IN (
      SELECT o.id FROM outbox o WHERE o.status != 'pending' AND o.created_at < ?
        AND NOT EXISTS (SELECT 1 FROM broadcast_deliveries d WHERE d.outbox_id = o.id) LIMIT ${CHUNK})`);
    result.outboxRowsDeleted = inChunks(db, () => outbox.run(before).changes);
  }
  if (policy.auditDays > 0) {
    const before = cutoff(now, policy.auditDays);
    const open = db.prepare("INSERT INTO audit_maintenance (id, reason) VALUES (1, 'retention')");
    const events = db.prepare(`DELETE FROM ticket_events WHERE id IN (SELECT id FROM ticket_events WHERE at < ? LIMIT ${CHUNK})`);
    const close = db.prepare('DELETE FROM audit_maintenance');
    result.auditEventsDeleted = inChunks(db, () => {
      open.run();
      const changed = events.run(before).changes;
      close.run();
      return changed;
    });
    // API calls and delivered webhooks are audit records too (pending deliveries always wait).
    const calls = db.prepare(`DELETE FROM api_calls WHERE id IN (SELECT id FROM api_calls WHERE at < ? LIMIT ${CHUNK})`);
    inChunks(db, () => calls.run(before).changes);
    const hooks = db.prepare(`DELETE FROM webhook_deliveries WHERE id IN (SELECT id FROM webhook_deliveries WHERE status = 'sent' AND created_at < ? LIMIT ${CHUNK})`);
    inChunks(db, () => hooks.run(before).changes);
  }
  if (Number(db.pragma('auto_vacuum', { simple: true })) === 2) db.pragma('incremental_vacuum');
  return result;
}

/** Hours between two passes of the retention job. */
const EVERY_MS = 60 * 60_000;

/** The background job: one pass shortly after start, then hourly; logs what it removed (counts only). */
export function createRetentionJob(options: { retention: RetentionStore; policy: RetentionPolicy; clock: () => Date; log: Logger }) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const pass = async () => {
    try {
      const result = await options.retention.apply(options.policy, options.clock());
      if (Object.values(result).some((n) => n > 0)) options.log.info(result, 'retention pass');
    } catch (error) {
      options.log.warn({ err: error }, 'retention pass failed; retried at the next one');
    }
  };
  return {
    start(): void {
      timer = setTimeout(function tick() {
        running = pass();
        timer = setTimeout(tick, EVERY_MS);
        timer.unref();
      }, 10_000);
      timer.unref();
    },
    async stop(): Promise<void> {
      if (timer) clearTimeout(timer);
      timer = null;
      // A pass under way finishes before the lease is given up (another instance may start one next).
      await running;
    },
  };
}
