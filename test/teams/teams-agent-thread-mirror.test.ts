import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { reply } from '../../src/handoff/agent-actions';
import { runChatAgentAction } from '../../src/handoff/chat-agent-action';
import { SqliteAgentThreadStore } from '../../src/store/sqlite-agent-thread-store';
import type { SqliteStore } from '../../src/store/sqlite-store';
import { ConnectorStandIn } from './helpers/connector-stand-in';
import { addAgents, escalated, press, TINA } from './helpers/teams-agent-rig';
import { disposeTeamsHarness, fixture, startTeamsHarness, type TeamsHarness } from './helpers/teams-test-app';

/** The agents' channel, as "Get link to channel" shows its id. */
const CHANNEL = '19:4f6a2c8e1b3d5a7c9e0f2b4d6a8c0e1f@thread.tacv2';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

let h: TeamsHarness;
beforeEach(async () => {
  const connector = new ConnectorStandIn();
  await connector.start();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-teams-mirror-'));
  h = await startTeamsHarness({ TEAMS_AGENT_CHANNEL_ID: CHANNEL, TEAMS_AGENT_SERVICE_URL: connector.serviceUrl, DISPATCH_MAX_ATTEMPTS: '5' }, { dir, connector }, { tenantId: TENANT }, { priority: 'P2', impact: 2, urgency: 1 });
  h.connector.members.set((fixture('personal-message').from as { id: string }).id, fixture('member-alice'));
  await addAgents(h);
});
afterEach(async () => {
  if (h) await disposeTeamsHarness(h);
});

/** Settle until `done` holds (a bound, not a timing assertion). */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !done(); i++) {
    await h.settle();
    await new Promise((r) => setTimeout(r, 10));
  }
  expect(done()).toBe(true);
}

/** The escalation post's activity id, as kept for the ticket. */
async function postIdOf(number: string): Promise<string> {
  const ticket = (await h.app.store.getTicketByNumber(number))!;
  return (await new SqliteAgentThreadStore(h.app.store as SqliteStore).threadOf('teams', ticket.id))!.postId!;
}

const post = () => h.connector.posted().find((c) => c.conversationId === CHANNEL);
/** Replies in the post's thread: Bot Framework's conversation `<channel>;messageid=<post activity id>`. */
const threadReplies = (postId: string) => h.connector.posted().filter((c) => c.conversationId === `${CHANNEL};messageid=${postId}`).map((c) => String(c.body.text));

test('the requester\'s later messages and the agent\'s reply are mirrored as replies under the escalation post, in order', async () => {
  const number = await escalated(h);
  await until(() => Boolean(post()));
  const postId = await postIdOf(number);
  expect(postId).toMatch(/^1:\d+$/);

  await h.post(fixture('personal-message', { id: '1763629970001', text: 'It shows a black screen with a cursor <again> & beeps' }, h.connector.serviceUrl));
  await h.post(fixture('personal-message', { id: '1763629970002', text: 'Now it restarts by itself' }, h.connector.serviceUrl));
  await until(() => threadReplies(postId).length === 2);
  await press(h, TINA, 'fd_agent.take_over', number);
  const tina = await h.app.agentStore.getAgent('tina');
  const outcome = await runChatAgentAction(tina, 'not an agent', (agent, now) => reply(h.app.store, number, agent, 'Hold the power button for 30 s, then start it', now), () => new Date(), h.app.engine.events);
  expect(outcome.ok).toBe(true);
  await until(() => threadReplies(postId).length === 3);

  const [first, second, third] = threadReplies(postId);
  // The requester's own words, escaped for Teams' markdown (no HTML injected by what a user types).
  expect(first).toContain('It shows a black screen with a cursor &lt;again&gt; &amp; beeps');
  expect(first).toContain('Alice');
  expect(second).toContain('Now it restarts by itself');
  expect(third).toContain('**Tina Agent**: Hold the power button for 30 s, then start it');
  // Lines of the thread are text, never another copy of the card; the card itself is only ever posted once.
  const replyCalls = h.connector.posted().filter((c) => c.conversationId.startsWith(`${CHANNEL};messageid=`));
  expect(replyCalls.every((c) => !c.body.attachments)).toBe(true);
  expect(replyCalls.every((c) => c.path === `/emea/v3/conversations/${encodeURIComponent(`${CHANNEL};messageid=${postId}`)}/activities`)).toBe(true);
  expect(h.connector.posted().filter((c) => c.conversationId === CHANNEL)).toHaveLength(1);
});

test('a mirrored line refused by the Bot Connector (429) is retried through the outbox and keeps its order', async () => {
  const number = await escalated(h);
  await until(() => Boolean(post()));
  const postId = await postIdOf(number);
  // The Bot Connector throttles the next post into the post's thread: the first mirrored line.
  h.connector.throttleNext = 1;
  h.connector.throttleConversation = `${CHANNEL};messageid=${postId}`;
  await h.post(fixture('personal-message', { id: '1763629980001', text: 'first line' }, h.connector.serviceUrl));
  await h.post(fixture('personal-message', { id: '1763629980002', text: 'second line' }, h.connector.serviceUrl));
  await until(() => threadReplies(postId).length === 3);
  const attempts = h.connector.calls.filter((c) => c.method === 'POST' && c.conversationId === `${CHANNEL};messageid=${postId}`).map((c) => String(c.body.text));
  // Refused once, sent again, and only then the second line: the outbox's retry and per-conversation order.
  expect(attempts.map((t) => (t.includes('first line') ? 'first' : t.includes('second line') ? 'second' : t))).toEqual(['first', 'first', 'second']);
});
