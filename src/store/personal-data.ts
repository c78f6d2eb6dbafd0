import type Database from 'better-sqlite3';
import { NotFoundError } from '../errors';

type Row = Record<string, unknown>;

/** Users a selector names: a numeric user id, or an email address (every channel's user with that address). */
export function findUsers(db: Database.Database, selector: string): Row[] {
  const rows = /^\d+$/.test(selector)
    ? (db.prepare('SELECT * FROM users WHERE id = ?').all(Number(selector)) as Row[])
    : (db.prepare('SELECT * FROM users WHERE lower(email) = lower(?) ORDER BY id').all(selector.trim()) as Row[]);
  if (rows.length === 0) throw new NotFoundError(`no user with ${/^\d+$/.test(selector) ? 'id' : 'email'} ${selector}`);
  return rows;
}

/** Audit-event fields that are facts about the ticket, not about the person: kept by an erasure (KPIs read them). */
const KEPT_EVENT_FIELDS = new Set(['by', 'channel', 'dialog', 'articles', 'group', 'priority', 'category', 'status', 'score']);

/** An audit event's data reduced to the facts an erasure keeps. */
export function keepFacts(data: string): string {
  const parsed = JSON.parse(data) as Record<string, unknown>;
  return JSON.stringify(Object.fromEntries(Object.entries(parsed).filter(([key, value]) => KEPT_EVENT_FIELDS.has(key) && (typeof value !== 'string' || value.length <= 40))));
}

/** What an erasure changed. */
export type ErasureResult = { users: number; conversations: number; messages: number; tickets: number; events: number; outbox: number };

/**
 * GDPR erasure in one transaction: name, email, department and platform ids, transcripts, ticket texts and
 * details, the personal parts of audit events and queued replies are removed. Ticket rows with their numbers,
 * categories, priorities, times, CSAT scores and event kinds stay, so numbering and KPI figures do not change.
 */
