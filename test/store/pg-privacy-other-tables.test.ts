import { pgCoreStores } from '../../src/store/postgres/pg-core-stores';
import { PgDatabase } from '../../src/store/postgres/pg-database';
import { describeWithPostgres } from '../helpers/postgres';
import { usePostgresDatabase } from '../helpers/postgres-database';
import { openTicketOn } from './contract-helpers';

/**
 * The tables other stores bring to PostgreSQL (webhooks, API calls, self-service requests, broadcast deliveries)
 * as SQLite has them: retention and erasure reach them once they exist (the webhook body as jsonb here, to show
 * the erasure does not depend on text).
 */
const OTHER_TABLES = `
CREATE TABLE IF NOT EXISTS api_calls (id bigserial PRIMARY KEY, at timestamptz NOT NULL, token_name text, method text NOT NULL, path text NOT NULL, status integer NOT NULL, client text);
CREATE TABLE IF NOT EXISTS webhook_deliveries (id bigserial PRIMARY KEY, subscription_id bigint NOT NULL, message_id text NOT NULL, event_type text NOT NULL,
  payload_json jsonb NOT NULL, status text NOT NULL DEFAULT 'pending', next_attempt_at timestamptz NOT NULL, created_at timestamptz NOT NULL);
CREATE TABLE IF NOT EXISTS request_sessions (conversation_id bigint PRIMARY KEY REFERENCES conversations(id), data_json text NOT NULL, updated_at timestamptz NOT NULL);
CREATE TABLE IF NOT EXISTS approvals (id bigserial PRIMARY KEY, ticket_id bigint NOT NULL, catalog_id text NOT NULL, request_json text NOT NULL,
  requester_email text NOT NULL, approver_email text NOT NULL, reason text);
CREATE TABLE IF NOT EXISTS directory_audit (id bigserial PRIMARY KEY, at timestamptz NOT NULL, actor text NOT NULL, action text NOT NULL, target text NOT NULL, outcome text NOT NULL, detail text);
CREATE TABLE IF NOT EXISTS broadcast_deliveries (id bigserial PRIMARY KEY, outbox_id bigint REFERENCES outbox(id));
`;

const body = (number: string, name: string) => JSON.stringify({ type: 'ticket.created', timestamp: '2026-03-02T09:00:00.000Z', data: { ticket: { number, requester: { name } } } });

describeWithPostgres()('PostgreSQL retention and erasure reach the tables other stores add', () => {
  const pg = usePostgresDatabase();

  test('erasure: webhook log forgotten, waiting bodies cut to the number, request sessions, approvals and directory audit scrubbed', async () => {
    const db = new PgDatabase(pg.url, { poolSize: 2 });
    const stores = pgCoreStores(db);
    try {
      await db.run(OTHER_TABLES);
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
      await db.run("INSERT INTO approvals (ticket_id, catalog_id, request_json, requester_email, approver_email, reason) VALUES ($1, 'vpn', '{\"why\":\"Ana\"}', 'ANA@example.com', 'boss@example.com', 'for Ana')", [ana.openedTicket!.id]);
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
      await db.run(OTHER_TABLES);
      const old = '2025-01-01T09:00:00.000Z';
      const kept = await openTicketOn(stores.store, 1, {}, old);
      const gone = await openTicketOn(stores.store, 2, {}, old);
      for (const id of [...kept.outboxIds, ...gone.outboxIds]) await stores.store.markSent(id, old);
      await db.run('INSERT INTO broadcast_deliveries (outbox_id) VALUES ($1)', [kept.outboxIds[0]]);
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
