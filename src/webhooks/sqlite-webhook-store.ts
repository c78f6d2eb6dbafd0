import type Database from 'better-sqlite3';
import type { ApiScope } from '../api/scopes';
import type { Row } from '../store/rows';
import { prepared } from '../store/statement-cache';
import type { WebhookEvent } from './webhook-events';
import { pumpWebhookEvents, startListening } from './webhook-pump';
import { toDueDelivery, toLogEntry, toSubscription, type DeliveryLogEntry, type DueDelivery, type FailedAttempt, type Subscription, type WebhookStore } from './webhook-store';

/**
 * Webhooks on the SQLite file. One server per file (the database lock), so one sender: a claim always
 * succeeds and is never lost; the subscriptions whose oldest row is due are "claimed" by reading them.
 */
export class SqliteWebhookStore implements WebhookStore {
  constructor(private readonly db: Database.Database) {}

  async addSubscription(input: { url: string; events: WebhookEvent[]; scopes: ApiScope[]; secret: string }, now: string): Promise<Subscription> {
    const id = this.db.transaction(() => {
      startListening(this.db);
      const from = (prepared(this.db, 'SELECT coalesce(max(id), 0) AS id FROM ticket_events').get() as Row).id;
      return prepared(this.db, 'INSERT INTO webhook_subscriptions (url, events, scopes, secret, from_event_id, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(input.url, JSON.stringify(input.events), JSON.stringify(input.scopes), input.secret, from, now).lastInsertRowid;
    }).immediate();
    return (await this.getSubscription(Number(id)))!;
  }

  async getSubscription(id: number): Promise<Subscription | null> {
    const row = prepared(this.db, 'SELECT * FROM webhook_subscriptions WHERE id = ?').get(id) as Row | undefined;
    return row ? toSubscription(row) : null;
  }

  async listSubscriptions(): Promise<(Subscription & { pending: number })[]> {
    return (prepared(this.db, `SELECT s.*, (SELECT count(*) FROM webhook_deliveries d WHERE d.subscription_id = s.id AND d.status = 'pending') AS pending
      FROM webhook_subscriptions s ORDER BY s.id`).all() as Row[]).map((r) => ({ ...toSubscription(r), pending: Number(r.pending) }));
  }

  async removeSubscription(id: number): Promise<void> {
    this.db.transaction(() => {
      prepared(this.db, 'DELETE FROM webhook_deliveries WHERE subscription_id = ?').run(id);
      prepared(this.db, 'DELETE FROM webhook_subscriptions WHERE id = ?').run(id);
    })();
  }

  async disable(id: number, reason: string, now: string): Promise<void> {
    prepared(this.db, 'UPDATE webhook_subscriptions SET disabled_at = ?, disabled_reason = ? WHERE id = ? AND disabled_at IS NULL').run(now, reason.slice(0, 500), id);
  }

  async enable(id: number, now: string): Promise<void> {
    this.db.transaction(() => {
      startListening(this.db);
      prepared(this.db, 'UPDATE webhook_subscriptions SET disabled_at = NULL, disabled_reason = NULL WHERE id = ?').run(id);
      prepared(this.db, "UPDATE webhook_deliveries SET attempts = 0, next_attempt_at = ? WHERE subscription_id = ? AND status = 'pending'").run(now, id);
    }).immediate();
  }

  async recentDeliveries(limit: number): Promise<DeliveryLogEntry[]> {
    return (prepared(this.db, `SELECT id, subscription_id, message_id, event_type, status, attempts, last_status, last_error, next_attempt_at, created_at, sent_at
      FROM webhook_deliveries ORDER BY id DESC LIMIT ?`).all(limit) as Row[]).map(toLogEntry);
  }

  async pump(now: string): Promise<{ read: number; listening: boolean }> {
    return pumpWebhookEvents(this.db, new Date(now));
  }

  async claimDue(_holder: string, now: string, _leaseMs: number, limit: number): Promise<number[]> {
    return (prepared(this.db, `SELECT d.subscription_id FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
      WHERE d.status = 'pending' AND s.disabled_at IS NULL AND d.next_attempt_at <= ?
        AND d.id = (SELECT min(e.id) FROM webhook_deliveries e WHERE e.subscription_id = d.subscription_id AND e.status = 'pending')
      ORDER BY d.id LIMIT ?`).all(now, limit) as Row[]).map((r) => Number(r.subscription_id));
  }

  async holdClaim(): Promise<boolean> {
    return true;
  }

  async releaseClaim(): Promise<void> {}

  async pendingOf(subscriptionId: number, limit: number): Promise<DueDelivery[]> {
    return (prepared(this.db, `SELECT d.*, s.url, s.secret FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
      WHERE d.subscription_id = ? AND d.status = 'pending' ORDER BY d.id LIMIT ?`).all(subscriptionId, limit) as Row[]).map(toDueDelivery);
  }

  async markSent(id: number, status: number, now: string): Promise<void> {
    prepared(this.db, "UPDATE webhook_deliveries SET status = 'sent', attempts = attempts + 1, last_status = ?, last_error = NULL, sent_at = ? WHERE id = ?").run(status, now, id);
  }

  async markFailed(id: number, f: FailedAttempt): Promise<void> {
    prepared(this.db, 'UPDATE webhook_deliveries SET attempts = ?, last_status = ?, last_error = ?, next_attempt_at = ? WHERE id = ?')
      .run(f.attempts, f.status, f.error.slice(0, 500), f.nextAttemptAt, id);
  }

  async nextDue(): Promise<string | null> {
    // Heads only: a later row waits for its subscription's failed head, so its own time would wake the job for nothing.
    const row = prepared(this.db, `SELECT min(d.next_attempt_at) AS due FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
      WHERE d.status = 'pending' AND s.disabled_at IS NULL
        AND d.id = (SELECT min(e.id) FROM webhook_deliveries e WHERE e.subscription_id = d.subscription_id AND e.status = 'pending')`).get() as Row;
    return row.due === null ? null : String(row.due);
  }
}
