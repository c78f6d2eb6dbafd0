import { API_SCOPES, type ApiScope } from '../../src/api/scopes';
import { chatSession } from '../helpers/sse';
import { waitFor } from '../helpers/test-app';
import { botMessages } from '../console/helpers';
import { expectProblem, startApiApp } from './helpers';

describe('REST API /api/v1: every endpoint, each scope allowed and denied', () => {
  let t: Awaited<ReturnType<typeof startApiApp>>;
  let number: string;
  let conversationId: number;
  let webchatUser: string;
  let chat: Awaited<ReturnType<typeof chatSession>>;
  let stream: ReturnType<Awaited<ReturnType<typeof chatSession>>['events']>;

  beforeEach(async () => {
    t = await startApiApp();
    chat = await chatSession(t.url);
    stream = chat.events();
    await stream.opened;
    await chat.post('The VPN is down for our whole team');
    await t.app.engine.idle();
    await t.app.dispatcher.drainDue();
    const ticket = t.app.sqliteStore().db.prepare('SELECT number, conversation_id FROM tickets').get() as { number: string; conversation_id: number };
    number = ticket.number;
    conversationId = ticket.conversation_id;
    webchatUser = String((t.app.sqliteStore().db.prepare('SELECT platform_user_id FROM users').get() as { platform_user_id: string }).platform_user_id);
  });
  afterEach(async () => {
    stream.close();
    await t.stop();
  });

  // Each endpoint with the one scope it needs and the status it answers with.
  const endpoints = (): { method: string; path: string; scope: ApiScope; status: number; body?: unknown }[] => [
    { method: 'GET', path: '/tickets', scope: 'tickets:read', status: 200 },
    { method: 'GET', path: `/tickets/${number}`, scope: 'tickets:read', status: 200 },
    { method: 'GET', path: `/conversations/${conversationId}`, scope: 'conversations:read', status: 200 },
    { method: 'GET', path: '/kb/articles?q=vpn', scope: 'kb:read', status: 200 },
    { method: 'GET', path: '/kb/articles/vpn-connect', scope: 'kb:read', status: 200 },
    { method: 'GET', path: '/incidents', scope: 'incidents:read', status: 200 },
    { method: 'GET', path: '/broadcasts', scope: 'broadcasts:read', status: 200 },
    { method: 'GET', path: '/kpis', scope: 'kpis:read', status: 200 },
    { method: 'PATCH', path: `/tickets/${number}`, scope: 'tickets:write', status: 200, body: { priority: 'P1', group: 'network' } },
    { method: 'POST', path: `/tickets/${number}/comments`, scope: 'tickets:write', status: 201, body: { text: 'Internal: checked the gateway', internal: true } },
    { method: 'POST', path: '/tickets', scope: 'tickets:write', status: 201, body: { requester: { channel: 'webchat', userId: webchatUser }, summary: 'New laptop for the new hire', type: 'service_request', category: 'hardware' } },
    { method: 'POST', path: `/tickets/${number}/resolve`, scope: 'tickets:write', status: 200, body: { resolution: 'Restarted the VPN gateway' } },
  ];

  test('a token with only the needed scope is served; one with every other scope gets 403 problem+json', async () => {
    for (const e of endpoints()) {
      const others = API_SCOPES.filter((s) => s !== e.scope);
      const denied = await t.call(t.token(others), e.method, e.path, e.body);
      const problem = await expectProblem(denied, 403);
      expect(problem.requiredScope).toBe(e.scope);
      const allowed = await t.call(t.token([e.scope]), e.method, e.path, e.body);
      expect({ endpoint: `${e.method} ${e.path}`, status: allowed.status }).toEqual({ endpoint: `${e.method} ${e.path}`, status: e.status });
      expect(allowed.headers.get('content-type')).toMatch(/^application\/json/);
    }
  });

  test('tickets: list with filters, get, requester only with people:read', async () => {
    const plain = await (await t.call(t.token(['tickets:read']), 'GET', `/tickets?status=escalated&group=network`)).json();
    expect(plain.data).toEqual([expect.objectContaining({ number, status: 'escalated', group: 'network', priority: 'P2' })]);
    expect(plain.data[0].requester).toBeUndefined();
    expect((await (await t.call(t.token(['tickets:read']), 'GET', '/tickets?status=closed')).json()).data).toEqual([]);
    const withPeople = await (await t.call(t.token(['tickets:read', 'people:read']), 'GET', `/tickets/${number}`)).json();
    expect(withPeople.ticket.requester).toEqual(expect.objectContaining({ channel: 'webchat' }));
  });

  test('writes go through the turn commit: update, comment reaching the user, resolve asking "Is it fixed?", create telling the requester', async () => {
    const tok = t.token(['tickets:write', 'tickets:read'], 'jira-bridge');
    const before = botMessages(stream.events).length;
    const patched = await (await t.call(tok, 'PATCH', `/tickets/${number}`, { status: 'in_progress', assignee: 'alice', priority: 'P1' })).json();
    expect(patched.ticket).toEqual(expect.objectContaining({ status: 'in_progress', assignee: 'alice', priority: 'P1' }));
    const events = await t.app.store.ticketEvents((await t.app.store.getTicketByNumber(number))!.id);
    expect(events.at(-1)).toEqual(expect.objectContaining({ actor: 'agent:api:jira-bridge', kind: 'updated', data: { changes: expect.objectContaining({ status: { from: 'escalated', to: 'in_progress' } }) } }));

    expect((await t.call(tok, 'POST', `/tickets/${number}/comments`, { text: 'We are on it.', author: 'Sam (Jira)' })).status).toBe(201);
    await waitFor(() => botMessages(stream.events).length > before, 5000, 'comment on the user channel');
    expect(botMessages(stream.events).at(-1)!.text).toBe('**Sam (Jira)**: We are on it.');

    expect((await t.call(tok, 'POST', `/tickets/${number}/resolve`, { resolution: 'Restarted the VPN gateway' })).status).toBe(200);
    const question = await waitFor(() => botMessages(stream.events).find((m) => /Is it fixed\?/.test(m.text)), 5000, 'is it fixed');
    expect(question.text).toContain('Restarted the VPN gateway');

    const created = await t.call(tok, 'POST', '/tickets', { requester: { channel: 'webchat', userId: webchatUser }, summary: 'Monitor flickers', category: 'hardware' });
    expect(created.status).toBe(201);
    const { ticket } = await created.json();
    expect(ticket).toEqual(expect.objectContaining({ number: expect.stringMatching(/^INC-/), summary: 'Monitor flickers', category: 'hardware', priority: 'P5' }));
    await waitFor(() => botMessages(stream.events).some((m) => m.text.includes(`**${ticket.number}**`)), 5000, 'logged-for-you notice');
    const unknown = await t.call(tok, 'POST', '/tickets', { requester: { channel: 'slack', userId: 'U0NOBODY' }, summary: 'x' });
    await expectProblem(unknown, 422);
  });

  test('conversations, KB, incidents, broadcasts and KPIs answer with their data', async () => {
    const tok = t.token();
    const conv = await (await t.call(tok, 'GET', `/conversations/${conversationId}`)).json();
    expect(conv).toEqual(expect.objectContaining({ id: conversationId, channel: 'webchat', ticket: number }));
    expect(conv.messages[0]).toEqual(expect.objectContaining({ direction: 'in', text: 'The VPN is down for our whole team' }));
    const kb = await (await t.call(tok, 'GET', '/kb/articles?q=vpn%20error%20809')).json();
    expect(kb.data[0]).toEqual(expect.objectContaining({ id: expect.any(String), score: expect.any(Number) }));
    const all = await (await t.call(tok, 'GET', '/kb/articles?lang=zh')).json();
    expect(all.data.length).toBeGreaterThan(5);
    expect(all.data.every((a: { lang: string }) => a.lang === 'zh')).toBe(true);
    const article = await (await t.call(tok, 'GET', `/kb/articles/${kb.data[0].id}`)).json();
    expect(article.body.length).toBeGreaterThan(50);
    expect((await (await t.call(tok, 'GET', '/incidents')).json()).data).toEqual([]);
    await expectProblem(await t.call(tok, 'GET', '/incidents/MI-000009'), 404);
    expect((await (await t.call(tok, 'GET', '/broadcasts')).json()).data).toEqual([]);
    const kpis = await (await t.call(tok, 'GET', '/kpis')).json();
    expect(kpis.overall).toEqual(expect.objectContaining({ opened: 1 }));
  });

  test('every call is on the audit trail with its token and status', async () => {
    const tok = t.token(['tickets:read'], 'auditor');
    await t.call(tok, 'GET', '/tickets');
    await t.call(tok, 'GET', '/kpis');
    await t.call(null, 'GET', '/tickets');
    const rows = t.app.sqliteStore().db.prepare('SELECT token_name, method, path, status FROM api_calls ORDER BY id').all();
    expect(rows).toEqual([
      { token_name: 'auditor', method: 'GET', path: '/api/v1/tickets', status: 200 },
      { token_name: 'auditor', method: 'GET', path: '/api/v1/kpis', status: 403 },
      { token_name: null, method: 'GET', path: '/api/v1/tickets', status: 401 },
    ]);
  });
});
