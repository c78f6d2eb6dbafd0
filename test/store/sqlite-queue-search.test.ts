import path from 'node:path';
import { seedTickets } from '../../src/bench/seed-tickets';
import { parseQueueQuery } from '../../src/console/queue-query';
import { searchQueue } from '../../src/store/sqlite-queue-search';
import { SqliteStore } from '../../src/store/sqlite-store';
import { tempDir } from '../helpers/test-app';

/** The SQL of each statement searchQueue prepares, with the query plan SQLite chose for it. */
function plansOf(store: SqliteStore, search: string) {
  const prepared: string[] = [];
  const prepare = store.db.prepare.bind(store.db);
  const spy = jest.spyOn(store.db, 'prepare').mockImplementation((sql: string) => {
    prepared.push(sql);
    return prepare(sql);
  });
  const page = searchQueue(store.db, { groups: null, agentId: 'a1' }, parseQueueQuery(new URLSearchParams(search)));
  spy.mockRestore();
  const plans = prepared.map((sql) => (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...sql.split('?').slice(1).map(() => null)) as { detail: string }[]).map((r) => r.detail).join(' | '));
  return { page, select: plans.find((_, i) => prepared[i].startsWith('SELECT t.*'))! };
}

describe('SQLite queue search: the default view walks an index (#21: console first view)', () => {
  const tmp = tempDir();
  const store = new SqliteStore(path.join(tmp.dir, 'store.db'));
  // 600 tickets, five of the six statuses waiting (resolved and closed ones in between are not in the view).
  seedTickets(store.db, 600, new Date('2026-03-02T09:00:00.000Z'), ['new', 'resolved', 'escalated', 'in_progress', 'closed', 'open', 'reopened']);
  afterAll(async () => {
    await store.close();
    tmp.cleanup();
  });

  test('the first page of waiting tickets by priority reads the waiting-queue index in order: no sort of every waiting ticket', () => {
    const { page, select } = plansOf(store, '');
    expect(select).toContain('tickets_waiting_by_priority');
    expect(select).not.toContain('TEMP B-TREE');
    expect(page.tickets).toHaveLength(50);
    expect(page.total).toBe((store.db.prepare("SELECT COUNT(*) AS n FROM tickets WHERE status NOT IN ('resolved', 'closed')").get() as { n: number }).n);
  });

  test('pages are the same tickets in the same order as sorting every waiting ticket (priority, response due, id)', () => {
    const all = store.db.prepare(`SELECT number FROM tickets WHERE status IN ('new', 'escalated', 'in_progress', 'open', 'reopened')
      ORDER BY priority, response_due_at, id`).all() as { number: string }[];
    const seen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].flatMap((n) => plansOf(store, `page=${n}`).page.tickets.map((t) => t.number));
    expect(seen).toEqual(all.map((r) => r.number));
    const p2 = plansOf(store, 'priority=P2&group=network').page;
    expect(p2.tickets.length).toBeGreaterThan(0);
    expect(p2.tickets.every((t) => t.priority === 'P2' && t.group === 'network' && !['resolved', 'closed'].includes(t.status))).toBe(true);
  });

  test('other views and orders keep their own plans (closed tickets by due time)', () => {
    const { page, select } = plansOf(store, 'status=closed&sort=due');
    expect(select).not.toContain('tickets_waiting_by_priority');
    expect(page.tickets.every((t) => t.status === 'closed')).toBe(true);
  });
});
