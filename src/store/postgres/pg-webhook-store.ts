import type { ApiScope } from '../../api/scopes';
import { TICKET_SELECT, ticketOut } from '../../api/ticket-view';
import { eventOfKind, type WebhookEvent } from '../../webhooks/webhook-events';
import { PUMP_BATCH, PUMP_CURSOR, webhookPayload, type AuditEvent, type PumpSubscription } from '../../webhooks/webhook-pump';
import { toDueDelivery, toLogEntry, toSubscription, type DeliveryLogEntry, type DueDelivery, type FailedAttempt, type Subscription, type WebhookStore } from '../../webhooks/webhook-store';
import { toTicket } from '../rows';
import type { PgDatabase, PgQueries } from './pg-database';

/** A ticket as webhooks show it (the API's view), with its requester when `people` is set. */
async function ticketView(q: PgQueries, ticketId: number, people: boolean): Promise<Record<string, unknown> | undefined> {
  const row = await q.one(`${TICKET_SELECT} WHERE t.id = $1`, [ticketId]);
  if (!row) return undefined;
  const u = people ? await q.one('SELECT id, channel, name, email FROM users WHERE id = $1', [row.requester_id]) : undefined;
  const requester = u && { id: Number(u.id), channel: String(u.channel), name: u.name === null ? null : String(u.name), email: u.email === null ? null : String(u.email) };
  return ticketOut(toTicket(row), row.mi_number === null || row.mi_number === undefined ? null : String(row.mi_number), requester);
}

/**
 * Webhooks on PostgreSQL, where every instance runs a sender: a subscription is claimed (FOR UPDATE SKIP
 * LOCKED, with a lease in claimed_by/claimed_until) before its rows are sent, and the claim is renewed before
 * each row, so a subscription's rows go out in order from one instance and none is sent twice.
 */
export class PgWebhookStore implements WebhookStore {
  constructor(private readonly db: PgDatabase) {}

  async addSubscription(input: { url: string; events: WebhookEvent[]; scopes: ApiScope[]; secret: string }, now: string): Promise<Subscription> {
    const row = await this.db.one(`INSERT INTO webhook_subscriptions (url, events, scopes, secret, from_event_id, created_at)
      VALUES ($1, $2, $3, $4, (SELECT coalesce(max(id), 0) FROM ticket_events), $5) RETURNING *`,
    [input.url, JSON.stringify(input.events), JSON.stringify(input.scopes), input.secret, now]);
    return toSubscription(row!);
  }

  async getSubscription(id: number): Promise<Subscription | null> {
    const row = await this.db.one('SELECT * FROM webhook_subscriptions WHERE id = $1', [id]);
    return row ? toSubscription(row) : null;
  }

  async listSubscriptions(): Promise<(Subscription & { pending: number })[]> {
    return (await this.db.rows(`SELECT s.*, (SELECT count(*) FROM webhook_deliveries d WHERE d.subscription_id = s.id AND d.status = 'pending') AS pending
      FROM webhook_subscriptions s ORDER BY s.id`)).map((r) => ({ ...toSubscription(r), pending: Number(r.pending) }));
  }

  async removeSubscription(id: number): Promise<void> {
    // The deliveries go with it (ON DELETE CASCADE).
    await this.db.run('DELETE FROM webhook_subscriptions WHERE id = $1', [id]);
  }

  async disable(id: number, reason: string, now: string): Promise<void> {
    await this.db.run('UPDATE webhook_subscriptions SET disabled_at = $1, disabled_reason = $2 WHERE id = $3 AND disabled_at IS NULL', [now, reason.slice(0, 500), id]);
  }

