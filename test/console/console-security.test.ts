import { chatSession, openSse } from '../helpers/sse';
import { waitFor } from '../helpers/test-app';
import { loginAs, PASSWORD, startConsoleApp } from './helpers';

describe('agent console security', () => {
  const offset = { value: 0 };
  let t: Awaited<ReturnType<typeof startConsoleApp>>;
  let number: string;
  beforeEach(async () => {
    offset.value = 0;
    t = await startConsoleApp(offset);
    const chat = await chatSession(t.url);
    await chat.post('The VPN is down for our whole team');
    await t.app.engine.idle();
    number = (await waitFor(() => t.app.store.getTicket(1), 2000, 'ticket'))!.number;
  });
  afterEach(() => t.stop());

  test('pages redirect to the login and the API answers 401 without a session', async () => {
    const page = await fetch(`${t.url}/console`, { redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/console/login');
    for (const path of ['/console/api/me', '/console/api/queue', '/console/api/events', `/console/api/tickets/${number}`, '/console/api/agents']) {
      expect([path, (await fetch(`${t.url}${path}`)).status]).toEqual([path, 401]);
    }
    const forged = await fetch(`${t.url}/console/api/me`, { headers: { cookie: 'fd_console=' + 'A'.repeat(43) } });
    expect(forged.status).toBe(401);
    const post = await fetch(`${t.url}/console/api/tickets/${number}/takeover`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': 'x' }, body: '{}' });
    expect(post.status).toBe(401);
    expect((await t.app.store.getTicketByNumber(number))!.agentId).toBeNull();
  });

  test('the login page is served under the strict CSP; the session cookie is HttpOnly, SameSite=Strict, Path=/console', async () => {
    const page = await fetch(`${t.url}/console/login`);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const res = await fetch(`${t.url}/console/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'alice', password: PASSWORD }) });
    const cookie = String(res.headers.get('set-cookie'));
    expect(cookie).toMatch(/^fd_console=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/console(;|$)/);
  });

  test('a form login redirects to the console; a wrong password back to the login page; a foreign Origin is refused', async () => {
    const form = (password: string, origin?: string, site?: string) => fetch(`${t.url}/console/login`, {
      method: 'POST', redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(origin ? { origin } : {}), ...(site ? { 'sec-fetch-site': site } : {}) },
      body: new URLSearchParams({ login: 'alice', password }).toString(),
    });
    const ok = await form(PASSWORD, t.url);
    expect([ok.status, ok.headers.get('location')]).toEqual([303, '/console']);
    const page = await fetch(`${t.url}/console`, { headers: { cookie: String(ok.headers.get('set-cookie')).split(';')[0] } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/console/console.js');
    const wrong = await form('not the password');
    expect([wrong.status, wrong.headers.get('location')]).toEqual([303, '/console/login?error=invalid']);
    expect((await form(PASSWORD, 'https://evil.example')).status).toBe(403);
    expect((await form(PASSWORD, 'null', 'cross-site')).status).toBe(403);
  });

  test('state-changing requests need the session CSRF token', async () => {
    const alice = await loginAs(t.url, 'alice');
    expect((await alice.post(`/console/api/tickets/${number}/takeover`, {}, null)).status).toBe(403);
    expect((await alice.post(`/console/api/tickets/${number}/takeover`, {}, 'x'.repeat(32))).status).toBe(403);
    const bob = await loginAs(t.url, 'bob');
    expect((await alice.post(`/console/api/tickets/${number}/takeover`, {}, bob.csrfToken)).status).toBe(403);
    expect((await alice.post('/console/logout', {}, null)).status).toBe(403);
    expect((await t.app.store.getTicketByNumber(number))!.agentId).toBeNull();
    expect((await alice.post(`/console/api/tickets/${number}/takeover`)).status).toBe(200);
  });

  test('agents see and act only on their groups; admins on everything; the admin API refuses agents', async () => {
    const [alice, bob, root] = [await loginAs(t.url, 'alice'), await loginAs(t.url, 'bob'), await loginAs(t.url, 'root')];
    // Not bob's group: the same 404 as a number that does not exist (no hint of existence or owner).
    const hidden = await bob.get(`/console/api/tickets/${number}`);
    const missing = await bob.get('/console/api/tickets/INC-999999');
    expect([hidden.status, missing.status]).toEqual([404, 404]);
    expect((await hidden.json()).error.replace(number, 'N')).toBe((await missing.json()).error.replace('INC-999999', 'N'));
    expect((await bob.post(`/console/api/tickets/${number}/draft-article`)).status).toBe(404);
    expect(((await (await bob.get('/console/api/queue')).json()) as { tickets: unknown[] }).tickets).toEqual([]);
    const act = await bob.act(number, 'takeover');
    expect(act.status).toBe(404);
    expect(await act.text()).not.toMatch(/network|group/);
    expect((await root.get(`/console/api/tickets/${number}`)).status).toBe(200);
    expect(((await (await root.get('/console/api/queue')).json()) as { tickets: unknown[] }).tickets).toHaveLength(1);
    // Only the owner (or an admin) may talk on the ticket.
    expect((await alice.act(number, 'reply', { text: 'hello' })).status).toBe(403);
    expect((await alice.act(number, 'takeover')).status).toBe(200);
    expect((await alice.act(number, 'takeover')).status).toBe(409);
    expect((await root.act(number, 'note', { text: 'admin looked' })).status).toBe(200);
    expect((await alice.get('/console/api/agents')).status).toBe(403);
    expect((await t.app.store.ticketEvents((await t.app.store.getTicketByNumber(number))!.id)).filter((e) => e.actor.startsWith('agent:')).map((e) => e.actor))
      .toEqual(['agent:alice', 'agent:root']);
  });

  test('no password hash ever leaves the server', async () => {
    const root = await loginAs(t.url, 'root');
    const agents = await root.get('/console/api/agents');
    expect(agents.status).toBe(200);
    const text = await agents.text();
    expect(JSON.parse(text).agents.map((a: { id: string }) => a.id)).toEqual(['alice', 'bob', 'root']);
    const me = await (await root.get('/console/api/me')).text();
    for (const body of [text, me]) {
      expect(body).not.toMatch(/scrypt|password/i);
    }
  });

  test('live events reach only agents who may see the ticket', async () => {
    const [alice, bob] = [await loginAs(t.url, 'alice'), await loginAs(t.url, 'bob')];
    const aliceLive = openSse(`${t.url}/console/api/events`, { cookie: alice.cookie });
    const bobLive = openSse(`${t.url}/console/api/events`, { cookie: bob.cookie });
    await Promise.all([aliceLive.opened, bobLive.opened]);
    expect((await alice.act(number, 'takeover')).status).toBe(200);
    await waitFor(() => aliceLive.events.some((e) => e.event === 'changed'), 3000, 'alice event');
    await t.app.engine.idle();
    expect(bobLive.events).toEqual([]);
    aliceLive.close();
    bobLive.close();
  });

  test('the login page never echoes request data', async () => {
    const page = await (await fetch(`${t.url}/console/login?error=%3Cscript%3Ealert(1)%3C/script%3E`)).text();
    expect(page).not.toContain('alert(1)');
  });

  test("the requester's tickets of other groups show number and status only", async () => {
    const first = (await t.app.store.getTicketByNumber(number))!;
    const conversation = (await t.app.store.getConversation(first.conversationId))!;
    const now = new Date().toISOString();
    await t.app.store.commitTurn({
      conversationId: conversation.id, expectedVersion: conversation.version, mode: 'bot', lang: 'en', state: conversation.state, now,
      tickets: [{ kind: 'open', draft: { type: 'incident', category: 'security', impact: 3, urgency: 1, priority: 'P3', summary: 'I clicked a phishing link',
        description: 'x', lang: 'en', group: 'security', responseDueAt: now, resolveDueAt: now } }],
      events: [], outbound: [],
    });
    const alice = await loginAs(t.url, 'alice');
    const view = await (await alice.get(`/console/api/tickets/${number}`)).json();
    expect(view.requesterTickets).toEqual([expect.objectContaining({ number: 'INC-000002', status: 'new', summary: null })]);
    const root = await loginAs(t.url, 'root');
    const adminView = await (await root.get(`/console/api/tickets/${number}`)).json();
    expect(adminView.requesterTickets[0].summary).toBe('I clicked a phishing link');
  });

  test('logout ends the session', async () => {
    const alice = await loginAs(t.url, 'alice');
    expect((await alice.post('/console/logout')).status).toBe(200);
    expect((await alice.get('/console/api/me')).status).toBe(401);
  });
});
