import { chatSession } from '../helpers/sse';
import { waitFor } from '../helpers/test-app';
import { loginAs, startConsoleApp } from '../console/helpers';

describe('web chat: a click names its question; the server refuses an answered one and takes a retried one once (#21 defect 7)', () => {
  let t: Awaited<ReturnType<typeof startConsoleApp>>;
  beforeAll(async () => {
    t = await startConsoleApp();
  });
  afterAll(() => t.stop());

  test('retry of the same click: accepted then duplicate; another answer to the same question: 409', async () => {
    const chat = await chatSession(t.url);
    await chat.post('The VPN is down for our whole team');
    await t.app.engine.idle();
    const root = await loginAs(t.url, 'root');
    await root.act('INC-000001', 'takeover');
    await root.act('INC-000001', 'resolve', { resolution: 'Restarted the gateway' });
    const ticket = (await t.app.store.getTicketByNumber('INC-000001'))!;
    const asked = await waitFor(async () => (await t.app.store.transcript(ticket.conversationId)).find((m) => m.direction === 'out' && /Is it fixed\?/.test(m.text)), 5000, 'question');
    const click = (clientMessageId: string, value: string) => fetch(`${t.url}/api/chat/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie: chat.cookie },
      body: JSON.stringify({ clientMessageId, text: value, action: { id: `choice:${asked.outboxId}`, value } }),
    });
    const first = await click('c1', 'no');
    expect(first.status).toBe(202);
    const { messageId } = (await first.json()) as { messageId: number };
    expect(messageId).toEqual(expect.any(Number));
    const retried = await click('c1', 'no');
    expect(retried.status).toBe(202);
    expect(await retried.json()).toEqual({ status: 'duplicate', messageId });
    const other = await click('c2', 'yes');
    expect(other.status).toBe(409);
    await t.app.engine.idle();
    expect((await t.app.store.getTicketByNumber('INC-000001'))!.status).toBe('reopened');
    // A click naming no question of this conversation is refused too.
    expect((await fetch(`${t.url}/api/chat/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie: chat.cookie },
      body: JSON.stringify({ clientMessageId: 'c3', text: 'yes', action: { id: 'choice:999999', value: 'yes' } }),
    })).status).toBe(409);
  });
});
