import { seedTickets } from '../../src/bench/seed-tickets';
import { WAITING, loginAs, startConsoleApp } from './helpers';

type Page = { tickets: { number: string; group: string; agentId: string | null; priority: string }[]; total: number; page: number; pageSize: number };

describe('GET /console/api/queue: server-side paging, search and filters within the agent\'s groups (#21 defect 1)', () => {
  let t: Awaited<ReturnType<typeof startConsoleApp>>;
  beforeAll(async () => {
    t = await startConsoleApp();
    seedTickets(t.app.sqliteStore().db, 301, new Date(), WAITING);
  });
  afterAll(() => t.stop());

  const page = async (client: Awaited<ReturnType<typeof loginAs>>, query: string) => {
    const res = await client.get(`/console/api/queue?${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as Page;
  };

  test('pages carry the total; the last page holds the 301st ticket', async () => {
    const root = await loginAs(t.url, 'root');
    expect(await page(root, '')).toMatchObject({ total: 301, page: 1, pageSize: 50 });
    const last = await page(root, 'page=4&pageSize=100');
    expect(last.tickets).toHaveLength(1);
    const all = new Set<string>();
    for (let p = 1; p <= 4; p++) for (const ticket of (await page(root, `page=${p}&pageSize=100`)).tickets) all.add(ticket.number);
    expect(all.size).toBe(301);
  });

  test('an agent sees only their groups, even when naming another group', async () => {
    const bob = await loginAs(t.url, 'bob');
    expect((await page(bob, '')).total).toBe(0);
    expect((await page(bob, 'group=network')).total).toBe(0);
    const alice = await loginAs(t.url, 'alice');
    const network = await page(alice, 'group=network&pageSize=200');
    expect(network.total).toBe(101);
    expect(new Set(network.tickets.map((x) => x.group))).toEqual(new Set(['network']));
  });

  test('assignee mine and unassigned', async () => {
    const root = await loginAs(t.url, 'root');
    const first = (await page(root, 'pageSize=1')).tickets[0].number;
    expect((await root.act(first, 'takeover')).status).toBe(200);
    expect((await page(root, 'assignee=mine')).tickets.map((x) => x.number)).toEqual([first]);
    expect((await page(root, 'assignee=unassigned')).total).toBe(300);
  });

  test('bad parameters are a 400 naming the parameter', async () => {
    const root = await loginAs(t.url, 'root');
    for (const [query, name] of [['status=bogus', 'status'], ['priority=P9', 'priority'], ['sort=random', 'sort'], ['page=0', 'page'], ['pageSize=5000', 'pageSize']]) {
      const res = await root.get(`/console/api/queue?${query}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toContain(name);
    }
  });

  test('search text with LIKE wildcards is taken literally', async () => {
    const root = await loginAs(t.url, 'root');
    expect((await page(root, `q=${encodeURIComponent('%')}`)).total).toBe(0);
    expect((await page(root, 'q=inc-000007')).tickets.map((x) => x.number)).toEqual(['INC-000007']);
  });
});
