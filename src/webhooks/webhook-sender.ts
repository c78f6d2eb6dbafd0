import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { Logger } from '../log';
import type { DueDelivery, WebhookStore } from './webhook-store';

/** Retry policy and limits of webhook delivery. */
export type SenderOptions = {
  /** Where subscriptions and deliveries live (CoreStores.webhooks). */
  webhooks: WebhookStore;
  /** Who claims subscriptions (one name per sender; default: random). */
  holder?: string;
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
  private readonly holder: string;
  /** Long enough for one send and its bookkeeping: the claim is renewed before every row. */
  private readonly leaseMs: number;

  constructor(private readonly o: SenderOptions) {
    this.holder = o.holder ?? `webhooks:${process.pid}:${randomUUID()}`;
    this.leaseMs = 2 * o.timeoutMs + 30_000;
  }

  /**
   * For every subscription whose oldest pending row is due, send its pending rows one after the other
   * (up to `batch`), stopping at the first failure; subscriptions in parallel. Returns counts.
   */
  async round(batch = 50): Promise<RoundResult> {
    const { webhooks } = this.o;
    const claimed = await webhooks.claimDue(this.holder, this.o.clock().toISOString(), this.leaseMs, this.o.concurrency ?? 32);
    const counts = await Promise.all(claimed.map(async (subscriptionId) => {
      let sent = 0;
      try {
        for (const row of await webhooks.pendingOf(subscriptionId, batch)) {
          // Another sender took the subscription over (this one stalled past its claim): it sends the rest.
          if (!(await webhooks.holdClaim(subscriptionId, this.holder, this.o.clock().toISOString(), this.leaseMs))) break;
          if (!(await this.deliver(row))) return { sent, failed: 1 };
          sent++;
        }
        return { sent, failed: 0 };
      } finally {
        await webhooks.releaseClaim(subscriptionId, this.holder).catch(() => undefined);
      }
    }));
    return { sent: counts.reduce((n, c) => n + c.sent, 0), failed: counts.reduce((n, c) => n + c.failed, 0) };
  }

  /** When the next pending row of an enabled subscription is due, or null. */
  nextDue(): Promise<string | null> {
    return this.o.webhooks.nextDue();
  }

  private async deliver(row: DueDelivery): Promise<boolean> {
    const { webhooks, log, clock } = this.o;
    const { id, subscriptionId, body } = row;
    let status: number | null = null;
    let error: string | null = null;
    let retryAfterMs = 0;
    try {
      const res = await fetch(row.url, {
        method: 'POST', redirect: 'manual', signal: AbortSignal.timeout(this.o.timeoutMs),
        headers: { 'content-type': 'application/json', 'user-agent': 'Frontdesk-Webhooks/1', ...signedHeaders(row.secret, row.messageId, clock(), body) },
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
      await webhooks.markSent(id, status, now.toISOString());
      return true;
    }
    const attempts = row.attempts + 1;
    const reason = error ?? `answered ${status}`;
    const delay = Math.max(retryAfterMs, Math.min(MAX_DELAY_MS, this.o.baseDelayMs * 2 ** (attempts - 1)));
    await webhooks.markFailed(id, { attempts, status, error: reason, nextAttemptAt: new Date(now.getTime() + delay).toISOString() });
    const gone = status === 410;
    if (gone || attempts >= this.o.maxAttempts) {
      const why = gone ? 'the receiver answered 410 Gone' : `${attempts} failed attempts in a row (last: ${reason})`;
      await webhooks.disable(subscriptionId, why, now.toISOString());
      // The notice to admins: this log line, and the console's Webhooks page shows the reason in red.
      log.error({ subscription: subscriptionId, reason: why }, 'webhook subscription disabled: fix the receiver, then "frontdesk webhooks enable ID"');
    } else {
      log.warn({ subscription: subscriptionId, delivery: id, attempt: attempts, reason }, 'webhook delivery failed: will retry');
    }
    return false;
  }
}
