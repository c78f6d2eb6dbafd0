import Database from 'better-sqlite3';
import path from 'node:path';
import type { OutboundMessage } from '../../src/types/conversation';
import { disposeTeamsHarness, fixture, startTeamsHarness, type TeamsHarness } from './helpers/teams-test-app';

const TICKET = /INC-\d{6}|REQ-\d{6}/;
const BOT_ID = '28:00000000-0000-0000-0000-00000000f00d';
const personal = fixture('personal-message');
const PERSONAL_CONVERSATION = (personal.conversation as { id: string }).id;
const ALICE = personal.from as { id: string; aadObjectId: string };

let h: TeamsHarness;

beforeEach(async () => {
  h = await startTeamsHarness();
  h.connector.members.set(ALICE.id, fixture('member-alice'));
});

afterEach(async () => {
  await disposeTeamsHarness(h);
});

async function conversationOf(conversationId: string) {
  const conversation = await h.app.store.findConversation({ channel: 'teams', conversationId });
  if (!conversation) throw new Error(`no conversation ${conversationId}`);
  return conversation;
}

/** What an agent reply does to the store: one outbound message queued for the user's conversation. */
async function queueAgentReply(conversationId: string, message: OutboundMessage): Promise<void> {
  const conversation = await conversationOf(conversationId);
  await h.app.store.commitTurn({
    conversationId: conversation.id, expectedVersion: conversation.version, mode: 'agent', lang: conversation.lang,
    state: conversation.state, tickets: [], events: [], outbound: [message], now: new Date().toISOString(),
  });
}

