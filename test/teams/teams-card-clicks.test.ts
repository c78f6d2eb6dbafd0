import type { OutboundMessage } from '../../src/types/conversation';
import { askInto, fixture } from './helpers/teams-test-app';
import { useTeamsHarness } from './helpers/use-teams-harness';

const personal = fixture('personal-message');
const PERSONAL = (personal.conversation as { id: string }).id;
const ALICE = personal.from as { id: string; name: string; aadObjectId: string };
const mention = fixture('channel-mention');
const BOB_THREAD = (mention.conversation as { id: string }).id;
const QUESTION: OutboundMessage = { kind: 'choice', text: 'Which device is affected?', choices: [{ value: 'windows', label: 'Windows laptop' }, { value: 'mac', label: 'MacBook' }] };

type Card = { content: { body: Array<Record<string, unknown>>; actions: Array<{ title: string; data: Record<string, unknown> }> } };

const h = useTeamsHarness();


/** A Teams Action.Submit of `button` on the card posted as `activityId`, as the Bot Connector delivers it. */
function submit(from: Record<string, unknown>, conversation: Record<string, unknown>, activityId: string, button: { title: string; data: Record<string, unknown> }, id: string): Record<string, unknown> {
  return fixture('card-submit', { id, from, conversation, replyToId: activityId, text: button.title, value: button.data }, h.connector.serviceUrl);
}

const inboundOf = async (conversationId: string) => {
  const conversation = (await h.app.store.findConversation({ channel: 'teams', conversationId }))!;
  return (await h.app.store.transcript(conversation.id)).filter((m) => m.direction === 'in');
};

test('a double click answers once, and the answered card is replaced without buttons (updateActivity)', async () => {
  // Arrange
  await h.post(fixture('personal-message', {}, h.connector.serviceUrl));
  await h.settle();
  const { activityId, card } = await askInto(h, PERSONAL, QUESTION);
  const [windows, mac] = card.content.actions;
  // Act: two quick clicks on the same card (two activities, as Teams sends them).
  await h.post(submit(personal.from as never, personal.conversation as never, activityId, mac, '1763630050001'));
  await h.post(submit(personal.from as never, personal.conversation as never, activityId, windows, '1763630050002'));
  await h.app.engine.idle();
  // Assert
  const answers = (await inboundOf(PERSONAL)).filter((m) => (m.payload as { action?: unknown } | null)?.action);
  expect(answers.map((m) => m.text)).toEqual(['MacBook']);
  const [update] = h.connector.updated();
  expect(update.replyToId).toBe(activityId);
  const replaced = (update.body.attachments as Card[])[0].content;
  expect(replaced.actions).toEqual([]);
  expect(JSON.stringify(replaced.body)).toContain('✓ MacBook');
});

test('a click on an older card, once a newer question was asked (as after close), does nothing and closes that card', async () => {
  // Arrange: "Is it fixed?" was asked, then a newer question (the satisfaction rating).
  await h.post(fixture('personal-message', {}, h.connector.serviceUrl));
  await h.settle();
  const fixed = await askInto(h, PERSONAL, { kind: 'choice', text: 'Is it fixed?', choices: [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }] });
  await askInto(h, PERSONAL, { kind: 'choice', text: 'How satisfied are you? 1-5', choices: ['1', '2', '3', '4', '5'].map((n) => ({ value: n, label: n })) });
  const before = (await inboundOf(PERSONAL)).length;
  const posted = h.connector.posted().length;
  // Act
  await h.post(submit(personal.from as never, personal.conversation as never, fixed.activityId, fixed.card.content.actions[0], '1763630060001'));
  await h.settle();
  // Assert: nothing stored, nothing answered, no new intake; the old card now says it is closed.
  expect((await inboundOf(PERSONAL)).length).toBe(before);
  expect(h.connector.posted().length).toBe(posted);
  const [update] = h.connector.updated();
  expect(update.replyToId).toBe(fixed.activityId);
  expect((update.body.attachments as Card[])[0].content.actions).toEqual([]);
  expect(JSON.stringify(update.body)).toContain('This question is closed.');
});

test('in a channel thread, a click by someone other than the requester does not act; the clicker is told (in the thread language)', async () => {
  // Arrange: Bob's ticket thread in a channel, where the bot asks Bob a question (in Chinese).
  await h.post(fixture('channel-mention', {}, h.connector.serviceUrl));
  await h.settle();
  const { activityId, card } = await askInto(h, BOB_THREAD, { kind: 'choice', text: '受影响的是哪台设备？', choices: [{ value: 'pc', label: '电脑' }, { value: 'phone', label: '手机' }] }, 'zh');
  const before = (await inboundOf(BOB_THREAD)).length;
  // Act: Alice presses Bob's button.
  await h.post(submit(ALICE, mention.conversation as never, activityId, card.content.actions[0], '1763630070001'));
  await h.settle();
  // Assert
  expect((await inboundOf(BOB_THREAD)).length).toBe(before);
  const notice = h.connector.posted().at(-1)!;
  expect(notice.conversationId).toBe(BOB_THREAD);
  expect(notice.body.text).toBe('<at>Alice Martin</at> 只有 Bob Chen 可以回答这个问题。');
  expect(notice.body.entities).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'mention', mentioned: { id: ALICE.id, name: 'Alice Martin' } })]));
  expect(h.connector.updated()).toHaveLength(0);
  // Bob's own click answers.
  await h.post(submit(mention.from as never, mention.conversation as never, activityId, card.content.actions[1], '1763630070002'));
  await h.app.engine.idle();
  expect((await inboundOf(BOB_THREAD)).at(-1)).toMatchObject({ text: '手机' });
});
