import type Database from 'better-sqlite3';
import { Webhook } from 'standardwebhooks';
import type { Logger } from '../log';
import type { Row } from '../store/rows';
import { prepared } from '../store/statement-cache';
import { Subscriptions } from './subscriptions';

/** Retry policy and limits of webhook delivery. */
export type SenderOptions = {
  db: Database.Database;
  log: Logger;
  clock: () => Date;
  /** Failed attempts in a row after which the subscription is disabled (default 10). */
  maxAttempts: number;
  /** First retry delay; doubles per attempt up to an hour (default 1 s). */
  baseDelayMs: number;
  /** A receiver taking longer has failed this attempt (default 10 s). */
  timeoutMs: number;
  /** Subscriptions sent to at once (each one strictly in order). */
  concurrency?: number;
};

/** What one round did. */
export type RoundResult = { sent: number; failed: number };

const MAX_DELAY_MS = 3_600_000;

/** Signed headers of one delivery in the Standard Webhooks style: HMAC-SHA256 over `id.timestamp.body`. */
export function signedHeaders(secret: string, messageId: string, at: Date, body: string): Record<string, string> {
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(messageId, at, body),
  };
}

/**
 * Sends delivery rows: per subscription only its oldest pending row (so order holds across retries and
 * restarts), subscriptions in parallel. A 2xx is delivered; a 410 disables the subscription at once;
 * other failures are retried with exponential backoff (Retry-After respected) until `maxAttempts`
 * failures in a row disable it. Rows of a disabled subscription wait, in order, for `webhooks enable`.
 */
export class WebhookSender {
  private readonly subscriptions: Subscriptions;

  constructor(private readonly o: SenderOptions) {
    this.subscriptions = new Subscriptions(o.db);
  }

  /**
   * For every subscription whose oldest pending row is due, send its pending rows one after the other
   * (up to `batch`), stopping at the first failure; subscriptions in parallel. Returns counts.
   */
  async round(batch = 50): Promise<RoundResult> {
    const now = this.o.clock().toISOString();
    const heads = prepared(this.o.db, `SELECT d.subscription_id FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
      WHERE d.status = 'pending' AND s.disabled_at IS NULL AND d.next_attempt_at <= ?
        AND d.id = (SELECT min(e.id) FROM webhook_deliveries e WHERE e.subscription_id = d.subscription_id AND e.status = 'pending')
      ORDER BY d.id LIMIT ?`).all(now, this.o.concurrency ?? 32) as Row[];
    const pending = prepared(this.o.db, `SELECT d.*, s.url, s.secret FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
      WHERE d.subscription_id = ? AND d.status = 'pending' ORDER BY d.id LIMIT ?`);
    const counts = await Promise.all(heads.map(async (head) => {
      let sent = 0;
      for (const row of pending.all(head.subscription_id, batch) as Row[]) {
        if (!(await this.deliver(row))) return { sent, failed: 1 };
        sent++;
      }
      return { sent, failed: 0 };
    }));
    return { sent: counts.reduce((n, c) => n + c.sent, 0), failed: counts.reduce((n, c) => n + c.failed, 0) };
  }

  /** When the next pending row of an enabled subscription is due, or null. */
  nextDue(): string | null {
    const row = prepared(this.o.db, `SELECT min(d.next_attempt_at) AS due FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
      WHERE d.status = 'pending' AND s.disabled_at IS NULL`).get() as Row;
    return row.due === null ? null : String(row.due);
  }

  private async deliver(row: Row): Promise<boolean> {
    const { db, log, clock } = this.o;
    const id = Number(row.id);
    const subscriptionId = Number(row.subscription_id);
    const body = String(row.payload_json);
    let status: number | null = null;
    let error: string | null = null;
    let retryAfterMs = 0;
    try {
      const res = await fetch(String(row.url), {
        method: 'POST', redirect: 'manual', signal: AbortSignal.timeout(this.o.timeoutMs),
        headers: { 'content-type': 'application/json', 'user-agent': 'Frontdesk-Webhooks/1', ...signedHeaders(String(row.secret), String(row.message_id), clock(), body) },
        body,
      });
      status = res.status;
      retryAfterMs = Number(res.headers.get('retry-after') ?? 0) * 1000 || 0;
      await res.arrayBuffer().catch(() => undefined);
    } catch (err) {
      error = (err as Error).name === 'TimeoutError' ? `no answer within ${this.o.timeoutMs} ms` : `unreachable: ${(err as Error).message}`;
    }
    const now = clock();
    if (status !== null && status >= 200 && status < 300) {
      prepared(db, "UPDATE webhook_deliveries SET status = 'sent', attempts = attempts + 1, last_status = ?, last_error = NULL, sent_at = ? WHERE id = ?").run(status, now.toISOString(), id);
      return true;
    }
    const attempts = Number(row.attempts) + 1;
    const reason = error ?? `answered ${status}`;
    const delay = Math.max(retryAfterMs, Math.min(MAX_DELAY_MS, this.o.baseDelayMs * 2 ** (attempts - 1)));
    prepared(db, 'UPDATE webhook_deliveries SET attempts = ?, last_status = ?, last_error = ?, next_attempt_at = ? WHERE id = ?')
      .run(attempts, status, reason.slice(0, 500), new Date(now.getTime() + delay).toISOString(), id);
    const gone = status === 410;
    if (gone || attempts >= this.o.maxAttempts) {
      const why = gone ? 'the receiver answered 410 Gone' : `${attempts} failed attempts in a row (last: ${reason})`;
      this.subscriptions.disable(subscriptionId, why, now);
      // The notice to admins: this log line, and the console's Webhooks page shows the reason in red.
      log.error({ subscription: subscriptionId, reason: why }, 'webhook subscription disabled: fix the receiver, then "frontdesk webhooks enable ID"');
    } else {
      log.warn({ subscription: subscriptionId, delivery: id, attempt: attempts, reason }, 'webhook delivery failed: will retry');
    }
    return false;
  }
}
