import { randomBytes } from 'node:crypto';
import { NotFoundError, ValidationError } from '../errors';
import type { ApiScope } from '../api/scopes';
import { scopeOf, type WebhookEvent } from './webhook-events';
import type { Subscription, WebhookStore } from './webhook-store';

export type { Subscription } from './webhook-store';

/** Webhook subscriptions as admins manage them (checked input, secrets made here), on a WebhookStore. A new one receives the changes made after it was added. */
export class Subscriptions {
  constructor(private readonly store: WebhookStore) {}

  /** Add a subscription; returns it with its signing secret (`whsec_...`, shown once). */
  async add(url: string, events: WebhookEvent[], scopes: ApiScope[], now: Date): Promise<Subscription & { secret: string }> {
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
    const created = await this.store.addSubscription({ url: parsed.toString(), events, scopes, secret }, now.toISOString());
    return { ...created, secret };
  }

  /** One subscription; NotFoundError for an unknown id. */
  async get(id: number): Promise<Subscription> {
    const found = await this.store.getSubscription(id);
    if (!found) throw new NotFoundError(`no webhook subscription ${id}: see "frontdesk webhooks list"`);
    return found;
  }

  /** Every subscription, oldest first. */
  async list(): Promise<Subscription[]> {
    return (await this.store.listSubscriptions()).map(({ pending: _pending, ...s }) => s);
  }

  /** Remove a subscription and its delivery log. */
  async remove(id: number): Promise<void> {
    await this.get(id);
    await this.store.removeSubscription(id);
  }

  /** Stop delivering (kept pending: enabling again resumes in order). */
  async disable(id: number, reason: string, now: Date): Promise<void> {
    await this.store.disable(id, reason, now.toISOString());
  }

  /** Deliver again: the waiting deliveries start over with fresh attempts, oldest first. */
  async enable(id: number, now: Date): Promise<void> {
    await this.get(id);
    await this.store.enable(id, now.toISOString());
  }
}
