import { BroadcastService } from '../../src/broadcast/broadcast-service';
import { disposeTeamsHarness, fixture, startTeamsHarness, type TeamsHarness } from './helpers/teams-test-app';

const PERSONAL = (fixture('installation-update-add').conversation as { id: string }).id;

/** A broadcast to everyone on Teams, sent the way the broadcasts job sends it, then delivered by the dispatcher. */
async function broadcastToTeams(h: TeamsHarness, text: string): Promise<number> {
  const service = new BroadcastService({ broadcasts: h.app.broadcasts, store: h.app.store, clock: () => new Date(), sleep: async () => {} });
  const { broadcast, audience } = await service.post({ text, audience: { channels: ['teams'] } }, 'agent:root');
  await service.send({ broadcastId: broadcast.id });
  await service.stop();
  await h.settle();
  return audience;
}

describe('Teams: people who install the app but never write are reached by broadcasts', () => {
  let h: TeamsHarness;
  beforeEach(async () => {
    h = await startTeamsHarness();
  });
  afterEach(() => disposeTeamsHarness(h));

  test('installationUpdate "add" stores the conversation reference; a broadcast reaches it proactively', async () => {
    // Before: nobody installed, so a Teams broadcast has no audience.
    expect(await broadcastToTeams(h, 'nothing to reach')).toBe(0);
    const install = fixture('installation-update-add', {}, h.connector.serviceUrl);
    expect((await h.post(install)).status).toBe(200);
    expect((await h.post({ ...install, id: 'f:retry' })).status).toBe(200);
    await h.settle();
    expect(h.connector.posted()).toEqual([]);
    expect(await broadcastToTeams(h, 'Teams will restart tonight at 22:00')).toBe(1);
    const posted = h.connector.posted();
    expect(posted).toHaveLength(1);
    expect(posted[0].conversationId).toBe(PERSONAL);
    expect(String(posted[0].body.text)).toContain('Teams will restart tonight at 22:00');
  });

  test('conversationUpdate with the bot in membersAdded does the same (and welcomes); an installationUpdate "remove" stores nothing', async () => {
    const removed = fixture('installation-update-add', { action: 'remove' }, h.connector.serviceUrl);
    await h.post(removed);
    await h.settle();
    expect(await h.app.store.findConversation({ channel: 'teams', conversationId: PERSONAL })).toBeNull();
    await h.post(fixture('install-personal', {}, h.connector.serviceUrl));
    await h.settle();
    expect(await broadcastToTeams(h, 'Printer fleet update')).toBe(1);
    expect(h.connector.posted().map((p) => String(p.body.text)).at(-1)).toContain('Printer fleet update');
  });
});
