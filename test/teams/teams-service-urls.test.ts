import { TeamsServiceUrls } from '../../channels/teams/teams-service-urls';
import { fixture } from './helpers/teams-test-app';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const AGENTS = '19:4f6a2c8e1b3d5a7c9e0f2b4d6a8c0e1f@thread.tacv2';

describe('TeamsServiceUrls', () => {
  it('keeps the address per channel, team and tenant, the newest winning; a channel it has not seen gets its tenant\'s', async () => {
    const urls = new TeamsServiceUrls();
    expect(await urls.forChannel(AGENTS, TENANT)).toBeNull();
    // A mention in a team channel (channel-mention fixture) from the tenant's EMEA address.
    const mention = fixture('channel-mention', {}, 'https://smba.trafficmanager.net/emea/');
    await urls.learn(mention);
    const channel = (mention.channelData as { teamsChannelId: string }).teamsChannelId;
    expect(await urls.forChannel(channel, TENANT)).toBe('https://smba.trafficmanager.net/emea/');
    expect(await urls.forChannel(AGENTS, TENANT)).toBe('https://smba.trafficmanager.net/emea/');
    // A reply in a post's thread names the channel as `<channel>;messageid=<post>`.
    await urls.learn({ serviceUrl: 'https://smba.trafficmanager.net/amer/', conversation: { id: `${AGENTS};messageid=1763629953001`, conversationType: 'channel', isGroup: true, name: '', tenantId: TENANT } } as never);
    expect(await urls.forChannel(AGENTS, TENANT)).toBe('https://smba.trafficmanager.net/amer/');
    expect(await urls.forChannel(channel, TENANT)).toBe('https://smba.trafficmanager.net/emea/');
    expect(await urls.forChannel('19:unseen@thread.tacv2', 'another-tenant')).toBe('https://smba.trafficmanager.net/amer/');
  });

  it('learns nothing from an activity without an http(s) serviceUrl', async () => {
    const urls = new TeamsServiceUrls();
    await urls.learn({ serviceUrl: 'javascript:alert(1)', conversation: { id: AGENTS, conversationType: 'channel', isGroup: true, name: '', tenantId: TENANT } } as never);
    await urls.learn({ conversation: { id: AGENTS, conversationType: 'channel', isGroup: true, name: '', tenantId: TENANT } } as never);
    expect(await urls.forChannel(AGENTS, TENANT)).toBeNull();
  });
});
