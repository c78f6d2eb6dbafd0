import { pgCoreStores } from '../../src/store/postgres/pg-core-stores';
import { PgDatabase } from '../../src/store/postgres/pg-database';
import { describeWithPostgres } from '../helpers/postgres';
import { usePostgresDatabase } from '../helpers/postgres-database';
import { openTicketOn } from './contract-helpers';

/** Parent rows the other stores' tables point at (a webhook subscription; a broadcast for its deliveries). */
const PARENTS = `
INSERT INTO webhook_subscriptions (id, url, events, scopes, secret, from_event_id, created_at)
  VALUES (1, 'https://hooks.example.org', '["ticket.created"]', '["tickets:read"]', 'whsec_x', 0, '2025-01-01T00:00:00Z');
INSERT INTO broadcasts (id, text, created_by, created_at) VALUES (1, 'VPN maintenance tonight', 'bo', '2025-01-01T00:00:00Z');
`;

const body = (number: string, name: string) => JSON.stringify({ type: 'ticket.created', timestamp: '2026-03-02T09:00:00.000Z', data: { ticket: { number, requester: { name } } } });

describeWithPostgres()('PostgreSQL retention and erasure reach the tables other stores add', () => {
  const pg = usePostgresDatabase();

  test('erasure: webhook log forgotten, waiting bodies cut to the number, request sessions, approvals and directory audit scrubbed', async () => {
    const db = new PgDatabase(pg.url, { poolSize: 2 });
    const stores = pgCoreStores(db);
    try {
      await db.run(PARENTS);
      const ana = await openTicketOn(stores.store, 1); // user u1, email ana@example.com
      const bo = await openTicketOn(stores.store, 2);
      await db.run('UPDATE users SET email = $1 WHERE id = $2', ['bo@example.com', bo.conversation.userId]);
      const [a, b] = [ana.openedTicket!.number, bo.openedTicket!.number];
      const now = '2026-03-02T09:00:00.000Z';
      for (const [number, status, name] of [[a, 'sent', 'Ana Lima'], [a, 'pending', 'Ana Lima'], [b, 'sent', 'Bo']]) {
        await db.run("INSERT INTO webhook_deliveries (subscription_id, message_id, event_type, payload_json, status, next_attempt_at, created_at) VALUES (1, $1, 'ticket.created', $2, $3, $4, $4)",
          [`${number}-${status}`, body(number, name), status, now]);
      }
      await db.run('INSERT INTO request_sessions (conversation_id, data_json, updated_at) VALUES ($1, $2, $3)', [ana.conversation.id, '{"who":"Ana"}', now]);
      await db.run("INSERT INTO approvals (ticket_id, catalog_id, request_json, requester_email, approver_email, reason, remind_at, escalate_at, created_at) VALUES ($1, 'vpn', '{\"why\":\"Ana\"}', 'ANA@example.com', 'boss@example.com', 'for Ana', $2, $2, $2)", [ana.openedTicket!.id, now]);
      await db.run("INSERT INTO directory_audit (at, actor, action, target, outcome, detail) VALUES ($1, 'webchat:u1', 'reset', 'ana@example.com', 'ok', 'Ana asked')", [now]);

      await stores.personalData.erase('ana@example.com', new Date(now));

      const deliveries = await db.rows('SELECT message_id, status, payload_json::text AS body FROM webhook_deliveries ORDER BY id');
      expect(deliveries.map((d) => [d.message_id, JSON.parse(String(d.body))])).toEqual([
        [`${a}-pending`, { type: 'ticket.created', timestamp: '2026-03-02T09:00:00.000Z', data: { ticket: { number: a }, change: { kind: 'personal_data_erased' } } }],
        [`${b}-sent`, JSON.parse(body(b, 'Bo'))],
      ]);
      expect(await db.rows('SELECT * FROM request_sessions')).toEqual([]);
      expect(await db.one('SELECT requester_email, request_json, reason FROM approvals')).toEqual({ requester_email: 'erased', request_json: '{}', reason: null });
      expect(await db.one('SELECT actor, target, detail FROM directory_audit')).toEqual({ actor: 'erased', target: 'erased', detail: null });
    } finally {
      await stores.close();
    }
  });

  test('retention: old API calls and delivered webhooks go; waiting deliveries and outbox rows a broadcast delivery points at stay', async () => {
    const db = new PgDatabase(pg.url, { poolSize: 2 });
    const stores = pgCoreStores(db);
    try {
      await db.run(PARENTS);
      const old = '2025-01-01T09:00:00.000Z';
      const kept = await openTicketOn(stores.store, 1, {}, old);
      const gone = await openTicketOn(stores.store, 2, {}, old);
      for (const id of [...kept.outboxIds, ...gone.outboxIds]) await stores.store.markSent(id, old);
      await db.run("INSERT INTO broadcast_deliveries (broadcast_id, kind, conversation_id, user_id, outbox_id, created_at) VALUES (1, 'notice', $1, $2, $3, $4)",
        [kept.conversation.id, kept.conversation.userId, kept.outboxIds[0], old]);
      await db.run("INSERT INTO api_calls (at, method, path, status) VALUES ($1, 'GET', '/api/v1/tickets', 200), ($2, 'GET', '/api/v1/tickets', 200)", [old, '2026-03-01T09:00:00.000Z']);
      for (const status of ['sent', 'pending']) {
        await db.run("INSERT INTO webhook_deliveries (subscription_id, message_id, event_type, payload_json, status, next_attempt_at, created_at) VALUES (1, $1, 'ticket.created', '{}', $1, $2, $2)", [status, old]);
      }

      const result = await stores.retention.apply({ transcriptDays: 30, sentPayloadDays: 1, auditDays: 30 }, new Date('2026-03-02T09:00:00.000Z'));

      expect(result.outboxRowsDeleted).toBe(1);
      expect((await db.rows('SELECT id FROM outbox')).map((r) => r.id)).toEqual(kept.outboxIds);
      expect((await db.rows('SELECT path, at FROM api_calls')).map((r) => r.at)).toEqual(['2026-03-01T09:00:00.000Z']);
      expect((await db.rows('SELECT status FROM webhook_deliveries')).map((r) => r.status)).toEqual(['pending']);
    } finally {
      await stores.close();
    }
  });
});
