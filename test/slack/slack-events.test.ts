import { fixture, dmEvent } from './helpers/fixtures';
import { postEvent } from './helpers/signed-request';
import { storedInbound, useSlackTestApp } from './helpers/slack-test-app';

const TICKET = /INC-\d{6}|REQ-\d{6}/;

describe('Slack Events API through bolt on /slack/events', () => {
  const t = useSlackTestApp();

  const replies = (channel: string) => t.api.callsOf('chat.postMessage').filter((c) => c.args.channel === channel);

  it('answers url_verification with the challenge', async () => {
    const body = fixture('url-verification');
    const res = await postEvent(t.baseUrl, body);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: body.challenge });
  });

  it('turns a direct message conversation into a ticket, with the profile from users.info', async () => {
    // Arrange: the user reports a problem, then answers whatever the bot asks, for a few turns at most.
    const says = ['My laptop will not turn on since this morning', 'It is only my laptop, and I cannot work at all', 'yes', 'yes'];
    let ticketReply: string | undefined;
    // Act
    for (let turn = 0; turn < says.length && !ticketReply; turn++) {
      const seen = replies('D0ALICEDM').length;
      const res = await postEvent(t.baseUrl, dmEvent(says[turn], `1700000000.00010${turn}`));
      expect(res.status).toBe(200);
      await t.api.waitFor(() => replies('D0ALICEDM').length > seen);
      ticketReply = replies('D0ALICEDM').map((c) => String(c.args.text)).find((text) => TICKET.test(text));
    }
    // Assert: a ticket number reached the DM, unthreaded; the stored requester carries the Slack profile.
    expect(ticketReply).toMatch(TICKET);
    expect(replies('D0ALICEDM').every((c) => c.args.thread_ts === undefined)).toBe(true);
    const conversation = await t.app.store.findConversation({ channel: 'slack', conversationId: 'D0ALICEDM' });
    const user = await t.app.store.getUser(conversation!.userId);
    expect(user).toMatchObject({ platformUserId: 'U0ALICE', name: 'Alice Moreau', email: 'alice@acme.test', department: 'Finance' });
    expect(t.api.callsOf('users.info')).toHaveLength(1);
  });

  it('answers a mention in a thread on it, and a thread reply continues the same conversation', async () => {
    // Arrange
    const mention = fixture('event-app-mention');
    // Act: the mention, then a plain reply in its thread (no mention) from the same user.
    expect((await postEvent(t.baseUrl, mention)).status).toBe(200);
    await t.api.waitFor(() => replies('C0GENERAL').length >= 1);
    expect((await postEvent(t.baseUrl, fixture('event-thread-reply'))).status).toBe(200);
    await t.api.waitFor(() => replies('C0GENERAL').length >= 2);
    // Assert: every reply is in the mention's thread, and both messages are in one conversation.
    expect(replies('C0GENERAL').every((c) => c.args.thread_ts === mention.event.ts)).toBe(true);
    const conversation = await t.app.store.findConversation({ channel: 'slack', conversationId: 'C0GENERAL', threadId: mention.event.ts });
    const inbound = (await t.app.store.transcript(conversation!.id)).filter((m) => m.direction === 'in').map((m) => m.text);
    expect(inbound).toEqual(['the printer on floor 3 is offline again', 'it says paper jam but there is no paper stuck']);
  });

  it('ignores a thread reply from someone else, and channel chatter not addressed to the bot', async () => {
    // Arrange
    await postEvent(t.baseUrl, fixture('event-app-mention'));
    await t.api.waitFor(() => replies('C0GENERAL').length >= 1);
    const bystander = fixture('event-thread-reply');
    Object.assign(bystander.event, { user: 'U0ALICE', ts: '1700000250.000900' });
    const chatter = fixture('event-thread-reply');
    Object.assign(chatter.event, { ts: '1700000260.000901', thread_ts: undefined, parent_user_id: undefined });
    // Act
    expect((await postEvent(t.baseUrl, bystander)).status).toBe(200);
    expect((await postEvent(t.baseUrl, chatter)).status).toBe(200);
    await t.app.engine.idle();
    // Assert: only the mention was stored.
    expect(storedInbound(t.app)).toBe(1);
  });

  it('acknowledges and drops messages from bots and from the app itself, and unsupported event types', async () => {
    // Arrange
    const own = dmEvent('echo of our own reply', '1700000500.000600', 'U0FRONTDESK');
    const edited = dmEvent('edited', '1700000600.000700');
    edited.event.subtype = 'message_changed';
    // Act
    const statuses = [];
    for (const body of [fixture('event-bot-message'), own, edited, fixture('event-reaction-added')]) {
      statuses.push((await postEvent(t.baseUrl, body)).status);
    }
    await t.app.engine.idle();
    // Assert
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect(storedInbound(t.app)).toBe(0);
    expect(t.api.callsOf('chat.postMessage')).toHaveLength(0);
  });

  it('acknowledges Slack retries (x-slack-retry-num) without processing the event twice', async () => {
    // Arrange
    const event = dmEvent('Outlook keeps asking for my password', '1700000700.000800');
    // Act: the original, a concurrent retry, then a later retry.
    const [first, concurrent] = await Promise.all([postEvent(t.baseUrl, event), postEvent(t.baseUrl, event, { retryNum: 1 })]);
    await t.api.waitFor(() => replies('D0ALICEDM').length >= 1);
    const late = await postEvent(t.baseUrl, event, { retryNum: 2 });
    await t.app.engine.idle();
    await t.app.dispatcher.drainDue();
    // Assert: all acknowledged, one message stored, one turn answered.
    expect([first.status, concurrent.status, late.status]).toEqual([200, 200, 200]);
    expect(storedInbound(t.app)).toBe(1);
    const conversation = await t.app.store.findConversation({ channel: 'slack', conversationId: 'D0ALICEDM' });
    const out = (await t.app.store.transcript(conversation!.id)).filter((m) => m.direction === 'out');
    expect(replies('D0ALICEDM')).toHaveLength(out.length);
    expect(out.length).toBeGreaterThan(0);
  });
});