export function erasePersonalData(db: Database.Database, selector: string, now: Date, actor = 'admin:cli'): ErasureResult {
  return db.transaction(() => {
    const users = findUsers(db, selector);
    const result: ErasureResult = { users: users.length, conversations: 0, messages: 0, tickets: 0, events: 0, outbox: 0 };
    db.prepare("INSERT INTO audit_maintenance (id, reason) VALUES (1, 'erasure')").run();
    for (const user of users) {
      const userId = Number(user.id);
      const erasedUser = `erased-${userId}`;
      for (const c of db.prepare('SELECT id, channel FROM conversations WHERE user_id = ?').all(userId) as Row[]) {
        const ref = JSON.stringify({ channel: c.channel, conversationId: `erased-${c.id}`, userId: erasedUser });
        result.messages += db.prepare('DELETE FROM messages WHERE conversation_id = ?').run(c.id).changes;
        // A search the knowledge base could not answer quotes the person; the gap itself stays counted.
        db.prepare("UPDATE kb_gaps SET query = '[erased]' WHERE conversation_id = ?").run(c.id);
        // So does the comment after rating an answered question; the rating stays counted.
        db.prepare("UPDATE kb_answers SET csat_comment = '[erased]' WHERE conversation_id = ? AND csat_comment IS NOT NULL").run(c.id);
        result.outbox += db.prepare(`UPDATE outbox SET message_json = '{}', ref_json = ?, claimed_by = NULL, claimed_until = NULL,
            status = CASE status WHEN 'pending' THEN 'failed' ELSE status END, last_error = CASE status WHEN 'pending' THEN 'personal data erased' ELSE last_error END
          WHERE conversation_id = ?`).run(ref, c.id).changes;
        db.prepare(`UPDATE conversations SET platform_conversation_id = ?, thread_id = '', ref_json = ?, state_json = '{}', mode = 'closed',
          version = version + 1, updated_at = ? WHERE id = ?`).run(`erased-${c.id}`, ref, now.toISOString(), c.id);
        result.conversations++;
      }
      for (const t of db.prepare('SELECT id FROM tickets WHERE requester_id = ?').all(userId) as Row[]) {
        db.prepare("UPDATE tickets SET summary = '[erased]', description = '[erased]', slots_json = '{}', updated_at = ? WHERE id = ?").run(now.toISOString(), t.id);
        for (const e of db.prepare('SELECT id, data_json FROM ticket_events WHERE ticket_id = ?').all(t.id) as Row[]) {
          db.prepare('UPDATE ticket_events SET data_json = ?, actor = CASE WHEN actor LIKE \'user:%\' THEN \'user\' ELSE actor END WHERE id = ?').run(keepFacts(String(e.data_json)), e.id);
          result.events++;
        }
        // Posts about the ticket queued for agents elsewhere (the Slack tier-2 thread: ref.extra.ticket) quote the requester too.
        result.outbox += db.prepare(`UPDATE outbox SET message_json = '{}', claimed_by = NULL, claimed_until = NULL,
            status = CASE status WHEN 'pending' THEN 'failed' ELSE status END, last_error = CASE status WHEN 'pending' THEN 'personal data erased' ELSE last_error END
          WHERE json_extract(ref_json, '$.extra.ticket') = (SELECT number FROM tickets WHERE id = ?)`).run(t.id).changes;
        // Webhook bodies copied the ticket (and, by scope, the requester): the log forgets them, waiting ones keep only the number.
        db.prepare(`DELETE FROM webhook_deliveries WHERE status != 'pending' AND json_extract(payload_json, '$.data.ticket.number') = (SELECT number FROM tickets WHERE id = ?)`).run(t.id);
        db.prepare(`UPDATE webhook_deliveries SET payload_json = json_object('type', event_type, 'timestamp', json_extract(payload_json, '$.timestamp'),
            'data', json_object('ticket', json_object('number', json_extract(payload_json, '$.data.ticket.number')), 'change', json_object('kind', 'personal_data_erased')))
          WHERE status = 'pending' AND json_extract(payload_json, '$.data.ticket.number') = (SELECT number FROM tickets WHERE id = ?)`).run(t.id);
        db.prepare("INSERT INTO ticket_events (ticket_id, at, actor, kind, data_json) VALUES (?, ?, ?, 'personal_data_erased', '{}')").run(t.id, now.toISOString(), actor);
        result.tickets++;
      }
      // WeCom cards sent to the person keep their UserID (to refuse others' clicks): not needed once erased.
      if (user.channel === 'wecom') db.prepare('DELETE FROM wecom_cards WHERE recipient = ?').run(String(user.platform_user_id));
      eraseRequestData(db, userId, user.email ? String(user.email) : null, `${user.channel}:${user.platform_user_id}`);
      db.prepare('UPDATE users SET platform_user_id = ?, name = NULL, email = NULL, department = NULL, time_zone = NULL, updated_at = ? WHERE id = ?')
        .run(erasedUser, now.toISOString(), userId);
    }
    db.prepare('DELETE FROM audit_maintenance').run();
    return result;
  }).immediate();
}

/** Self-service rows (migration 11) about the person: request sessions, their approvals' answers, directory audit details. */
function eraseRequestData(db: Database.Database, userId: number, email: string | null, actor: string): void {
  db.prepare('DELETE FROM request_sessions WHERE conversation_id IN (SELECT id FROM conversations WHERE user_id = ?)').run(userId);
  db.prepare("UPDATE directory_audit SET actor = 'erased', detail = NULL WHERE actor = ?").run(actor);
  if (!email) return;
  db.prepare("UPDATE approvals SET requester_email = 'erased', request_json = '{}', reason = NULL WHERE lower(requester_email) = lower(?)").run(email);
  db.prepare("UPDATE directory_audit SET target = 'erased', detail = NULL WHERE lower(target) = lower(?)").run(email);
}
