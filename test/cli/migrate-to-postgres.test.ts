import path from 'node:path';
import { sqliteCoreStores, type CoreStores } from '../../src/store/core-stores';
import type { TurnResult } from '../../src/store/store';
import { openPostgres } from '../../src/store/postgres/open-postgres';
import { pgCoreStores } from '../../src/store/postgres/pg-core-stores';
import { acquireDatabaseLock } from '../../src/store/database-lock';
import { SqliteStore } from '../../src/store/sqlite-store';
import { runCliCaptured } from '../helpers/cli-capture';
import { describeWithPostgres } from '../helpers/postgres';
import { usePostgresServer } from '../helpers/postgres-database';
import { useTempDir } from '../helpers/test-app';
import { NOW, openTicketOn } from '../store/contract-helpers';

/** `frontdesk migrate` through runCli; `tty` makes stderr look like a terminal. */
function migrate(args: string[], env: Record<string, string>, tty = false) {
  return runCliCaptured(['migrate', ...args], env, { tty });
}

/** Tier-2 threads of the three platforms, a Slack agent link and two WeCom cards made in the same millisecond. */
async function seedAgentThreads(stores: CoreStores, tickets: TurnResult[]) {
  const [t1, t2, t3] = tickets.map((t) => t.openedTicket!);
  await stores.agentThreads.queueEscalation('slack', t1, 'C0TIER2', { kind: 'text', text: 'card' }, 1, NOW);
  await stores.agentThreads.setPostId('slack', t1.number, '1700000000.000100');
  await stores.agentThreads.link('slack', 'U0BO', 'bo', 'manual', NOW);
  await stores.agentThreads.queueEscalation('feishu', t2, 'oc_agents', { kind: 'text', text: 'card' }, 1, NOW);
  await stores.agentThreads.queueEscalation('wecom', t3, '@agents', { kind: 'text', text: 'card' }, 1, NOW);
  for (const taskId of ['fd-a', 'fd-b']) await stores.wecomCards.saveCard({ taskId, kind: 'tier2', recipient: '@agents', ticket: t3.number, choices: [], responseCode: null }, NOW);
}

/** A SQLite desk with users, conversations, tickets and their events, SLA timers, a major incident, an agent and a broadcast. */
async function seedSqlite(file: string) {
  const stores = sqliteCoreStores(new SqliteStore(file));
  const tickets = [];
  for (let n = 1; n <= 12; n++) tickets.push(await openTicketOn(stores.store, n));
  await stores.sla.ensureTimers(NOW);
  await stores.incidents.createMajorIncident({ category: 'hardware', title: 'Laptops failing', now: NOW }, tickets.slice(0, 3).map((t) => ({ ticketId: t.openedTicket!.id })));
  await stores.agents.addAgent({ id: 'bo', name: 'Bo Chen', role: 'agent', groups: ['network'] }, 'hash', NOW);
  const secret = await stores.installSecret();
  // The REST API's rows: a token, an answered Idempotency-Key and a logged call.
  const token = (await stores.api.addToken('jira', 'hash-of-jira', ['tickets:read'], NOW, null))!;
  await stores.api.claimIdempotencyKey(token.id, 'k1', 'req', new Date(NOW));
  await stores.api.finishIdempotencyKey(token.id, 'k1', 201, '{"ticket":"INC-000001"}');
  await stores.api.recordCall({ at: NOW, tokenName: 'jira', method: 'POST', path: '/api/v1/tickets', status: 201, client: '10.0.0.1' });
  await stores.broadcasts.create({ text: 'VPN maintenance tonight', audience: {}, createdBy: 'bo' }, NOW);
  const hook = await stores.webhooks.addSubscription({ url: 'https://hooks.example.org', events: ['ticket.created'], scopes: ['tickets:read'], secret: 'whsec_x' }, NOW);
  (stores.store as SqliteStore).db.prepare("INSERT INTO ticket_events (ticket_id, at, actor, kind, data_json) VALUES (?, ?, 'bot', 'opened', '{}')").run(tickets[0].openedTicket!.id, NOW);
  await stores.webhooks.pump(NOW);
  await stores.alertGroups.save({ groupKey: 'alertmanager|mail', source: 'alertmanager', rule: 'mail', service: 'mail', status: 'firing', majorIncidentId: 1,
    broadcastId: 1, firing: ['f1'], resolvingSince: null, lastBroadcastAt: NOW }, NOW);
  await seedAgentThreads(stores, tickets);
  await stores.close();
  return { tickets, secret, hook };
}

