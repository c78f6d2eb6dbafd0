import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { UserProfile } from '../../src/types/conversation';

type Entry = { profile: UserProfile; expires: number };

const NEGATIVE_TTL_MS = 5 * 60_000;

/**
 * Name and email (UPN) of Teams users, looked up once per user through the Bot Connector
 * (TeamsInfo.getMember) and cached, so most messages are acknowledged without an extra call.
 * A lookup that fails or is slow never blocks the message: the activity's name is used instead.
 */
export class MemberDirectory {
  private readonly cache = new Map<string, Entry>();

  constructor(
    private readonly options: { ttlMs: number; timeoutMs: number; maxEntries: number; clock: () => number },
  ) {}

  /** The sender's profile: cached, else looked up (bounded by `timeoutMs`), else from the activity. */
  async profileOf(ctx: TurnContext): Promise<UserProfile> {
    const from = ctx.activity.from;
    const basic: UserProfile = from?.name ? { name: from.name.slice(0, 200) } : {};
    if (!from?.id) return basic;
    const key = `${ctx.activity.serviceUrl}|${from.id}`;
    const hit = this.cache.get(key);
    if (hit && hit.expires > this.options.clock()) return { ...basic, ...hit.profile };
    const looked = await this.lookup(ctx, from.id);
    // Failures are remembered briefly too, so a user the connector will not describe costs one call, not one per message.
    this.remember(key, looked ?? {}, looked ? this.options.ttlMs : NEGATIVE_TTL_MS);
    return { ...basic, ...looked };
  }

  private async lookup(ctx: TurnContext, userId: string): Promise<UserProfile | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), this.options.timeoutMs);
    });
    try {
      const member = await Promise.race([TeamsInfo.getMember(ctx, userId), timeout]);
      if (!member) return null;
      const profile: UserProfile = {};
      if (member.name) profile.name = member.name.slice(0, 200);
      // Guests' UPNs look like alice_contoso.com#EXT#@fabrikam.onmicrosoft.com: no use as an address.
      const email = [member.email, member.userPrincipalName].find((e) => e && e.includes('@') && !e.includes('#EXT#'));
      if (email) profile.email = email.slice(0, 320);
      return profile;
    } catch {
      return null; // guests and some tenants refuse member reads; the message still goes through
    } finally {
      clearTimeout(timer);
    }
  }

  private remember(key: string, profile: UserProfile, ttlMs: number): void {
    if (this.cache.size >= this.options.maxEntries) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, { profile, expires: this.options.clock() + ttlMs });
  }
}
