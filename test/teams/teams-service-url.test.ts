import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConnectorStandIn } from './helpers/connector-stand-in';
import { addAgents, escalated } from './helpers/teams-agent-rig';
import { disposeTeamsHarness, fixture, startTeamsHarness, type TeamsHarness } from './helpers/teams-test-app';

/** The agents' channel, and its team (whose id is its General channel's). */
const CHANNEL = '19:4f6a2c8e1b3d5a7c9e0f2b4d6a8c0e1f@thread.tacv2';
const TEAM = '19:f0e1d2c3b4a5968778695a4b3c2d1e0f@thread.tacv2';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

let h: TeamsHarness;
let connector: ConnectorStandIn;
async function start(env: (serviceUrl: string) => Record<string, string>): Promise<void> {
  connector = new ConnectorStandIn();
  await connector.start();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-teams-svcurl-'));
  h = await startApp(dir, env(connector.serviceUrl));
  h.connector.members.set((fixture('personal-message').from as { id: string }).id, fixture('member-alice'));
  await addAgents(h);
}
function startApp(dir: string, env: Record<string, string> = {}): Promise<TeamsHarness> {
  return startTeamsHarness({ TEAMS_AGENT_CHANNEL_ID: CHANNEL, ...env }, { dir, connector }, { tenantId: TENANT }, { priority: 'P2', impact: 2, urgency: 1 });
}
afterEach(async () => {
  if (h) await disposeTeamsHarness(h);
});

/**
 * The app installed in the agents' team, the agents' channel picked in the install dialog: installationUpdate as Teams
 * sends it for a team. Alice's messages come from another address of the tenant's: the channel's own is used.
 */
function teamInstall(serviceUrl: string): Record<string, unknown> {
  return fixture('installation-update-add', {
    id: 'f:5b1e7d3c-team-install', serviceUrl,
    conversation: { isGroup: true, conversationType: 'channel', tenantId: TENANT, id: TEAM },
    channelData: { settings: { selectedChannel: { id: CHANNEL } }, team: { id: TEAM, name: 'IT Service Desk', aadGroupId: 'a3e1c0d2-7b6f-4e59-8d41-2c9f0b7a6e15' }, tenant: { id: TENANT }, source: { name: 'message' } },
  });
}

/** Settle until the escalation post reached the connector (a bound, not a timing assertion). */
async function channelPost() {
  for (let i = 0; i < 300 && !connector.posted().some((c) => c.conversationId === CHANNEL); i++) {
    await h.settle();
    await new Promise((r) => setTimeout(r, 10));
  }
  return connector.posted().find((c) => c.conversationId === CHANNEL);
}

test('without TEAMS_AGENT_SERVICE_URL the agents\' channel post goes to the serviceUrl the team install came from', async () => {
  await start(() => ({}));
  // The tenant's connector region, as Teams names it in the install (the stand-in answers under any prefix).
  const learnt = connector.serviceUrl.replace('/emea/', '/amer/');
  expect((await h.post(teamInstall(learnt))).status).toBe(200);
  await escalated(h);
  const post = await channelPost();
  expect(post?.path).toBe(`/amer/v3/conversations/${encodeURIComponent(CHANNEL)}/activities`);
});

test('TEAMS_AGENT_SERVICE_URL stays an override of what was learnt', async () => {
  await start((serviceUrl) => ({ TEAMS_AGENT_SERVICE_URL: serviceUrl.replace('/emea/', '/apac/') }));
  expect((await h.post(teamInstall(connector.serviceUrl.replace('/emea/', '/amer/')))).status).toBe(200);
  await escalated(h);
  const post = await channelPost();
  expect(post?.path).toBe(`/apac/v3/conversations/${encodeURIComponent(CHANNEL)}/activities`);
});

test('after a restart the agents\' channel post still goes to the serviceUrl the team install came from', async () => {
  await start(() => ({}));
  const learnt = connector.serviceUrl.replace('/emea/', '/amer/');
  expect((await h.post(teamInstall(learnt))).status).toBe(200);
  // Restart: a new app on the same database. Teams sends it only Alice's message, from the tenant's other address.
  await h.close();
  h = await startApp(h.dir);
  await escalated(h);
  const post = await channelPost();
  expect(post?.path).toBe(`/amer/v3/conversations/${encodeURIComponent(CHANNEL)}/activities`);
});