describeWithPostgres()('frontdesk migrate --to postgres://… (SQLite into an empty PostgreSQL)', () => {
  const postgres = usePostgresServer();
  const tmp = useTempDir();

  test('copies every core table with its ids, checks the counts, and the desk goes on numbering on PostgreSQL', async () => {
    const file = path.join(tmp.dir, 'fd.db');
    const seeded = await seedSqlite(file);
    const url = await postgres.server.createDatabase();
    const run = await migrate(['--to', url], { DATABASE_PATH: file });
    expect(run.stderr).not.toMatch(/broadcast|webhook_|alert_groups/);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ migrated: file, to: `${postgres.server.host}:${postgres.server.port}`, countsMatch: true });
    for (const table of ['broadcasts', 'broadcast_deliveries', 'broadcast_targets', 'webhook_subscriptions', 'webhook_deliveries', 'alert_groups']) expect(summary.notCopied).not.toHaveProperty(table);
    expect(summary.tables).toMatchObject({ broadcasts: 1, broadcast_deliveries: 12, webhook_subscriptions: 1, webhook_deliveries: 1, alert_groups: 1 });
    expect(summary.tables).toMatchObject({ users: 15, conversations: 15, tickets: 12, agents: 1, major_incidents: 1, install_secrets: 1, counters: expect.any(Number) });
    expect(summary.droppedColumns).toEqual([]);
    expect(summary.tables).toMatchObject({ slack_threads: 1, slack_agents: 1, feishu_threads: 1, wecom_tier2: 1, wecom_cards: 2, broadcast_targets: 3 });
    expect(summary.tables.messages).toBe(24);
    expect(summary.tables.sla_timers).toBe(24);
    expect(summary.tables).toMatchObject({ api_tokens: 1, api_idempotency: 1, api_calls: 1 });
    expect(run.stdout).not.toContain('@'); // no user or password of the URL

    const pg = pgCoreStores(await openPostgres(url));
    try {
      const ticket = await pg.store.getTicketByNumber(seeded.tickets[4].openedTicket!.number);
      expect(ticket).toMatchObject({ id: seeded.tickets[4].openedTicket!.id, summary: 'Laptop broken', createdAt: NOW });
      expect((await pg.store.transcript(seeded.tickets[4].conversation.id)).map((m) => m.text)).toEqual(['broken', expect.stringContaining('INC-')]);
      expect(await pg.agents.getAgent('bo')).toMatchObject({ name: 'Bo Chen', groups: ['network'] });
      expect((await pg.incidents.openMajorIncidents())[0]).toMatchObject({ title: 'Laptops failing' });
      expect((await pg.installSecret()).equals(seeded.secret)).toBe(true);
      expect(await pg.api.tokenByHash('hash-of-jira')).toMatchObject({ name: 'jira', scopes: ['tickets:read'], createdAt: NOW });
      const token = (await pg.api.tokenByHash('hash-of-jira'))!;
      expect(await pg.api.claimIdempotencyKey(token.id, 'k1', 'req', new Date(NOW))).toEqual({ kind: 'replay', status: 201, body: '{"ticket":"INC-000001"}' });
      expect((await pg.api.addToken('zammad', 'hash-of-zammad', ['kb:read'], NOW, null))!.id).toBe(token.id + 1);
      expect((await pg.broadcasts.progress(1)).notice.audience).toBe(12);
      expect((await pg.broadcasts.create({ text: 'Mail is back', audience: {}, createdBy: 'bo' }, NOW)).broadcast.id).toBe(2);
      expect((await pg.broadcasts.pending(20, NOW, 2)).map((d) => d.id)).toEqual(Array.from({ length: 12 }, (_, i) => 13 + i));
      expect(await pg.webhooks.listSubscriptions()).toEqual([{ ...seeded.hook, createdAt: expect.any(String), pending: 1 }]);
      expect(await pg.alertGroups.get('alertmanager|mail')).toMatchObject({ majorIncidentId: 1, broadcastId: 1, firing: ['f1'] });
      // Tier-2 threads: a click on the Slack post finds its ticket; the newest WeCom card is still the later one.
      expect(await pg.agentThreads.ticketForPost('slack', '1700000000.000100', 'C0TIER2')).toBe(seeded.tickets[0].openedTicket!.number);
      expect(await pg.agentThreads.agentIdFor('slack', 'U0BO')).toBe('bo');
      expect((await pg.wecomCards.tier2CardOf(seeded.tickets[2].openedTicket!.number))?.taskId).toBe('fd-b');
      expect(await pg.agentThreads.queueFollowUps('feishu', seeded.tickets[1].openedTicket!, 'oc_agents', [{ role: 'thread', message: { kind: 'text', text: 'line' } }], 2, NOW)).not.toBeNull();
      // Identities moved past the copied ids, the counter past the copied numbers: the next ticket is the 13th.
      const next = await openTicketOn(pg.store, 13);
      expect(next.openedTicket!.id).toBe(13);
      expect(next.openedTicket!.number).toBe(seeded.tickets[11].openedTicket!.number.replace(/\d+$/, (d) => String(Number(d) + 1).padStart(d.length, '0')));
    } finally {
      await pg.close();
    }
  });

  test('refuses a target that already holds data, and leaves it as it was', async () => {
    const file = path.join(tmp.dir, 'fd.db');
    await seedSqlite(file);
    const url = await postgres.server.createDatabase();
    expect((await migrate(['--to', url], { DATABASE_PATH: file })).code).toBe(0);
    const again = await migrate(['--to', url], { DATABASE_PATH: file });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^frontdesk migrate: the target database is not empty \(.*tickets: 12.*\): migrate copies into an empty database only\n$/);
    const db = await openPostgres(url);
    expect(Number((await db.one('SELECT count(*) AS n FROM tickets'))!.n)).toBe(12);
    await db.close();
  });

  test('progress on a terminal, nothing but the result when piped', async () => {
    const file = path.join(tmp.dir, 'fd.db');
    await seedSqlite(file);
    const onTerminal = await migrate(['--to', await postgres.server.createDatabase()], { DATABASE_PATH: file }, true);
    expect(onTerminal.code).toBe(0);
    expect(onTerminal.stderr).toMatch(/\r\[#+\] 100% /);
    const piped = await migrate(['--to', await postgres.server.createDatabase()], { DATABASE_PATH: file }, false);
    expect(piped.stderr).not.toMatch(/\[#/);
    expect(piped.stdout.trim().split('\n')).toHaveLength(1);
  });

  test('refuses while a server runs on the SQLite file, and without --to or with a non-postgres URL', async () => {
    const file = path.join(tmp.dir, 'fd.db');
    await seedSqlite(file);
    const lock = acquireDatabaseLock(file);
    try {
      const busy = await migrate(['--to', await postgres.server.createDatabase()], { DATABASE_PATH: file });
      expect(busy.code).toBe(2);
      expect(busy.stderr).toContain('is in use by another running Frontdesk server');
    } finally {
      lock?.release();
    }
    expect((await migrate([], { DATABASE_PATH: file })).stderr).toMatch(/^Usage: frontdesk migrate --to postgres:/);
    expect((await migrate(['--to', 'mysql://x/y'], { DATABASE_PATH: file })).stderr).toBe('frontdesk migrate: --to takes a postgres:// URL: postgres://USER:PASSWORD@HOST:PORT/DATABASE\n');
    expect((await migrate(['--to', 'postgres://fd@127.0.0.1:1/x'], { DATABASE_PATH: path.join(tmp.dir, 'none.db') })).stderr).toMatch(/no SQLite database at .*none\.db/);
  });
});
