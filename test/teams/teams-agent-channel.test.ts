import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger, type Logger } from '../../src/log';
import { TeamsAgentChannel } from '../../channels/teams/teams-agent-channel';
import type { AgentThreadStore } from '../../src/store/agent-thread-store';
import { SqliteAgentThreadStore } from '../../src/store/sqlite-agent-thread-store';
import type { SqliteStore } from '../../src/store/sqlite-store';
import type { TurnResult } from '../../src/store/store';
import { cardProblems } from './helpers/card-schema';
import { ConnectorStandIn } from './helpers/connector-stand-in';
import { addAgents, escalated, press, TINA } from './helpers/teams-agent-rig';
import { disposeTeamsHarness, fixture, startTeamsHarness, type TeamsHarness } from './helpers/teams-test-app';

/** The agents' channel, as "Get link to channel" shows its id. */
const CHANNEL = '19:4f6a2c8e1b3d5a7c9e0f2b4d6a8c0e1f@thread.tacv2';
const TEAM = '19:f0e1d2c3b4a5968778695a4b3c2d1e0f@thread.tacv2';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

let h: TeamsHarness;
beforeEach(async () => {
  const connector = new ConnectorStandIn();
  await connector.start();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-teams-agentch-'));
  h = await startTeamsHarness({ TEAMS_AGENT_CHANNEL_ID: CHANNEL, TEAMS_AGENT_SERVICE_URL: connector.serviceUrl }, { dir, connector }, { tenantId: TENANT }, { priority: 'P2', impact: 2, urgency: 1 });
  h.connector.members.set((fixture('personal-message').from as { id: string }).id, fixture('member-alice'));
  await addAgents(h);
});
afterEach(async () => {
  if (h) await disposeTeamsHarness(h);
});

/** Calls to the agents' channel: posts (new threads) and replaced activities. */
const inChannel = () => h.connector.calls.filter((c) => c.conversationId === CHANNEL && c.path.includes('/activities'));
const posts = () => inChannel().filter((c) => c.method === 'POST');
const updates = () => inChannel().filter((c) => c.method === 'PUT');
const cardOf = (call: { body: Record<string, unknown> }) => (call.body.attachments as Array<{ contentType: string; content: any }>)[0];

/** Settle until `done` holds: the agents' channel queues its rows after the turn's commit (a bound, not a timing assertion). */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) {
    await h.settle();
    await new Promise((r) => setTimeout(r, 10));
  }
  expect(done()).toBe(true);
}

/** Press `verb` on the card posted in the agents' channel: an `adaptiveCard/action` invoke as Teams sends it from a channel post. */
async function pressInChannel(postId: string, verb: string, ticket: string, inputs: Record<string, string> = {}) {
  const invoke = fixture('card-action-invoke', {
    id: `f:${Date.now()}${Math.floor(Math.random() * 1e6)}`, from: TINA, replyToId: postId,
    conversation: { isGroup: true, conversationType: 'channel', tenantId: TENANT, id: `${CHANNEL};messageid=${postId}` },
    channelData: { teamsChannelId: CHANNEL, teamsTeamId: TEAM, channel: { id: CHANNEL }, team: { id: TEAM }, tenant: { id: TENANT }, source: { name: 'message' }, legacy: { replyToId: postId } },
    value: { action: { type: 'Action.Execute', title: verb, verb, data: { ticket, ...inputs } }, trigger: 'manual' },
  }, h.connector.serviceUrl);
  const res = await h.post(invoke);
  return { status: res.status, body: (await res.json()) as { statusCode: number; type: string; value: any } };
}

test('an escalation is posted once into the agents\' channel as the agent card, its activity id kept per ticket', async () => {
  const number = await escalated(h);
  await until(() => posts().length === 1);
  const [post] = posts();
  expect(post.path).toBe(`/emea/v3/conversations/${encodeURIComponent(CHANNEL)}/activities`);
  const card = cardOf(post);
  expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
  expect(cardProblems(card.content)).toEqual([]);
  expect(JSON.stringify(card.content.body)).toContain(number);
  expect(card.content.actions.map((a: any) => a.verb ?? a.card?.actions[0].verb).slice(0, 2)).toEqual(['fd_agent.take_over', 'fd_agent.resolve']);
  // Universal Actions refresh stays on the channel's card: Teams asks for the ticket as it is when an agent refreshes it.
  expect(card.content.refresh.action).toEqual({ type: 'Action.Execute', verb: 'fd_agent.refresh', data: { ticket: number } });
  // The post goes to the tenant's channel (the tenant the bot is configured for).
  expect((post.body.conversation as { id: string; tenantId?: string })).toMatchObject({ id: CHANNEL, tenantId: TENANT });
  // The Bot Connector's id of the post (the stand-in answers 1:N) is the ticket's thread.
  const thread = await threadOf(number);
  expect(thread.postId).toMatch(/^1:\d+$/);
  expect(thread.place).toBe(CHANNEL);

  // Alice writes again, and the same commit is seen by a second listener (another instance's): still one post.
  await h.post(fixture('personal-message', { id: '1763629960001', text: 'It shows a black screen with a cursor' }, h.connector.serviceUrl));
  await h.settle();
  const other = new TeamsAgentChannel({ store: h.app.store, threads: agentThreads(), channelId: CHANNEL, events: h.app.engine.events, clock: () => new Date(), log: silentLog() });
  const conversation = (await h.app.store.getTicketByNumber(number))!.conversationId;
  const result = { conversation: (await h.app.store.getConversation(conversation))!, openedTicket: null, outboxIds: [] } as unknown as TurnResult;
  other.onCommitted(result);
  h.app.engine.events.emit('committed', result);
  await other.idle();
  await until(() => true);
  expect(posts()).toHaveLength(1);
});

