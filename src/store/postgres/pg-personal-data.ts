import { exportPersonalData, findUsersWith } from '../personal-data-export';
import { keepFacts, type ErasureResult } from '../personal-data';
import type { PersonalDataStore } from '../personal-data-store';
import type { Row } from '../rows';
import type { PgDatabase, PgQueries } from './pg-database';
import { tableExists } from './pg-retention';

/** An outbox row's queued copy dropped; a row still waiting fails instead of going out with it. */
const FORGET_OUTBOX = `UPDATE outbox SET message_json = '{}', claimed_by = NULL, claimed_until = NULL,
  status = CASE status WHEN 'pending' THEN 'failed' ELSE status END,
  last_error = CASE status WHEN 'pending' THEN 'personal data erased' ELSE last_error END`;

/**
 * Subject access and erasure on PostgreSQL, with the rules of the SQLite functions (src/store/personal-data.ts).
 * The erasure is one transaction that first locks the person's conversations and users rows, so two erasures of
 * one person run one after the other and a turn on their conversation waits for (or goes before) the whole erasure.
 */
export class PgPersonalDataStore implements PersonalDataStore {
  constructor(private readonly db: PgDatabase) {}

  findUsers(selector: string): Promise<Row[]> {
    return findUsersWith((sql, params) => this.db.rows(sql, params), selector);
  }

  exportData(selector: string): Promise<Record<string, unknown>> {
    return exportPersonalData((sql, params) => this.db.rows(sql, params), selector);
  }

  erase(selector: string, now: Date, actor = 'admin:cli'): Promise<ErasureResult> {
    const at = now.toISOString();
    return this.db.transaction(async (tx) => {
      // Locks in a turn's order (conversation, then user), so an erasure and a turn wait for each other, never deadlock.
      const ids = (await findUsersWith((sql, params) => tx.rows(sql, params), selector)).map((u) => Number(u.id));
      await tx.rows('SELECT id FROM conversations WHERE user_id = ANY($1::bigint[]) ORDER BY id FOR UPDATE', [ids]);
      const users = await tx.rows('SELECT * FROM users WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE', [ids]);
      const result: ErasureResult = { users: users.length, conversations: 0, messages: 0, tickets: 0, events: 0, outbox: 0 };
      const optional = { webhooks: await tableExists(tx, 'webhook_deliveries'), requests: await tableExists(tx, 'request_sessions') };
      await tx.run("INSERT INTO audit_maintenance (id, reason) VALUES (1, 'erasure')");
      for (const user of users) {
        const userId = Number(user.id);
        const erasedUser = `erased-${userId}`;
        for (const c of await tx.rows('SELECT id, channel FROM conversations WHERE user_id = $1 ORDER BY id FOR UPDATE', [userId])) {
          const ref = JSON.stringify({ channel: c.channel, conversationId: `erased-${c.id}`, userId: erasedUser });
          result.messages += await tx.run('DELETE FROM messages WHERE conversation_id = $1', [c.id]);
          await tx.run("UPDATE kb_gaps SET query = '[erased]' WHERE conversation_id = $1", [c.id]);
          await tx.run("UPDATE kb_answers SET csat_comment = '[erased]' WHERE conversation_id = $1 AND csat_comment IS NOT NULL", [c.id]);
          result.outbox += await tx.run(`${FORGET_OUTBOX}, ref_json = $1 WHERE conversation_id = $2`, [ref, c.id]);
          await tx.run(`UPDATE conversations SET platform_conversation_id = $1, thread_id = '', ref_json = $2, state_json = '{}', mode = 'closed',
            version = version + 1, updated_at = $3 WHERE id = $4`, [`erased-${c.id}`, ref, at, c.id]);
          result.conversations++;
        }
        for (const t of await tx.rows('SELECT id, number FROM tickets WHERE requester_id = $1 ORDER BY id FOR UPDATE', [userId])) {
          await tx.run("UPDATE tickets SET summary = '[erased]', description = '[erased]', slots_json = '{}', updated_at = $1 WHERE id = $2", [at, t.id]);
          for (const e of await tx.rows('SELECT id, data_json FROM ticket_events WHERE ticket_id = $1 ORDER BY id', [t.id])) {
            await tx.run("UPDATE ticket_events SET data_json = $1, actor = CASE WHEN actor LIKE 'user:%' THEN 'user' ELSE actor END WHERE id = $2", [keepFacts(String(e.data_json)), e.id]);
            result.events++;
          }
          // Posts about the ticket queued for agents elsewhere (tier-2 threads: ref.extra.ticket) quote the requester too.
          result.outbox += await tx.run(`${FORGET_OUTBOX} WHERE ref_json LIKE $1 AND ref_json::json #>> '{extra,ticket}' = $2`, [`%${String(t.number)}%`, t.number]);
          if (optional.webhooks) await forgetWebhookBodies(tx, String(t.number));
          await tx.run("INSERT INTO ticket_events (ticket_id, at, actor, kind, data_json) VALUES ($1, $2, $3, 'personal_data_erased', '{}')", [t.id, at, actor]);
          result.tickets++;
        }
        // WeCom cards sent to the person keep their UserID (to refuse others' clicks): not needed once erased.
        if (user.channel === 'wecom') await tx.run('DELETE FROM wecom_cards WHERE recipient = $1', [String(user.platform_user_id)]);
        if (optional.requests) await eraseRequestData(tx, userId, user.email ? String(user.email) : null, `${user.channel}:${user.platform_user_id}`);
        await tx.run('UPDATE users SET platform_user_id = $1, name = NULL, email = NULL, department = NULL, time_zone = NULL, updated_at = $2 WHERE id = $3', [erasedUser, at, userId]);
      }
      await tx.run('DELETE FROM audit_maintenance');
      return result;
    });
  }
}

/**
 * Webhook bodies copied the ticket (and, by scope, the requester): the log forgets them, waiting ones keep only
 * the number. Rewritten here rather than in SQL, so it works whether the column is text or jsonb.
 */
async function forgetWebhookBodies(tx: PgQueries, number: string): Promise<void> {
  await tx.run("DELETE FROM webhook_deliveries WHERE status <> 'pending' AND payload_json::text::json #>> '{data,ticket,number}' = $1", [number]);
  const waiting = await tx.rows("SELECT id, event_type, payload_json::text AS body FROM webhook_deliveries WHERE status = 'pending' AND payload_json::text::json #>> '{data,ticket,number}' = $1", [number]);
  for (const row of waiting) {
    const body = JSON.parse(String(row.body)) as { timestamp?: unknown };
    const kept = { type: row.event_type, timestamp: body.timestamp ?? null, data: { ticket: { number }, change: { kind: 'personal_data_erased' } } };
    await tx.run('UPDATE webhook_deliveries SET payload_json = $1 WHERE id = $2', [JSON.stringify(kept), row.id]);
  }
}

/** Self-service rows about the person: request sessions, their approvals' answers, directory audit details. */
async function eraseRequestData(tx: PgQueries, userId: number, email: string | null, actor: string): Promise<void> {
  await tx.run('DELETE FROM request_sessions WHERE conversation_id IN (SELECT id FROM conversations WHERE user_id = $1)', [userId]);
  await tx.run("UPDATE directory_audit SET actor = 'erased', detail = NULL WHERE actor = $1", [actor]);
  if (!email) return;
  await tx.run("UPDATE approvals SET requester_email = 'erased', request_json = '{}', reason = NULL WHERE lower(requester_email) = lower($1)", [email]);
  await tx.run("UPDATE directory_audit SET target = 'erased', detail = NULL WHERE lower(target) = lower($1)", [email]);
}
