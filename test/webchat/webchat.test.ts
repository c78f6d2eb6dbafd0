import { createWebchatChannel } from '../../channels/webchat/webchat.channel';
import { fixedTurnDeps } from '../helpers/fixed-deps';
import { chatSession } from '../helpers/sse';
import { startTestApp, waitFor } from '../helpers/test-app';

const botTexts = (events: { event: string; data: string }[]) =>
  events.filter((e) => e.event === 'message').map((e) => JSON.parse(e.data).message.text as string);

describe('web chat over HTTP and server-sent events', () => {
  let t: Awaited<ReturnType<typeof startTestApp>>;
  beforeEach(async () => {
    t = await startTestApp({}, { channels: [createWebchatChannel()], turnDeps: fixedTurnDeps() });
  });
  afterEach(() => t.stop());

  test('a description gets a ticket number by SSE; a resent message is not answered twice', async () => {
    const chat = await chatSession(t.url);
    const stream = chat.events();
    expect(await stream.opened).toBe(200);
    const sent = await chat.post('my docking station stopped working', 'a1');
    expect(sent.status).toBe(202);
    const { messageId } = (await sent.json()) as { messageId: number };
    const again = await chat.post('my docking station stopped working', 'a1');
    // The stored message's id (the page matches read marks to it); the same one for the resent message.
    expect(await again.json()).toEqual({ status: 'duplicate', messageId });
    await waitFor(() => botTexts(stream.events).length >= 1, 5000, 'reply');
    await t.app.engine.idle();
    await t.app.dispatcher.drainDue();
    expect(botTexts(stream.events)).toEqual([expect.stringMatching(/INC-000001/)]);
    stream.close();
  });

  test('a reconnecting page gets only what it missed, and a new page the whole conversation', async () => {
    const chat = await chatSession(t.url);
    await chat.post('hello');
    await chat.post('printer on floor 3 is jammed');
    await t.app.engine.idle();
    await t.app.dispatcher.drainDue();
    const fresh = chat.events();
    await waitFor(() => botTexts(fresh.events).length === 2, 5000, 'replay');
    expect(fresh.events.filter((e) => e.event === 'echo')).toHaveLength(2);
    const lastId = fresh.events.filter((e) => e.event === 'message')[0].id!;
    fresh.close();
    const reconnect = chat.events({ 'last-event-id': lastId });
    await waitFor(() => botTexts(reconnect.events).length === 1, 5000, 'missed reply');
    expect(botTexts(reconnect.events)[0]).toMatch(/INC-000001/);
    expect(reconnect.events.filter((e) => e.event === 'echo')).toHaveLength(0);
    reconnect.close();
  });

  test('the browser\'s time zone is the person\'s: due times are told in it; one the server does not know is ignored', async () => {
    const chat = await chatSession(t.url);
    const post = (text: string, id: string, timeZone: string) => fetch(`${t.url}/api/chat/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie: chat.cookie }, body: JSON.stringify({ clientMessageId: id, text, timeZone }),
    });

    expect((await post('my docking station stopped working', 'z1', 'Asia/Shanghai')).status).toBe(202);
    expect((await post('it is the one on desk 4', 'z2', 'Nowhere/Atlantis')).status).toBe(202);
    await t.app.engine.idle();

    const conversation = await t.app.store.findConversation({ channel: 'webchat', conversationId: chat.cookie.split('=')[1] });
    expect((await t.app.store.getUser(conversation!.userId))?.timeZone).toBe('Asia/Shanghai');
    const replies = (await t.app.store.transcript(conversation!.id)).filter((m) => m.direction === 'out').map((m) => JSON.stringify(m));
    expect(replies.join('\n')).toMatch(/GMT\+8/);
  });

  test.each([
    ['not JSON', 'application/json', '{"text": ', 400],
    ['wrong content type', 'text/plain', 'hello', 415],
    ['wrong types', 'application/json', JSON.stringify({ clientMessageId: 5, text: ['x'] }), 400],
    ['empty text', 'application/json', JSON.stringify({ clientMessageId: 'a', text: '  ' }), 400],
    ['bad id', 'application/json', JSON.stringify({ clientMessageId: '../../x', text: 'hi' }), 400],
    ['too long', 'application/json', JSON.stringify({ clientMessageId: 'a', text: 'x'.repeat(20_001) }), 400],
    ['over the body limit', 'application/json', JSON.stringify({ clientMessageId: 'a', text: 'x'.repeat(70_000) }), 413],
  ])('malformed input (%s) is refused and stores nothing', async (_name, type, body, status) => {
    const chat = await chatSession(t.url);
    const res = await fetch(`${t.url}/api/chat/messages`, { method: 'POST', headers: { 'content-type': type, cookie: chat.cookie }, body });
    expect(res.status).toBe(status);
    expect((await res.json()).error).toEqual(expect.any(String));
    expect(await t.app.store.pendingInbound(10)).toHaveLength(0);
    expect(await t.app.store.findConversation({ channel: 'webchat', conversationId: chat.cookie.split('=')[1] })).toBeNull();
  });

  test('without a session cookie the API answers 401', async () => {
    const res = await fetch(`${t.url}/api/chat/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"clientMessageId":"a","text":"hi"}' });
    expect(res.status).toBe(401);
    expect((await fetch(`${t.url}/api/chat/events`)).status).toBe(401);
  });

  test('the page, health and metrics are served with security headers', async () => {
    const page = await fetch(t.url);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toMatch(/IT Service Desk/);
    expect(await (await fetch(`${t.url}/healthz`)).json()).toMatchObject({ status: 'ok' });
    const chat = await chatSession(t.url);
    await chat.post('wifi drops every hour');
    await t.app.engine.idle();
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(/frontdesk_tickets_opened_total\{type="incident",priority="P4",frontdesk_instance="[^"]+"\} 1/);
    expect((await fetch(`${t.url}/nope`)).status).toBe(404);
    expect((await fetch(`${t.url}/healthz`, { method: 'DELETE' })).status).toBe(405);
  });
});
