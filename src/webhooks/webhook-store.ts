import type { ApiScope } from '../api/scopes';
import type { WebhookEvent } from './webhook-events';

/** A webhook subscription as listed (the secret only when it is created). */
export type Subscription = {
  id: number; url: string; events: WebhookEvent[]; scopes: ApiScope[]; createdAt: string; disabledAt: string | null; disabledReason: string | null;
};

/** One delivery to send, with where and how to sign it. */
export type DueDelivery = { id: number; subscriptionId: number; messageId: string; body: string; attempts: number; url: string; secret: string };

/** One line of the delivery log. */
export type DeliveryLogEntry = {
  id: number; subscription: number; messageId: string; event: string; status: string; attempts: number;
  lastStatus: number | null; lastError: string | null; nextAttemptAt: string; createdAt: string; sentAt: string | null;
};

/** What a failed attempt leaves on its row. */
export type FailedAttempt = { attempts: number; status: number | null; error: string; nextAttemptAt: string };

type Row = Record<string, unknown>;

/** A webhook_subscriptions row as a Subscription (both databases). */
export const toSubscription = (r: Row): Subscription => ({
  id: Number(r.id), url: String(r.url), events: JSON.parse(String(r.events)), scopes: JSON.parse(String(r.scopes)), createdAt: String(r.created_at),
  disabledAt: r.disabled_at === null ? null : String(r.disabled_at), disabledReason: r.disabled_reason === null ? null : String(r.disabled_reason),
});

/** A delivery row (joined with its subscription's url and secret) as a DueDelivery. */
export const toDueDelivery = (r: Row): DueDelivery => ({
  id: Number(r.id), subscriptionId: Number(r.subscription_id), messageId: String(r.message_id), body: String(r.payload_json),
  attempts: Number(r.attempts), url: String(r.url), secret: String(r.secret),
});

/** A delivery row as a line of the log. */
export const toLogEntry = (d: Row): DeliveryLogEntry => ({
  id: Number(d.id), subscription: Number(d.subscription_id), messageId: String(d.message_id), event: String(d.event_type), status: String(d.status),
  attempts: Number(d.attempts), lastStatus: d.last_status === null ? null : Number(d.last_status), lastError: d.last_error === null ? null : String(d.last_error),
  nextAttemptAt: String(d.next_attempt_at), createdAt: String(d.created_at), sentAt: d.sent_at === null ? null : String(d.sent_at),
});

/**
 * Webhook subscriptions and their deliveries (SQLite migration 13, PostgreSQL migration 7), on either database
 * (CoreStores.webhooks). Senders claim a subscription before sending its rows: its rows go out in order, by
 * one sender at a time, so two instances never send one delivery twice.
 */
export interface WebhookStore {
  /** Add a subscription that receives the audit events written after now. */
  addSubscription(input: { url: string; events: WebhookEvent[]; scopes: ApiScope[]; secret: string }, now: string): Promise<Subscription>;
  getSubscription(id: number): Promise<Subscription | null>;
  /** Every subscription, oldest first, with its count of deliveries waiting. */
  listSubscriptions(): Promise<(Subscription & { pending: number })[]>;
  /** Remove a subscription and its delivery log. */
  removeSubscription(id: number): Promise<void>;
  /** Stop delivering (rows stay pending, in order). */
  disable(id: number, reason: string, now: string): Promise<void>;
  /** Deliver again: the waiting rows start over with fresh attempts. */
  enable(id: number, now: string): Promise<void>;
  /** The latest deliveries, newest first. */
  recentDeliveries(limit: number): Promise<DeliveryLogEntry[]>;
  /**
   * Turn new audit events into delivery rows (one per matching subscription) and move the cursor, in one
   * transaction: each event is queued once. `read` is how many events were read; `listening` whether any
   * subscription is enabled.
   */
  pump(now: string): Promise<{ read: number; listening: boolean }>;
  /** Claim, for `holder` until now + leaseMs, up to `limit` enabled subscriptions whose oldest pending row is due; their ids. */
  claimDue(holder: string, now: string, leaseMs: number, limit: number): Promise<number[]>;
  /** Extend the claim before each send; false when another sender has taken the subscription over. */
  holdClaim(subscriptionId: number, holder: string, now: string, leaseMs: number): Promise<boolean>;
  /** Give the claim up (the round is over). */
  releaseClaim(subscriptionId: number, holder: string): Promise<void>;
  /** The pending rows of a subscription, oldest first. */
  pendingOf(subscriptionId: number, limit: number): Promise<DueDelivery[]>;
  /** The receiver took it (2xx). */
  markSent(id: number, status: number, now: string): Promise<void>;
  /** The attempt failed: count it and set the next one. */
  markFailed(id: number, failure: FailedAttempt): Promise<void>;
  /** When the next pending row of an enabled subscription is due, or null. */
  nextDue(): Promise<string | null>;
}
