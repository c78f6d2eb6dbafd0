import type Database from 'better-sqlite3';
import type { ApiScope } from '../api/scopes';
import { TICKET_SELECT, ticketsOut, type TicketRow } from '../api/ticket-view';
import type { Row } from '../store/rows';
import { prepared } from '../store/statement-cache';
import { eventOfKind, type WebhookEvent } from './webhook-events';

/** Audit events read per pump round. */
export const PUMP_BATCH = 500;
/** The counters row holding the id of the last audit event pumped. */
export const PUMP_CURSOR = 'webhook_event_cursor';

/** An enabled subscription as the pump reads it. */
export type PumpSubscription = { id: number; events: WebhookEvent[]; scopes: ApiScope[]; from: number };
/** A ticket_events row as the pump reads it. */
export type AuditEvent = { id: number; ticketId: number; at: string; actor: string; kind: string; data: Record<string, unknown> };

/** Kinds whose text is the user's or an agent's words: sent only with `conversations:read`. */
const WORDS = new Set(['user_comment', 'user_message', 'agent_reply', 'internal_note']);

/**
 * The body of one event for one subscription. Only what its scopes allow: the requester's identity with
 * `people:read`, comment texts with `conversations:read`; a requester acting is "requester" otherwise.
 * Shared by both databases' pumps.
 */
export function webhookPayload(type: WebhookEvent, event: AuditEvent, ticket: Record<string, unknown> | undefined, scopes: ApiScope[]): Record<string, unknown> {
  const people = scopes.includes('people:read');
  const actor = !people && event.actor.startsWith('user:') ? 'requester' : event.actor;
  const base = { type, timestamp: event.at };
  if (type.startsWith('incident.')) {
    const d = event.data;
    return { ...base, data: { incident: { number: d.majorIncident, title: d.title ?? null, category: d.category ?? null, resolution: d.resolution ?? null }, at: event.at } };
  }
  const change: Record<string, unknown> = { kind: event.kind, actor, at: event.at };
  if (event.kind === 'updated' && event.data.changes) change.changes = event.data.changes;
  if (WORDS.has(event.kind) && scopes.includes('conversations:read')) change.text = event.data.text ?? null;
  if (event.kind === 'resolved') change.resolution = event.data.note ?? null;
  return { ...base, data: { ticket, change } };
}

/**
 * Turn new audit events (ticket_events, where every change of every writer is recorded) into delivery
 * rows, one per matching subscription, and move the cursor, in one transaction: an event is queued once,
 * even across a crash. A subscription gets the events after its creation only. Returns the events read,
 * and whether any subscription is enabled (none: there is nothing to send either).
 */
export function pumpWebhookEvents(db: Database.Database, now: Date): { read: number; listening: boolean } {
  // Nobody listening: nothing to queue and nothing written. This runs after every committed turn, and a
  // write here was a second commit per turn; the cursor moves when someone starts listening (startListening).
  if (!anyoneListening(db)) return { read: 0, listening: false };
  return db.transaction(() => {
    const subs: PumpSubscription[] = (prepared(db, 'SELECT id, events, scopes, from_event_id FROM webhook_subscriptions WHERE disabled_at IS NULL').all() as Row[])
      .map((r) => ({ id: Number(r.id), events: JSON.parse(String(r.events)), scopes: JSON.parse(String(r.scopes)), from: Number(r.from_event_id) }));
    // Disabled since the check above (another process): as above, nothing to queue.
    if (subs.length === 0) return { read: 0, listening: false };
    const cursor = Number((prepared(db, 'SELECT value FROM counters WHERE name = ?').get(PUMP_CURSOR) as Row | undefined)?.value ?? 0);
    const rows = prepared(db, 'SELECT * FROM ticket_events WHERE id > ? ORDER BY id LIMIT ?').all(cursor, PUMP_BATCH) as Row[];
    if (rows.length === 0) return { read: 0, listening: true };
    const insert = prepared(db, `INSERT OR IGNORE INTO webhook_deliveries (subscription_id, message_id, event_type, payload_json, next_attempt_at, created_at)
      VALUES (?, ?, ?, ?, ?, ?)`);
    const ticketRow = prepared(db, `${TICKET_SELECT} WHERE t.id = ?`);
    const earlier = prepared(db, "SELECT 1 FROM ticket_events WHERE kind = ? AND id < ? AND json_extract(data_json, '$.majorIncident') = ? LIMIT 1");
    for (const r of rows) {
      const event: AuditEvent = { id: Number(r.id), ticketId: Number(r.ticket_id), at: String(r.at), actor: String(r.actor), kind: String(r.kind), data: JSON.parse(String(r.data_json)) };
      const type = eventOfKind(event.kind);
      const wanted = subs.filter((s) => s.from < event.id && s.events.includes(type));
      if (wanted.length === 0) continue;
      // An incident's opening and resolution are written on each of its tickets: one webhook event per incident.
      if (type.startsWith('incident.') && earlier.get(event.kind, event.id, event.data.majorIncident)) continue;
      const row = ticketRow.get(event.ticketId) as TicketRow | undefined;
      const views = new Map<boolean, Record<string, unknown> | undefined>();
      for (const sub of wanted) {
        const people = sub.scopes.includes('people:read');
        if (!views.has(people)) views.set(people, row ? ticketsOut(db, [row], people)[0] : undefined);
        const body = JSON.stringify(webhookPayload(type, event, views.get(people), sub.scopes));
        insert.run(sub.id, `evt_${event.id}`, type, body, now.toISOString(), now.toISOString());
      }
    }
    prepared(db, 'INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value').run(PUMP_CURSOR, Number(rows[rows.length - 1].id));
    return { read: rows.length, listening: true };
  }).immediate();
}

function anyoneListening(db: Database.Database): boolean {
  return prepared(db, 'SELECT 1 FROM webhook_subscriptions WHERE disabled_at IS NULL LIMIT 1').get() !== undefined;
}

/**
 * Call inside the transaction that adds or enables a subscription, before it does: when nobody listened, the
 * pump left the cursor where it was, and the events since then (written while nobody listened) are not to
 * be sent, so the cursor moves to the last event now.
 */
export function startListening(db: Database.Database): void {
  if (anyoneListening(db)) return;
  prepared(db, `INSERT INTO counters (name, value) SELECT ?, coalesce(max(id), 0) FROM ticket_events WHERE true
    ON CONFLICT (name) DO UPDATE SET value = excluded.value`).run(PUMP_CURSOR);
}