test('the channel\'s card is updated in place when the ticket is taken over, reprioritised, transferred, resolved and reopened', async () => {
  const number = await escalated(h);
  await until(() => posts().length === 1);
  const { postId } = await threadOf(number);
  const put = `/emea/v3/conversations/${encodeURIComponent(CHANNEL)}/activities/${encodeURIComponent(postId!)}`;
  const lastCard = () => cardOf(updates().at(-1)!).content;
  const facts = () => Object.fromEntries(lastCard().body[2].facts.map((f: any) => [f.title, f.value]));

  const take = await pressInChannel(postId!, 'fd_agent.take_over', number);
  expect([take.status, take.body.type]).toEqual([200, 'application/vnd.microsoft.card.adaptive']);
  await until(() => updates().length === 1);
  expect(updates()[0]).toMatchObject({ path: put, replyToId: postId });
  expect(updates()[0].body).toMatchObject({ id: postId, type: 'message' });
  expect(facts()).toMatchObject({ Owner: 'Tina Agent', Status: 'in progress' });
  expect(cardProblems(lastCard())).toEqual([]);

  await pressInChannel(postId!, 'fd_agent.priority', number, { fd_priority: 'P1' });
  await until(() => updates().length === 2);
  expect(lastCard().body[0].text).toContain(`${number} · P1`);

  await pressInChannel(postId!, 'fd_agent.transfer', number, { fd_group: 'desktop' });
  await until(() => updates().length === 3);
  expect(facts()).toMatchObject({ Group: 'desktop', Owner: 'nobody yet' });

  // Changed elsewhere (Tina's personal chat with the bot, the same as the console): the channel's card follows.
  await press(h, TINA, 'fd_agent.take_over', number);
  await until(() => updates().length === 4);
  await pressInChannel(postId!, 'fd_agent.resolve', number, { fd_resolution: 'Rolled the BIOS update back' });
  await until(() => updates().length === 5);
  expect(lastCard().actions.map((a: any) => a.verb)).toEqual(['fd_agent.reopen']);

  await pressInChannel(postId!, 'fd_agent.reopen', number);
  await until(() => updates().length === 6);
  expect(facts()).toMatchObject({ Owner: 'Tina Agent' });
  expect(lastCard().actions[0].verb).toBe('fd_agent.take_over');

  // An internal note changes nothing the card shows: no update. Never a second post.
  await pressInChannel(postId!, 'fd_agent.note', number, { fd_note: 'firmware 1.2' });
  await h.settle();
  await until(() => true);
  expect(updates()).toHaveLength(6);
  expect(posts()).toHaveLength(1);
  // Universal Actions refresh from the channel's card answers the ticket as it stands (reopened, Tina's).
  const refreshed = await pressInChannel(postId!, 'fd_agent.refresh', number);
  expect(refreshed.body.type).toBe('application/vnd.microsoft.card.adaptive');
  expect(refreshed.body.value.body[2].facts[1]).toEqual({ title: 'Owner', value: 'Tina Agent' });
  // Alice never sees the agents' card.
  expect(h.connector.posted().filter((c) => c.conversationId !== CHANNEL).some((c) => JSON.stringify(c.body).includes('fd_agent.'))).toBe(false);
});

/** The thread store as another instance on the same database would have it. */
function agentThreads(): AgentThreadStore {
  return new SqliteAgentThreadStore(h.app.store as SqliteStore);
}
async function threadOf(number: string) {
  const ticket = (await h.app.store.getTicketByNumber(number))!;
  const thread = await agentThreads().threadOf('teams', ticket.id);
  expect(thread).not.toBeNull();
  return thread!;
}
function silentLog(): Logger {
  return createLogger({ level: 'silent' });
}
