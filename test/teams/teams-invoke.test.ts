import type { OutboundMessage } from '../../src/types/conversation';
import { askInto, fixture } from './helpers/teams-test-app';
import { useTeamsHarness } from './helpers/use-teams-harness';

const personal = fixture('personal-message');
const PERSONAL = (personal.conversation as { id: string }).id;
const ALICE = personal.from as { id: string; name: string; aadObjectId: string };
const mention = fixture('channel-mention');
const BOB_THREAD = (mention.conversation as { id: string }).id;
const QUESTION: OutboundMessage = { kind: 'choice', text: 'Which device is affected?', choices: [{ value: 'windows', label: 'Windows laptop' }, { value: 'mac', label: 'MacBook' }] };

type Action = { type: string; title: string; verb?: string; data: Record<string, unknown> };
type Card = { content: { body: Array<Record<string, unknown>>; actions: Action[] } };
type InvokeBody = { statusCode: number; type: string; value: unknown };

const h = useTeamsHarness();
let counter = 0;


/** Press an Action.Execute button as Teams delivers it: an `adaptiveCard/action` invoke; answers HTTP status and body. */
async function execute(from: unknown, conversation: unknown, activityId: string, button: Action): Promise<{ status: number; body: InvokeBody }> {
  const invoke = fixture('card-action-invoke', {
    id: `f:90000000000000${++counter}`, from, conversation, replyToId: activityId,
    value: { action: { type: 'Action.Execute', title: button.title, verb: button.verb, data: button.data }, trigger: 'manual' },
  }, h.connector.serviceUrl);
  const res = await h.post(invoke);
  return { status: res.status, body: (await res.json()) as InvokeBody };
}

const answersIn = async (conversationId: string) => {
  const conversation = (await h.app.store.findConversation({ channel: 'teams', conversationId }))!;
  return (await h.app.store.transcript(conversation.id)).filter((m) => m.direction === 'in' && (m.payload as { action?: unknown } | null)?.action);
};

test('cards carry Universal Actions; a click is answered 200 with the card refreshed in place (answered, no buttons), not 501', async () => {
  // Arrange
  await h.post(fixture('personal-message', {}, h.connector.serviceUrl));
  await h.settle();
  const { activityId, card } = await askInto(h, PERSONAL, QUESTION);
  expect(card.content.actions.map((a) => [a.type, a.verb])).toEqual([['Action.Execute', 'fd_choice'], ['Action.Execute', 'fd_choice']]);
  // Act: a double click (two invokes on the same card).
  const first = await execute(ALICE, personal.conversation, activityId, card.content.actions[1]);
  const second = await execute(ALICE, personal.conversation, activityId, card.content.actions[0]);
  await h.app.engine.idle();
  // Assert: one answer; both responses show the answer that counted.
  expect((await answersIn(PERSONAL)).map((m) => m.text)).toEqual(['MacBook']);
  for (const { status, body } of [first, second]) {
    expect([status, body.statusCode, body.type]).toEqual([200, 200, 'application/vnd.microsoft.card.adaptive']);
    const refreshed = body.value as Card['content'];
    expect(refreshed.actions).toEqual([]);
    expect(JSON.stringify(refreshed.body)).toContain('✓ MacBook');
  }
});

test('a click on an older card after the conversation moved on changes nothing and refreshes that card as closed', async () => {
  await h.post(fixture('personal-message', {}, h.connector.serviceUrl));
  await h.settle();
  const fixed = await askInto(h, PERSONAL, { kind: 'choice', text: 'Is it fixed?', choices: [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }] });
  await askInto(h, PERSONAL, { kind: 'choice', text: 'How satisfied are you? 1-5', choices: ['1', '2', '3', '4', '5'].map((n) => ({ value: n, label: n })) });
  const posted = h.connector.posted().length;
  // Act
  const { status, body } = await execute(ALICE, personal.conversation, fixed.activityId, fixed.card.content.actions[0]);
  await h.settle();
  // Assert
  expect(status).toBe(200);
  expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  expect(JSON.stringify(body.value)).toContain('This question is closed.');
  expect(await answersIn(PERSONAL)).toHaveLength(0);
  expect(h.connector.posted().length).toBe(posted);
});

test('in a channel thread, someone else\'s click answers nothing and only the clicker reads "only Bob can answer this" (EN and ZH)', async () => {
  await h.post(fixture('channel-mention', {}, h.connector.serviceUrl));
  await h.settle();
  const zh = await askInto(h, BOB_THREAD, { kind: 'choice', text: '受影响的是哪台设备？', choices: [{ value: 'pc', label: '电脑' }, { value: 'phone', label: '手机' }] }, 'zh');
  const posted = h.connector.posted().length;
  // Act: Alice presses Bob's button.
  const foreign = await execute(ALICE, mention.conversation, zh.activityId, zh.card.content.actions[0]);
  await h.settle();
  // Assert: a message to the clicker alone (the invoke response), nothing posted in the thread, nothing stored.
  expect(foreign.status).toBe(200);
  expect(foreign.body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: '只有 Bob Chen 可以回答这个问题。' });
  expect(h.connector.posted().length).toBe(posted);
  expect(await answersIn(BOB_THREAD)).toHaveLength(0);
  // The same in English once the conversation speaks English; then Bob's own click answers.
  const en = await askInto(h, BOB_THREAD, QUESTION, 'en');
  expect((await execute(ALICE, mention.conversation, en.activityId, en.card.content.actions[0])).body.value).toBe('Only Bob Chen can answer this.');
  const own = await execute(mention.from, mention.conversation, en.activityId, en.card.content.actions[1]);
  await h.app.engine.idle();
  expect(own.body.type).toBe('application/vnd.microsoft.card.adaptive');
  expect((await answersIn(BOB_THREAD)).map((m) => m.text)).toEqual(['MacBook']);
  // In the shared thread the answered card is replaced for everyone, not only for Bob.
  const [update] = h.connector.updated();
  expect(update.replyToId).toBe(en.activityId);
  expect((update.body.attachments as Card[])[0].content.actions).toEqual([]);
});

