import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { NotFoundError, ValidationError } from '../errors';
import type { ApiScope } from '../api/scopes';
import { scopeOf, type WebhookEvent } from './webhook-events';

/** A webhook subscription as listed (the secret only when it is created). */
export type Subscription = {
  id: number; url: string; events: WebhookEvent[]; scopes: ApiScope[]; createdAt: string; disabledAt: string | null; disabledReason: string | null;
};

type Row = Record<string, unknown>;
const toSubscription = (r: Row): Subscription => ({
  id: Number(r.id), url: String(r.url), events: JSON.parse(String(r.events)), scopes: JSON.parse(String(r.scopes)), createdAt: String(r.created_at),
  disabledAt: r.disabled_at === null ? null : String(r.disabled_at), disabledReason: r.disabled_reason === null ? null : String(r.disabled_reason),
});

/** Webhook subscriptions (migration 13). A new one receives the changes made after it was added. */
export class Subscriptions {
  constructor(private readonly db: Database.Database) {}

  /** Add a subscription; returns it with its signing secret (`whsec_...`, shown once). */
  add(url: string, events: WebhookEvent[], scopes: ApiScope[], now: Date): Subscription & { secret: string } {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ValidationError(`not a URL: ${url}`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new ValidationError('the webhook URL must be http(s)');
    const missing = events.filter((e) => !scopes.includes(scopeOf(e)));
    if (missing.length > 0) throw new ValidationError(`--scope must include ${[...new Set(missing.map(scopeOf))].join(', ')} for ${missing.join(', ')}`);
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const from = (this.db.prepare('SELECT coalesce(max(id), 0) AS id FROM ticket_events').get() as Row).id;
    const info = this.db.prepare('INSERT INTO webhook_subscriptions (url, events, scopes, secret, from_event_id, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(parsed.toString(), JSON.stringify(events), JSON.stringify(scopes), secret, from, now.toISOString());
    return { ...this.get(Number(info.lastInsertRowid)), secret };
  }

  /** One subscription; NotFoundError for an unknown id. */
  get(id: number): Subscription {
    const row = this.db.prepare('SELECT * FROM webhook_subscriptions WHERE id = ?').get(id) as Row | undefined;
    if (!row) throw new NotFoundError(`no webhook subscription ${id}: see "frontdesk webhooks list"`);
    return toSubscription(row);
  }

  /** Every subscription, oldest first. */
  list(): Subscription[] {
    return (this.db.prepare('SELECT * FROM webhook_subscriptions ORDER BY id').all() as Row[]).map(toSubscription);
  }

  /** The signing secret of a subscription. */
  secret(id: number): string {
    return String((this.db.prepare('SELECT secret FROM webhook_subscriptions WHERE id = ?').get(id) as Row).secret);
  }

  /** Remove a subscription and its delivery log. */
  remove(id: number): void {
    this.get(id);
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM webhook_deliveries WHERE subscription_id = ?').run(id);
      this.db.prepare('DELETE FROM webhook_subscriptions WHERE id = ?').run(id);
    })();
  }

  /** Stop delivering (kept pending: enabling again resumes in order). */
  disable(id: number, reason: string, now: Date): void {
    this.db.prepare('UPDATE webhook_subscriptions SET disabled_at = ?, disabled_reason = ? WHERE id = ? AND disabled_at IS NULL').run(now.toISOString(), reason.slice(0, 500), id);
  }

  /** Deliver again: the waiting deliveries start over with fresh attempts, oldest first. */
  enable(id: number, now: Date): void {
    this.get(id);
    this.db.transaction(() => {
      this.db.prepare('UPDATE webhook_subscriptions SET disabled_at = NULL, disabled_reason = NULL WHERE id = ?').run(id);
      this.db.prepare("UPDATE webhook_deliveries SET attempts = 0, next_attempt_at = ? WHERE subscription_id = ? AND status = 'pending'").run(now.toISOString(), id);
    })();
  }
}
