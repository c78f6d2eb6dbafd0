import type { RetentionPolicy, RetentionResult, RetentionStore } from '../retention';
import type { PgDatabase, PgQueries } from './pg-database';

/** Rows per statement, as on SQLite: a pass never holds locks on many rows at once. */
const CHUNK = 2_000;
const DAY_MS = 86_400_000;

const cutoff = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();

/** Whether a table exists (tables other stores bring: broadcasts, API calls, webhooks). */
export async function tableExists(q: PgQueries, table: string): Promise<boolean> {
  return Boolean((await q.one('SELECT to_regclass($1) IS NOT NULL AS present', [`public.${table}`]))?.present);
}

/** Run `step` (one chunk, its own transaction) until it changes fewer than CHUNK rows. */
async function inChunks(step: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const changed = await step();
    total += changed;
    if (changed < CHUNK) return total;
  }
}

/**
 * The retention pass on PostgreSQL: the same rules as the SQLite one (src/store/retention.ts, applyRetention),
 * each chunk its own transaction. Space is reclaimed by autovacuum, not by the pass.
 */
export class PgRetentionStore implements RetentionStore {
  constructor(private readonly db: PgDatabase) {}

  async apply(policy: RetentionPolicy, now: Date): Promise<RetentionResult> {
    const db = this.db;
    const result: RetentionResult = { messagesDeleted: 0, payloadsCleared: 0, outboxRowsDeleted: 0, auditEventsDeleted: 0 };
    const payloadsBefore = cutoff(now, policy.sentPayloadDays);
    result.payloadsCleared = await inChunks(() => db.run(`UPDATE outbox SET message_json = '{}' WHERE id IN (
      SELECT id FROM outbox WHERE status <> 'pending' AND created_at < $1 AND message_json <> '{}' LIMIT ${CHUNK})`, [payloadsBefore]));
    if (policy.transcriptDays > 0) {
      const before = cutoff(now, policy.transcriptDays);
      result.messagesDeleted = await inChunks(() => db.run(`DELETE FROM messages WHERE id IN (
        SELECT m.id FROM messages m LEFT JOIN outbox o ON o.id = m.outbox_id
        WHERE m.created_at < $1 AND (m.direction = 'out' OR m.processed_at IS NOT NULL) AND (o.id IS NULL OR o.status <> 'pending')
        LIMIT ${CHUNK})`, [before]));
      // Rows a broadcast delivery still points at are kept for its KPIs (once broadcasts live here too).
      const keptForBroadcasts = (await tableExists(db, 'broadcast_deliveries'))
        ? 'AND NOT EXISTS (SELECT 1 FROM broadcast_deliveries d WHERE d.outbox_id = o.id)' : '';
      result.outboxRowsDeleted = await inChunks(() => db.run(`DELETE FROM outbox WHERE id IN (
        SELECT o.id FROM outbox o WHERE o.status <> 'pending' AND o.created_at < $1 ${keptForBroadcasts} LIMIT ${CHUNK})`, [before]));
    }
    if (policy.auditDays > 0) {
      const before = cutoff(now, policy.auditDays);
      // The audit_maintenance row lets the delete through the append-only trigger; no other transaction sees it.
      result.auditEventsDeleted = await inChunks(() => db.transaction(async (tx) => {
        await tx.run("INSERT INTO audit_maintenance (id, reason) VALUES (1, 'retention')");
        const changed = await tx.run(`DELETE FROM ticket_events WHERE id IN (SELECT id FROM ticket_events WHERE at < $1 LIMIT ${CHUNK})`, [before]);
        await tx.run('DELETE FROM audit_maintenance');
        return changed;
      }));
      // API calls and delivered webhooks are audit records too (pending deliveries always wait).
      if (await tableExists(db, 'api_calls')) {
        await inChunks(() => db.run(`DELETE FROM api_calls WHERE id IN (SELECT id FROM api_calls WHERE at < $1 LIMIT ${CHUNK})`, [before]));
      }
      if (await tableExists(db, 'webhook_deliveries')) {
        await inChunks(() => db.run(`DELETE FROM webhook_deliveries WHERE id IN (
          SELECT id FROM webhook_deliveries WHERE status = 'sent' AND created_at < $1 LIMIT ${CHUNK})`, [before]));
      }
    }
    return result;
  }
}