test('task/fetch is answered 200 with a message (EN/ZH); an unknown action gets an error body, not a 501 or a crash', async () => {
  const taskFetch = (locale: string) => fixture('card-action-invoke', { id: `f:8000${++counter}`, name: 'task/fetch', locale, value: { data: { type: 'task/fetch' }, context: { theme: 'default' } } }, h.connector.serviceUrl);
  const en = await h.post(taskFetch('en-US'));
  const zh = await h.post(taskFetch('zh-CN'));
  const unknown = await h.post(fixture('card-action-invoke', { id: `f:8000${++counter}`, value: { action: { type: 'Action.Execute', verb: 'somethingElse', data: { x: 1 } }, trigger: 'manual' } }, h.connector.serviceUrl));

  expect([en.status, zh.status, unknown.status]).toEqual([200, 200, 200]);
  expect(await en.json()).toEqual({ task: { type: 'message', value: expect.stringContaining('write to me in this chat') } });
  expect(await zh.json()).toEqual({ task: { type: 'message', value: expect.stringContaining('请直接在此对话中描述问题') } });
  expect(await unknown.json()).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
  expect(await h.app.store.findConversation({ channel: 'teams', conversationId: PERSONAL })).toBeNull();
});

test('a card whose question was answered by typing (as a rating typed before close) is closed: its click starts nothing', async () => {
  // Arrange: the last card is the rating question; Alice typed her answer instead of pressing a button.
  await h.post(fixture('personal-message', {}, h.connector.serviceUrl));
  await h.settle();
  const rating = await askInto(h, PERSONAL, { kind: 'choice', text: 'How satisfied are you? 1-5', choices: ['1', '2', '3', '4', '5'].map((n) => ({ value: n, label: n })) });
  await h.post(fixture('personal-message', { id: '1763630080001', text: 'thanks, all good now' }, h.connector.serviceUrl));
  await h.settle();
  const conversation = (await h.app.store.findConversation({ channel: 'teams', conversationId: PERSONAL }))!;
  const inbound = (await h.app.store.transcript(conversation.id)).filter((m) => m.direction === 'in').length;
  const posted = h.connector.posted().length;
  // Act: a press on the old rating card.
  const { status, body } = await execute(ALICE, personal.conversation, rating.activityId, rating.card.content.actions[2]);
  await h.settle();
  // Assert
  expect(status).toBe(200);
  expect(JSON.stringify(body.value)).toContain('This question is closed.');
  expect((await h.app.store.transcript(conversation.id)).filter((m) => m.direction === 'in')).toHaveLength(inbound);
  expect(h.connector.posted().length).toBe(posted);
});

test('a press on a card this chat never got from us (history erased, a card from elsewhere) starts no conversation', async () => {
  // Act: a Universal Action carrying a card id no outbox row of this chat ever had.
  const button: Action = { type: 'Action.Execute', title: 'Yes', verb: 'fd_choice', data: { fd_action: 'choice', fd_card: '424242', value: 'yes', label: 'Yes' } };
  const { status, body } = await execute(ALICE, personal.conversation, '1:99', button);
  await h.settle();
  // Assert
  expect([status, body]).toEqual([200, { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'This question is closed.' }]);
  expect(await h.app.store.findConversation({ channel: 'teams', conversationId: PERSONAL })).toBeNull();
  expect(h.connector.posted()).toHaveLength(0);
});

test('malformed invokes get an answer, never a 500: no value, a string action, array data, no name, a huge verb', async () => {
  const base = fixture('card-action-invoke', {}, h.connector.serviceUrl);
  const variants: Record<string, unknown>[] = [
    { value: undefined }, { value: null }, { value: { action: 'Action.Execute' } }, { value: { action: { type: 'Action.Execute', data: [1, 2] } } },
    { value: { action: { type: 'Action.Execute', data: { fd_action: 'choice', value: 42 } } } }, { name: undefined }, { name: 'x'.repeat(5000) },
    { value: { action: { type: 'Action.Execute', verb: 'v'.repeat(10_000), data: { fd_action: 'choice', value: 'yes', fd_card: 'not-a-number' } } } },
  ];
  for (const [i, variant] of variants.entries()) {
    const res = await h.post({ ...base, id: `f:7000${i}`, ...variant });
    expect([i, res.status < 500]).toEqual([i, true]);
  }
  await h.settle();
  expect(h.connector.posted()).toHaveLength(0);
});