  async enable(id: number, now: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run('UPDATE webhook_subscriptions SET disabled_at = NULL, disabled_reason = NULL WHERE id = $1', [id]);
      await tx.run("UPDATE webhook_deliveries SET attempts = 0, next_attempt_at = $1 WHERE subscription_id = $2 AND status = 'pending'", [now, id]);
    });
  }

  async recentDeliveries(limit: number): Promise<DeliveryLogEntry[]> {
    return (await this.db.rows(`SELECT id, subscription_id, message_id, event_type, status, attempts, last_status, last_error, next_attempt_at, created_at, sent_at
      FROM webhook_deliveries ORDER BY id DESC LIMIT $1`, [limit])).map(toLogEntry);
  }

  async pump(now: string): Promise<{ read: number; listening: boolean }> {
    return this.db.transaction(async (tx) => {
      const subs: PumpSubscription[] = (await tx.rows('SELECT id, events, scopes, from_event_id FROM webhook_subscriptions WHERE disabled_at IS NULL'))
        .map((r) => ({ id: Number(r.id), events: JSON.parse(String(r.events)), scopes: JSON.parse(String(r.scopes)), from: Number(r.from_event_id) }));
      if (subs.length === 0) {
        await tx.run(`INSERT INTO counters (name, value) SELECT $1, coalesce(max(id), 0) FROM ticket_events
          ON CONFLICT (name) DO UPDATE SET value = greatest(counters.value, excluded.value)`, [PUMP_CURSOR]);
        return { read: 0, listening: false };
      }
      // The cursor row locked: pumps on several instances take turns.
      await tx.run('INSERT INTO counters (name, value) VALUES ($1, 0) ON CONFLICT (name) DO NOTHING', [PUMP_CURSOR]);
      const cursor = Number((await tx.one('SELECT value FROM counters WHERE name = $1 FOR UPDATE', [PUMP_CURSOR]))?.value ?? 0);
      if (!(await tx.one('SELECT 1 FROM ticket_events WHERE id > $1 LIMIT 1', [cursor]))) return { read: 0, listening: true };
      // Ids are drawn before commit: a turn still running may hold a smaller id than one already visible, and the
      // cursor would pass it. SHARE mode waits for every transaction writing audit events to end (and holds new
      // ones for this short read), so everything below the largest id read is committed.
      await tx.run('LOCK TABLE ticket_events IN SHARE MODE');
      const rows = await tx.rows('SELECT * FROM ticket_events WHERE id > $1 ORDER BY id LIMIT $2', [cursor, PUMP_BATCH]);
      for (const r of rows) {
        const event: AuditEvent = { id: Number(r.id), ticketId: Number(r.ticket_id), at: String(r.at), actor: String(r.actor), kind: String(r.kind), data: JSON.parse(String(r.data_json)) };
        const type = eventOfKind(event.kind);
        const wanted = subs.filter((s) => s.from < event.id && s.events.includes(type));
        if (wanted.length === 0) continue;
        // An incident's opening and resolution are written on each of its tickets: one webhook event per incident.
        if (type.startsWith('incident.') && await tx.one("SELECT 1 FROM ticket_events WHERE kind = $1 AND id < $2 AND (data_json::jsonb ->> 'majorIncident') = $3 LIMIT 1",
          [event.kind, event.id, event.data.majorIncident])) continue;
        const views = new Map<boolean, Record<string, unknown> | undefined>();
        for (const sub of wanted) {
          const people = sub.scopes.includes('people:read');
          if (!views.has(people)) views.set(people, await ticketView(tx, event.ticketId, people));
          await tx.run(`INSERT INTO webhook_deliveries (subscription_id, message_id, event_type, payload_json, next_attempt_at, created_at)
            VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT DO NOTHING`,
          [sub.id, `evt_${event.id}`, type, JSON.stringify(webhookPayload(type, event, views.get(people), sub.scopes)), now]);
        }
      }
      await tx.run('UPDATE counters SET value = $2 WHERE name = $1', [PUMP_CURSOR, Number(rows[rows.length - 1].id)]);
      return { read: rows.length, listening: true };
    });
  }

  async claimDue(holder: string, now: string, leaseMs: number, limit: number): Promise<number[]> {
    const until = new Date(Date.parse(now) + leaseMs).toISOString();
    // SKIP LOCKED: a subscription another instance is claiming right now is left to it, not waited for.
    const rows = await this.db.rows(
      `UPDATE webhook_subscriptions SET claimed_by = $1, claimed_until = $2 WHERE id IN (
         SELECT s.id FROM webhook_subscriptions s
         WHERE s.disabled_at IS NULL AND (s.claimed_until IS NULL OR s.claimed_until <= $3)
           AND EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.subscription_id = s.id AND d.status = 'pending' AND d.next_attempt_at <= $3
             AND d.id = (SELECT min(e.id) FROM webhook_deliveries e WHERE e.subscription_id = s.id AND e.status = 'pending'))
         ORDER BY s.id LIMIT $4 FOR UPDATE SKIP LOCKED)
       RETURNING id`, [holder, until, now, limit]);
    return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
  }

  async holdClaim(subscriptionId: number, holder: string, now: string, leaseMs: number): Promise<boolean> {
    const until = new Date(Date.parse(now) + leaseMs).toISOString();
    return (await this.db.run('UPDATE webhook_subscriptions SET claimed_until = $3 WHERE id = $1 AND claimed_by = $2', [subscriptionId, holder, until])) === 1;
  }

  async releaseClaim(subscriptionId: number, holder: string): Promise<void> {
    await this.db.run('UPDATE webhook_subscriptions SET claimed_by = NULL, claimed_until = NULL WHERE id = $1 AND claimed_by = $2', [subscriptionId, holder]);
  }

  async pendingOf(subscriptionId: number, limit: number): Promise<DueDelivery[]> {
    return (await this.db.rows(`SELECT d.*, s.url, s.secret FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
      WHERE d.subscription_id = $1 AND d.status = 'pending' ORDER BY d.id LIMIT $2`, [subscriptionId, limit])).map(toDueDelivery);
  }

  async markSent(id: number, status: number, now: string): Promise<void> {
    await this.db.run("UPDATE webhook_deliveries SET status = 'sent', attempts = attempts + 1, last_status = $1, last_error = NULL, sent_at = $2 WHERE id = $3", [status, now, id]);
  }

  async markFailed(id: number, f: FailedAttempt): Promise<void> {
    await this.db.run('UPDATE webhook_deliveries SET attempts = $1, last_status = $2, last_error = $3, next_attempt_at = $4 WHERE id = $5',
      [f.attempts, f.status, f.error.slice(0, 500), f.nextAttemptAt, id]);
  }

  async nextDue(): Promise<string | null> {
    // Heads only: a later row waits for its subscription's failed head, so its own time would wake the job for nothing.
    const row = await this.db.one(`SELECT min(d.next_attempt_at) AS due FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
      WHERE d.status = 'pending' AND s.disabled_at IS NULL
        AND d.id = (SELECT min(e.id) FROM webhook_deliveries e WHERE e.subscription_id = d.subscription_id AND e.status = 'pending')`);
    return row?.due === null || row?.due === undefined ? null : String(row.due);
  }
}
