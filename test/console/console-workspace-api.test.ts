import { seedTickets } from '../../src/bench/seed-tickets';
import { computeDueTimes, SlaConfig } from '../../src/tickets/sla';
import { loginAs, startConsoleAppWithTicket, type ConsoleApp } from './helpers';

type Json = Record<string, unknown> & { error?: string };

describe('console workspace API: canned responses, saved views, ticket edits, collisions (#21 features)', () => {
  let t: ConsoleApp;
  let number: string;
  beforeAll(async () => ({ t, number } = await startConsoleAppWithTicket()));
  afterAll(() => t.stop());

  const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as Json });

  test('canned responses: shared for all, personal for the owner; bad input is a 400; others cannot touch a personal one', async () => {
    const alice = await loginAs(t.url, 'alice');
    const bob = await loginAs(t.url, 'bob');
    const shared = await json(await alice.post('/console/api/canned', { title: 'Reset', body: 'Hi {{name}}', lang: 'en', shared: true }));
    const mine = await json(await alice.post('/console/api/canned', { title: 'Mine', body: '您好', lang: 'zh', shared: false }));
    expect([shared.status, mine.status]).toEqual([201, 201]);
    const bobList = (await json(await bob.get('/console/api/canned'))).body.canned as { title: string }[];
    expect(bobList.map((c) => c.title)).toEqual(['Reset']);
    const myId = (mine.body.canned as { id: number }).id;
    expect((await bob.post(`/console/api/canned/${myId}/delete`)).status).toBe(404);
    expect((await json(await bob.post('/console/api/canned', { title: '', body: 'x', lang: 'fr' }))).body.error).toMatch(/title.*; lang/);
    expect((await bob.post('/console/api/canned', { title: 'x', body: 'y', lang: 'en' }, null)).status).toBe(403);
    const sharedId = (shared.body.canned as { id: number }).id;
    expect((await json(await bob.post(`/console/api/canned/${sharedId}`, { title: 'Reset', body: 'Hello {{name}}', lang: 'en', shared: true }))).body.canned)
      .toMatchObject({ body: 'Hello {{name}}', createdBy: 'alice' });
    expect((await alice.post(`/console/api/canned/${sharedId}/delete`)).status).toBe(200);
    expect((await alice.post('/console/api/canned/abc/delete')).status).toBe(404);
  });

  test('saved views: per agent, the query checked as the queue checks it and stored without its page', async () => {
    const alice = await loginAs(t.url, 'alice');
    const saved = await json(await alice.post('/console/api/views', { name: 'P1 mine', query: 'priority=P1&assignee=mine&page=3' }));
    expect(saved).toMatchObject({ status: 201, body: { view: { name: 'P1 mine', query: 'priority=P1&assignee=mine' } } });
    expect((await json(await alice.post('/console/api/views', { name: 'bad', query: 'priority=P9' }))).status).toBe(400);
    expect(((await json(await (await loginAs(t.url, 'bob')).get('/console/api/views'))).body.views as unknown[])).toEqual([]);
    const id = (saved.body.view as { id: number }).id;
    expect((await (await loginAs(t.url, 'bob')).post(`/console/api/views/${id}/delete`)).status).toBe(404);
    expect((await alice.post(`/console/api/views/${id}/delete`)).status).toBe(200);
  });

  test('edit: urgency recomputes priority and both due times; category and group change; one event names the agent', async () => {
    const root = await loginAs(t.url, 'root');
    const before = (await t.app.store.getTicketByNumber(number))!;
    expect((await json(await root.act(number, 'edit', { group: 'netwrok' }))).body.error).toMatch(/no group "netwrok"/);
    expect((await json(await root.act(number, 'edit', { impact: 5 }))).status).toBe(400);
    expect((await json(await root.act(number, 'edit', { category: before.category }))).body.error).toMatch(/nothing to change/);
    const res = await root.act(number, 'edit', { urgency: 1, category: 'network', group: 'identity' });
    expect(res.status).toBe(200);
    const after = (await t.app.store.getTicketByNumber(number))!;
    expect(after).toMatchObject({ urgency: 1, impact: 2, priority: 'P2', category: 'network', group: 'identity', ...computeDueTimes('P2', before.createdAt, SlaConfig.parse({})) });
    const edited = (await t.app.store.ticketEvents(after.id)).filter((e) => e.kind === 'edited');
    expect(edited).toEqual([expect.objectContaining({ actor: 'agent:root', data: { by: 'Ria Admin', changes: {
      category: { from: before.category, to: 'network' }, impactUrgency: { from: '2/2', to: '2/1' }, priority: { from: before.priority, to: 'P2' },
      group: { from: 'network', to: 'identity' } } } })]);
    // alice is not in identity any more: the ticket is out of her reach.
    expect((await (await loginAs(t.url, 'alice')).act(number, 'edit', { urgency: 3 })).status).toBe(404);
  });

  test('collision: presence lists who views and types; a reply after someone else took the ticket over is refused by name', async () => {
    const [id] = seedTickets(t.app.sqliteStore().db, 1, new Date(), ['escalated']);
    const n = (await t.app.store.getTicket(id))!.number;
    const alice = await loginAs(t.url, 'alice');
    const root = await loginAs(t.url, 'root');
    expect((await json(await alice.post(`/console/api/tickets/${n}/presence`, { state: 'viewing' }))).body.agents).toEqual([{ id: 'alice', name: 'Alice Chen', state: 'viewing' }]);
    expect((await json(await root.post(`/console/api/tickets/${n}/presence`, { state: 'typing' }))).body.agents)
      .toEqual([{ id: 'alice', name: 'Alice Chen', state: 'viewing' }, { id: 'root', name: 'Ria Admin', state: 'typing' }]);
    expect((await alice.post(`/console/api/tickets/${n}/presence`, { state: 'dancing' })).status).toBe(400);
    expect(((await json(await alice.get(`/console/api/tickets/${n}`))).body.presence as unknown[]).length).toBe(2);
    expect((await json(await alice.post(`/console/api/tickets/${n}/presence`, { state: 'left' }))).body.agents).toEqual([{ id: 'root', name: 'Ria Admin', state: 'typing' }]);

    expect((await alice.act(n, 'takeover')).status).toBe(200);
    // The admin wrote while the ticket showed nobody as its owner: alice took it over since.
    const admin = await json(await root.act(n, 'reply', { text: 'I am on it', expectedOwner: null }));
    expect(admin).toEqual({ status: 409, body: expect.objectContaining({ error: `Alice Chen has taken ${n} over: your reply was not sent (your text is kept)` }) });
    expect((await root.act(n, 'takeover')).status).toBe(200);
    const refused = await json(await alice.act(n, 'reply', { text: 'Try again now', expectedOwner: 'alice' }));
    expect(refused).toEqual({ status: 409, body: expect.objectContaining({ error: `Ria Admin has taken ${n} over: your reply was not sent (your text is kept)` }) });
    expect((await t.app.store.ticketEvents(id)).filter((e) => e.kind === 'agent_reply')).toEqual([]);
    expect((await root.act(n, 'reply', { text: 'Fixed', expectedOwner: 'root' })).status).toBe(200);
  });

  test('bulk: assign several tickets to an agent, resolve the owned ones; each refusal is reported and the rest go on', async () => {
    const ids = seedTickets(t.app.sqliteStore().db, 3, new Date(), ['escalated']);
    const numbers = await Promise.all(ids.map(async (id) => (await t.app.store.getTicket(id))!.number));
    const root = await loginAs(t.url, 'root');
    expect((await json(await root.post('/console/api/bulk', { action: 'assign', tickets: numbers, toAgent: 'alcie' }))).body.results)
      .toEqual(numbers.map((number) => ({ number, ok: false, error: 'no active agent "alcie": choose one from the list of agents' })));
    expect((await root.post('/console/api/bulk', { action: 'explode', tickets: numbers })).status).toBe(400);
    const assigned = await json(await root.post('/console/api/bulk', { action: 'assign', tickets: [...numbers, 'INC-999999'], toAgent: 'alice' }));
    expect(assigned.body.results).toEqual([...numbers.map((number) => ({ number, ok: true })), { number: 'INC-999999', ok: false, error: 'no ticket INC-999999 in your queue' }]);
    for (const n of numbers) expect((await t.app.store.getTicketByNumber(n))!.agentId).toBe('alice');
    const bob = await loginAs(t.url, 'bob');
    expect(((await json(await bob.post('/console/api/bulk', { action: 'resolve', tickets: numbers, resolution: 'done' }))).body.results as { ok: boolean }[]).every((r) => !r.ok)).toBe(true);
    const alice = await loginAs(t.url, 'alice');
    const resolved = await json(await alice.post('/console/api/bulk', { action: 'resolve', tickets: numbers.slice(0, 2), resolution: 'Fixed the switch' }));
    expect(resolved.body.results).toEqual(numbers.slice(0, 2).map((number) => ({ number, ok: true })));
    expect(await Promise.all(numbers.map(async (n) => (await t.app.store.getTicketByNumber(n))!.status))).toEqual(['resolved', 'resolved', 'in_progress']);
  });
});
