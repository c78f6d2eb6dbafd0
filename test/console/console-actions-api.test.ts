import { loginAs, startConsoleAppWithTicket, type ConsoleApp } from './helpers';

describe('console actions: transfer targets checked on the server, replies sent once by Idempotency-Key (#21 defects 2 and 6)', () => {
  let t: ConsoleApp;
  let number: string;
  beforeAll(async () => ({ t, number } = await startConsoleAppWithTicket()));
  afterAll(() => t.stop());

  const events = async (kind: string) => (await t.app.store.ticketEvents((await t.app.store.getTicketByNumber(number))!.id)).filter((e) => e.kind === kind);

  test('the directory lists the configured groups and the active agents', async () => {
    const alice = await loginAs(t.url, 'alice');
    const body = (await (await alice.get('/console/api/directory')).json()) as { groups: { id: string }[]; agents: { id: string }[] };
    expect(body.groups.map((g) => g.id)).toEqual(expect.arrayContaining(['network', 'identity', 'service-desk', 'security']));
    expect(body.agents.map((a) => a.id)).toEqual(['alice', 'bob', 'root']);
  });

  test('a mistyped group or an unknown agent is a 400 with a clear message, and nothing changes', async () => {
    const root = await loginAs(t.url, 'root');
    const typo = await root.act(number, 'transfer', { toGroup: 'netwrok' });
    expect(typo.status).toBe(400);
    expect(((await typo.json()) as { error: string }).error).toMatch(/^no group "netwrok": choose one of .*network/);
    const agent = await root.act(number, 'transfer', { toAgent: 'alcie' });
    expect(agent.status).toBe(400);
    expect(await events('transferred')).toEqual([]);
    expect((await root.act(number, 'transfer', { toGroup: 'identity' })).status).toBe(200);
    expect((await t.app.store.getTicketByNumber(number))!.group).toBe('identity');
  });

  test('the same reply with the same Idempotency-Key is sent once and answered alike', async () => {
    const root = await loginAs(t.url, 'root');
    expect((await root.act(number, 'takeover')).status).toBe(200);
    const send = () => fetch(`${t.url}/console/api/tickets/${number}/reply`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: root.cookie, 'x-csrf-token': root.csrfToken, 'idempotency-key': 'reply-1' },
      body: JSON.stringify({ text: 'Please restart the router.' }),
    });
    const [a, b] = await Promise.all([send(), send()]);
    const statuses = [a.status, b.status].sort();
    // Two at once: one runs, the other is told it is in flight (409) or gets the same answer (200).
    expect(statuses[0]).toBe(200);
    const c = await send();
    expect(c.status).toBe(200);
    expect(await c.json()).toEqual(await (a.status === 200 ? a : b).json());
    expect((await events('agent_reply')).map((e) => e.data.text)).toEqual(['Please restart the router.']);
    const other = await fetch(`${t.url}/console/api/tickets/${number}/reply`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: root.cookie, 'x-csrf-token': root.csrfToken, 'idempotency-key': 'reply-1' },
      body: JSON.stringify({ text: 'Something else' }),
    });
    expect(other.status).toBe(422);
  });
});
