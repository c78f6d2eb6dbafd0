import { ChannelError } from '../../src/errors';
import { chatSession, openSse } from '../helpers/sse';
import { waitFor } from '../helpers/test-app';
import { botMessages, loginAs, startConsoleApp } from './helpers';

describe('agent console: the whole hand-off loop through the web chat', () => {
  let t: Awaited<ReturnType<typeof startConsoleApp>>;
  beforeEach(async () => {
    t = await startConsoleApp();
  });
  afterEach(() => t.stop());

  const settle = async () => {
    await t.app.engine.idle();
    await t.app.dispatcher.drainDue();
  };

  test('escalated ticket -> live queue -> take over -> silence -> reply -> note -> release -> resolve -> confirmation', async () => {
    // Arrange: an agent with the console open, a user on the web chat.
    const alice = await loginAs(t.url, 'alice');
    const live = openSse(`${t.url}/console/api/events`, { cookie: alice.cookie });
    expect(await live.opened).toBe(200);
    const chat = await chatSession(t.url);
    const user = chat.events();
    await user.opened;

    // The user's problem is escalated at once (P2) and shows up live in the queue.
    await chat.post('The VPN is down for our whole team');
    const changed = await waitFor(() => live.events.find((e) => e.event === 'changed'), 5000, 'live queue event');
    const number = JSON.parse(changed.data).ticket as string;
    expect(number).toMatch(/^INC-\d{6}$/);
    const queue = (await (await alice.get('/console/api/queue')).json()) as { tickets: { number: string; status: string; group: string }[] };
    expect(queue.tickets).toEqual([expect.objectContaining({ number, status: 'escalated', group: 'network' })]);
    const view = await (await alice.get(`/console/api/tickets/${number}`)).json();
    expect(view.context).toEqual(expect.objectContaining({ summary: expect.stringContaining('VPN'), reason: expect.any(String) }));
    expect(view.transcript[0]).toMatchObject({ direction: 'in', text: 'The VPN is down for our whole team' });
    await settle();
    const before = botMessages(user.events).length;

    // Take over: the user is told who joined; the conversation belongs to the agent.
    expect((await alice.act(number, 'takeover')).status).toBe(200);
    await waitFor(() => botMessages(user.events).length > before, 5000, 'joined message');
    expect(botMessages(user.events).at(-1)!.text).toContain('Alice Chen from the service desk has joined');
    expect((await t.app.store.getTicketByNumber(number))).toMatchObject({ agentId: 'alice', status: 'in_progress' });

    // While the agent owns it, the bot stays silent; the message reaches the ticket.
    await chat.post('It started after the Windows update');
    await settle();
    expect(botMessages(user.events)).toHaveLength(before + 1);
    const afterUser = await (await alice.get(`/console/api/tickets/${number}`)).json();
    expect(afterUser.transcript.at(-1)).toMatchObject({ direction: 'in', text: 'It started after the Windows update' });

    // Reply reaches the user, with the agent's name; a note does not.
    expect((await alice.act(number, 'reply', { text: 'Please reconnect now, I reset your tunnel.' })).status).toBe(200);
    await waitFor(() => botMessages(user.events).length === before + 2, 5000, 'agent reply');
    expect(botMessages(user.events).at(-1)!.text).toBe('**Alice Chen**: Please reconnect now, I reset your tunnel.');
    expect((await t.app.store.getTicketByNumber(number))!.firstResponseAt).not.toBeNull();
    expect((await alice.act(number, 'note', { text: 'Gateway 2 had a stale session' })).status).toBe(200);
    await settle();
    expect(botMessages(user.events)).toHaveLength(before + 2);
    expect(JSON.stringify(botMessages(user.events))).not.toContain('stale session');
    const noted = await (await alice.get(`/console/api/tickets/${number}`)).json();
    expect(noted.events.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['taken_over', 'user_message', 'agent_reply', 'internal_note']));

    // Release: the bot is back and answers the next message itself.
    expect((await alice.act(number, 'release')).status).toBe(200);
    await waitFor(() => botMessages(user.events).length === before + 3, 5000, 'released message');
    expect(botMessages(user.events).at(-1)!.text).toMatch(/back to me/);
    expect((await t.app.store.getConversation((await t.app.store.getTicketByNumber(number))!.conversationId))!.mode).toBe('bot');
    await chat.post('still slow though');
    await waitFor(() => botMessages(user.events).length === before + 4, 5000, 'bot answer after release');

    // Resolve: the user is asked "Is it fixed?" with yes/no buttons; answering yes closes the ticket.
    expect((await alice.act(number, 'takeover')).status).toBe(200);
    const resolved = await alice.act(number, 'resolve', { resolution: 'Reset the VPN gateway session', rootCause: 'Stale session on gateway 2' });
    expect(resolved.status).toBe(200);
    const question = await waitFor(() => botMessages(user.events).find((m) => m.kind === 'choice' && /Is it fixed\?/.test(m.text)), 5000, 'confirmation');
    expect(question.text).toBe(`Your ticket ${number} was resolved: Reset the VPN gateway session. Is it fixed?`);
    expect(question.choices!.map((c) => c.value)).toEqual(['yes', 'no']);
    await fetch(`${t.url}/api/chat/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie: chat.cookie },
      body: JSON.stringify({ clientMessageId: 'confirm', text: question.choices![0].label, action: { id: 'choice', value: 'yes' } }),
    });
    await settle();
    expect((await t.app.store.getTicketByNumber(number))!.status).toBe('closed');
    const queueAfter = (await (await alice.get('/console/api/queue')).json()) as { tickets: unknown[] };
    expect(queueAfter.tickets).toHaveLength(0);
    live.close();
    user.close();
  });

  test('a failed delivery shows in the ticket view transcript', async () => {
    const alice = await loginAs(t.url, 'alice');
    const chat = await chatSession(t.url);
    await chat.post('Wi-Fi is down on floor 2');
    await settle();
    const [{ number }] = ((await (await alice.get('/console/api/queue')).json()) as { tickets: { number: string }[] }).tickets;
    const webchat = t.app.channels.get('webchat')!;
    const send = jest.spyOn(webchat, 'send').mockRejectedValue(new ChannelError('session gone', true));
    await alice.act(number, 'takeover');
    await settle();
    const view = await (await alice.get(`/console/api/tickets/${number}`)).json();
    expect(view.transcript.at(-1)).toMatchObject({ direction: 'out', delivery: 'failed' });
    send.mockRestore();
  });
});
