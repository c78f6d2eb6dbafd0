import { parseQueueQuery } from '../../src/console/queue-query';
import { openPostgres } from '../../src/store/postgres/open-postgres';
import type { PgDatabase } from '../../src/store/postgres/pg-database';
import { searchQueuePg } from '../../src/store/postgres/pg-queue-search';
import { PgSlaStore } from '../../src/store/postgres/pg-sla-store';
import { describeWithPostgres, startPostgres, type PostgresServer } from '../helpers/postgres';

const NOW = '2026-03-02T10:00:00.000Z';

/** The plan PostgreSQL chose for each statement `work` runs whose SQL starts with `SELECT t.*`. */
async function plansOf(db: PgDatabase, work: () => Promise<unknown>): Promise<string[]> {
  const statements: { sql: string; args?: unknown[] }[] = [];
  const rows = db.rows.bind(db);
  db.rows = (async (sql: string, args?: unknown[]) => {
    if (sql.startsWith('SELECT t.*')) statements.push({ sql, args });
    return rows(sql, args);
  }) as typeof db.rows;
  try {
    await work();
  } finally {
    db.rows = rows;
  }
  const plans: string[] = [];
  for (const { sql, args } of statements) plans.push((await rows(`EXPLAIN ${sql}`, args)).map((r) => String(r['QUERY PLAN'])).join('\n'));
  return plans;
}

describeWithPostgres()('PostgreSQL query plans with 10,000 waiting and 20,000 closed tickets', () => {
  let server: PostgresServer;
  let db: PgDatabase;
  beforeAll(async () => {
    server = await startPostgres();
    db = await openPostgres(await server.createDatabase(), { poolSize: 2 });
    await db.run(`INSERT INTO users (channel, platform_user_id, name, created_at, updated_at) VALUES ('webchat', 'seed', 'Seed', $1, $1)`, [NOW]);
    await db.run(`INSERT INTO conversations (channel, platform_conversation_id, thread_id, ref_json, user_id, created_at, updated_at)
      SELECT 'webchat', 'seed', '', '{}', id, $1, $1 FROM users`, [NOW]);
    await db.run(`INSERT INTO tickets (number, type, category, impact, urgency, priority, status, requester_id, conversation_id, summary, description, lang,
        response_due_at, resolve_due_at, created_at, updated_at)
      SELECT 'INC-' || lpad(g::text, 6, '0'), 'incident', 'network', 2, 2, 'P' || (1 + g % 5),
        CASE WHEN g > 10000 THEN 'closed' ELSE (ARRAY['new', 'escalated', 'in_progress', 'open', 'reopened'])[1 + g % 5] END, u.id, c.id, 'Seeded ' || g, '', 'en',
        $1::timestamptz + (g % 97) * interval '1 minute', $1::timestamptz + interval '1 day', $1, $1
      FROM generate_series(1, 30000) g, users u, conversations c`, [NOW]);
    await new PgSlaStore(db).ensureTimers(NOW);
    await db.run(`UPDATE sla_timers SET due_at = $1::timestamptz + interval '3 hours', warn_at = $1::timestamptz + interval '2 hours', seen_changes = ticket_changes`, [NOW]);
    await db.run('VACUUM ANALYZE');
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await server?.dispose();
  });

  test('the default queue (waiting, by priority) reads its first page in index order: no sort of every waiting ticket', async () => {
    const [page] = await plansOf(db, () => searchQueuePg(db, { groups: null, agentId: 'a' }, parseQueueQuery(new URLSearchParams(''))));

    expect(page).toMatch(/Index Scan using tickets_waiting_by_priority/);
    expect(page).not.toMatch(/Sort/);
  });

  test('the tickets an SLA tick checks are found through the partial indexes of migration 16, not a scan of the timers', async () => {
    const [plan] = await plansOf(db, () => new PgSlaStore(db).ticketsToCheck(NOW, 200));

    for (const index of ['sla_timers_changed', 'sla_timers_due', 'sla_timers_warn']) expect(plan).toMatch(new RegExp(`Index (Only )?Scan using ${index}`));
    expect(plan).not.toMatch(/Seq Scan on sla_timers/);
  });
});
