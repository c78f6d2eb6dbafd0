import type { Activity } from 'botbuilder';
import type { Logger } from '../../src/log';
import type { TeamsServiceUrlStore } from '../../src/store/teams-service-url-store';
import { tenantOf } from './teams-activity';

/** Microsoft's global Bot Connector address: proactive sends work there when no activity has told us the tenant's own. */
export const GLOBAL_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';

const MAX_PLACES = 5_000;
/** The place that holds the last address seen, whatever its tenant or channel. */
const LATEST = 'latest';

/**
 * The Bot Connector address (`serviceUrl`) of each tenant, team and channel, learnt from the activities Teams sends
 * (installationUpdate, conversationUpdate when the app joins a team, every message). Proactive posts, such as the
 * agents' channel's escalations, need it and have no incoming activity to take it from; Microsoft asks bots to use
 * the address Teams last sent, as it can change. Only authenticated activities of the allowed tenant are learnt
 * from (the caller's job): anyone else could point the bot's token at an address of their choosing.
 * Once `keepIn` gives it a store (the agents' channel is set), an address that changed is written there, and
 * lookups read it from there first: after a restart, or when another instance learnt it, the post still goes where
 * Teams last said. Without one (or while the database is unreachable) what this process saw serves.
 */
export class TeamsServiceUrls {
  /** By place: `tenant:<id>`, `place:<team or channel id>` (`19:…@thread.tacv2`), or LATEST. */
  private readonly known = new Map<string, string>();
  private store: { urls: TeamsServiceUrlStore; log: () => Logger } | null = null;

  /** Keep what is learnt in `urls` (the database every instance shares) and look there first. */
  keepIn(urls: TeamsServiceUrlStore, log: () => Logger): void {
    this.store = { urls, log };
  }

  /** Note the serviceUrl of an activity Teams sent (already authenticated); resolves once a changed address is stored. */
  async learn(activity: Partial<Activity>): Promise<void> {
    const url = activity.serviceUrl;
    if (!url || !/^https?:\/\//i.test(url)) return;
    const changed = placesOf(activity).filter((place) => this.known.get(place) !== url);
    for (const place of changed) {
      this.known.delete(place);
      this.known.set(place, url);
      if (this.known.size > MAX_PLACES) this.known.delete(this.known.keys().next().value as string);
    }
    if (!this.store || changed.length === 0) return;
    const { urls, log } = this.store;
    // Not stored: this process still knows it; only a restart before Teams sends the next activity misses it.
    await urls.saveServiceUrl(changed, url, new Date().toISOString()).catch((error: Error) => log().warn({ reason: error.message }, 'Teams service URL not stored'));
  }

  /** The address for a channel (or team) of `tenantId`: the channel's own, else the tenant's, else the last one seen; null when none. */
  async forChannel(channelId: string, tenantId?: string): Promise<string | null> {
    const places = [`place:${channelId}`, ...(tenantId ? [`tenant:${tenantId}`] : []), LATEST];
    if (this.store) {
      const { urls, log } = this.store;
      const stored = await urls.serviceUrlOf(places).catch((error: Error) => {
        log().warn({ reason: error.message }, 'Teams service URLs not read; using the ones this process saw');
        return null;
      });
      if (stored) return stored;
    }
    for (const place of places) {
      const url = this.known.get(place);
      if (url) return url;
    }
    return null;
  }
}

/** The places an activity's address is learnt for: the last one seen, its tenant, and its teams and channels. */
function placesOf(activity: Partial<Activity>): string[] {
  const tenant = tenantOf(activity);
  const data = (activity.channelData ?? {}) as {
    team?: { id?: unknown }; channel?: { id?: unknown }; teamsTeamId?: unknown; teamsChannelId?: unknown; settings?: { selectedChannel?: { id?: unknown } };
  };
  // A channel post's reply chain is `<channel>;messageid=<post>`: the channel is the part before it.
  const conversation = activity.conversation?.conversationType === 'channel' ? activity.conversation.id?.split(';')[0] : undefined;
  // selectedChannel: the channel picked when the app was added to a team (the agents' channel, usually).
  const places = [data.team?.id, data.channel?.id, data.teamsTeamId, data.teamsChannelId, data.settings?.selectedChannel?.id, conversation]
    .filter((place): place is string => typeof place === 'string' && place !== '')
    .map((place) => `place:${place}`);
  return [...new Set([LATEST, ...(tenant ? [`tenant:${tenant}`] : []), ...places])];
}