describe('Teams channel against a Bot Connector stand-in', () => {
  test('a personal chat message opens a ticket and the reply reaches the user in the same chat', async () => {
    const res = await h.post(fixture('personal-message', {}, h.connector.serviceUrl));
    await h.settle();

    expect(res.status).toBe(200);
    const [reply] = h.connector.posted();
    expect(reply.conversationId).toBe(PERSONAL_CONVERSATION);
    expect(String(reply.body.text)).toMatch(TICKET);
    expect(reply.body).toMatchObject({ type: 'message', from: { id: BOT_ID }, recipient: { id: ALICE.id }, conversation: { tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' } });
    const conversation = await conversationOf(PERSONAL_CONVERSATION);
    expect(conversation.ref).toMatchObject({ userId: ALICE.aadObjectId, extra: { serviceUrl: h.connector.serviceUrl, tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', botId: BOT_ID } });
    const user = await h.app.store.getUser(conversation.userId);
    expect(user).toMatchObject({ name: 'Alice Martin', email: 'Alice.Martin@contoso.com' });
  });

  test('the same activity delivered twice is stored and answered once', async () => {
    const activity = fixture('personal-message', {}, h.connector.serviceUrl);

    const [first, second] = await Promise.all([h.post(activity), h.post(activity)]);
    await h.settle();
    const third = await h.post(activity);
    await h.settle();

    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    expect(h.connector.posted()).toHaveLength(1);
    const transcript = await h.app.store.transcript((await conversationOf(PERSONAL_CONVERSATION)).id);
    expect(transcript.filter((m) => m.direction === 'in')).toHaveLength(1);
  });

  test('a choice renders as an Adaptive Card and a button submit answers with the chosen value', async () => {
    await h.post(fixture('personal-message', {}, h.connector.serviceUrl));
    await h.settle();
    const question: OutboundMessage = { kind: 'choice', text: 'Which device is affected?', choices: [
      { value: 'windows', label: 'Windows laptop' }, { value: 'mac', label: 'MacBook' }, { value: 'phone', label: 'Phone' },
    ] };

    await queueAgentReply(PERSONAL_CONVERSATION, question);
    await h.app.dispatcher.drainDue();
    const cardPost = h.connector.posted()[1];
    const card = (cardPost.body.attachments as { contentType: string; content: { version: string; actions: { type: string; title: string; data: Record<string, unknown> }[] } }[])[0];
    const mac = card.content.actions.find((a) => a.title === 'MacBook');
    const invoke = fixture('card-action-invoke', {}, h.connector.serviceUrl);
    const res = await h.post({ ...invoke, replyToId: '1:2', value: { action: { ...mac, verb: 'fd_choice' }, trigger: 'manual' } });
    await h.app.engine.idle();

    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: { type: 'AdaptiveCard', actions: [] } });
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content.version).toBe('1.5');
    expect(card.content.actions.map((a) => [a.type, a.title])).toEqual([['Action.Execute', 'Windows laptop'], ['Action.Execute', 'MacBook'], ['Action.Execute', 'Phone']]);
    const inbound = (await h.app.store.transcript((await conversationOf(PERSONAL_CONVERSATION)).id)).filter((m) => m.direction === 'in');
    expect(inbound.at(-1)).toMatchObject({ text: 'MacBook', payload: { action: { id: 'choice', value: 'mac' } } });
    expect(h.connector.calls.filter((c) => c.path.includes('/members/'))).toHaveLength(1); // looked up once, then cached
  });

  test('a channel @mention is answered in its thread with the mention stripped; unmentioned posts are ignored', async () => {
    const mention = fixture('channel-mention', {}, h.connector.serviceUrl);
    const threadId = (mention.conversation as { id: string }).id;
    const unmentioned = fixture('channel-mention', { id: '1763630999999', text: 'lunch anyone?', entities: [] }, h.connector.serviceUrl);

    const res = await h.post(mention);
    await h.post(unmentioned);
    await h.settle();

    expect(res.status).toBe(200);
    const posted = h.connector.posted();
    expect(posted).toHaveLength(1);
    expect(posted[0].conversationId).toBe(threadId);
    expect(String(posted[0].body.text)).toMatch(TICKET);
    const transcript = await h.app.store.transcript((await conversationOf(threadId)).id);
    expect(transcript.filter((m) => m.direction === 'in').map((m) => m.text)).toEqual(['the 3rd floor printer is jammed again and shows paper error E4']);
    const lookup = h.connector.calls.find((c) => c.path.includes('/members/'));
    expect(lookup?.conversationId).toBe('19:f0e1d2c3b4a5968778695a4b3c2d1e0f@thread.tacv2'); // team roster, not the thread
    expect(await h.app.store.getUser((await conversationOf(threadId)).userId)).toMatchObject({ name: 'Bob Chen' });
  });

  test('installing the app sends a short welcome in the user language and stores its conversation reference, with no turn', async () => {
    const install = fixture('install-personal', {}, h.connector.serviceUrl);

    const res = await h.post(install);
    await h.post(install);
    await h.settle();

    expect(res.status).toBe(200);
    const posted = h.connector.posted();
    expect(posted).toHaveLength(1);
    expect(posted[0].conversationId).toBe(PERSONAL_CONVERSATION);
    expect(String(posted[0].body.text)).toMatch(/IT 服务台/);
    // The reference is kept so broadcasts reach people who never write (test/teams/teams-install-reach.test.ts).
    const conversation = await h.app.store.findConversation({ channel: 'teams', conversationId: PERSONAL_CONVERSATION });
    expect(conversation).toMatchObject({ ticketId: null });
    expect((await h.app.store.transcript(conversation!.id)).filter((m) => m.direction === 'out')).toEqual([]);
  });

  test('an agent reply is delivered proactively from the stored reference, after a restart', async () => {
    await h.post(fixture('personal-message', {}, h.connector.serviceUrl));
    await h.settle();
    await h.close();
    h = await startTeamsHarness({}, { dir: h.dir, connector: h.connector });

    await queueAgentReply(PERSONAL_CONVERSATION, { kind: 'text', text: 'Hi Alice, I reset your VPN profile.\nPlease try again.' });
    await h.app.dispatcher.drainDue();

    const posted = h.connector.posted();
    expect(posted).toHaveLength(2);
    expect(posted[1].conversationId).toBe(PERSONAL_CONVERSATION);
    expect(posted[1].body).toMatchObject({ recipient: { id: ALICE.id }, from: { id: BOT_ID }, text: 'Hi Alice, I reset your VPN profile.<br>Please try again.' });
    expect(await h.app.store.countOutbox('pending')).toBe(0);
  });

  test('a 403 BotNotInConversationRoster leaves the message failed with a reason, and the service keeps working', async () => {
    await h.post(fixture('personal-message', {}, h.connector.serviceUrl));
    await h.settle();
    h.connector.mode = 'roster403';

    await queueAgentReply(PERSONAL_CONVERSATION, { kind: 'text', text: 'Your laptop is ready for pick-up.' });
    await expect(h.app.dispatcher.drainDue()).resolves.toBe(1);

    expect(await h.app.store.countOutbox('failed')).toBe(1);
    const transcript = await h.app.store.transcript((await conversationOf(PERSONAL_CONVERSATION)).id);
    expect(transcript.at(-1)).toMatchObject({ direction: 'out', delivery: 'failed' });
    const db = new Database(path.join(h.dir, 'frontdesk.db'), { readonly: true });
    const row = db.prepare("SELECT last_error FROM outbox WHERE status = 'failed'").get() as { last_error: string };
    db.close();
    expect(row.last_error).toMatch(/not installed the app/);
    h.connector.mode = 'ok';
    expect((await h.post(fixture('personal-message', { id: '1763639999000', text: 'status' }, h.connector.serviceUrl))).status).toBe(200);
  });
});
