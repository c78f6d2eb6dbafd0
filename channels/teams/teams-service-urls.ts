import type { Activity } from 'botbuilder';
import { tenantOf } from './teams-activity';

/** Microsoft's global Bot Connector address: proactive sends work there when no activity has told us the tenant's own. */
export const GLOBAL_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';

const MAX_PLACES = 5_000;

/**
 * The Bot Connector address (`serviceUrl`) of each tenant, team and channel, learnt from the activities Teams sends
 * (installationUpdate, conversationUpdate when the app joins a team, every message). Proactive posts, such as the
 * agents' channel's escalations, need it and have no incoming activity to take it from; Microsoft asks bots to use
 * the address Teams last sent, as it can change. Only authenticated activities of the allowed tenant are learnt
 * from (the caller's job): anyone else could point the bot's token at an address of their choosing.
 * Kept in memory: after a restart the first activity teaches it again, and the global address serves meanwhile.
 */
export class TeamsServiceUrls {
  private readonly byTenant = new Map<string, string>();
  /** By team id and channel id (`19:…@thread.tacv2`). */
  private readonly byPlace = new Map<string, string>();
  private latest: string | null = null;

  /** Note the serviceUrl of an activity Teams sent (already authenticated). */
  learn(activity: Partial<Activity>): void {
    const url = activity.serviceUrl;
    if (!url || !/^https?:\/\//i.test(url)) return;
    this.latest = url;
    const tenant = tenantOf(activity);
    if (tenant) this.byTenant.set(tenant, url);
    const data = (activity.channelData ?? {}) as {
      team?: { id?: unknown }; channel?: { id?: unknown }; teamsTeamId?: unknown; teamsChannelId?: unknown; settings?: { selectedChannel?: { id?: unknown } };
    };
    // A channel post's reply chain is `<channel>;messageid=<post>`: the channel is the part before it.
    const conversation = activity.conversation?.conversationType === 'channel' ? activity.conversation.id?.split(';')[0] : undefined;
    // selectedChannel: the channel picked when the app was added to a team (the agents' channel, usually).
    for (const place of [data.team?.id, data.channel?.id, data.teamsTeamId, data.teamsChannelId, data.settings?.selectedChannel?.id, conversation]) {
      if (typeof place !== 'string' || !place) continue;
      this.byPlace.delete(place);
      this.byPlace.set(place, url);
      if (this.byPlace.size > MAX_PLACES) this.byPlace.delete(this.byPlace.keys().next().value as string);
    }
  }

  /** The address for a channel (or team) of `tenantId`: the channel's own, else the tenant's, else the last one seen; null when none. */
  forChannel(channelId: string, tenantId?: string): string | null {
    return this.byPlace.get(channelId) ?? this.forTenant(tenantId);
  }

  /** The tenant's address (without a tenant: the last one seen); null when nothing was learnt. */
  forTenant(tenantId?: string): string | null {
    return (tenantId ? this.byTenant.get(tenantId) : undefined) ?? this.latest;
  }
}
