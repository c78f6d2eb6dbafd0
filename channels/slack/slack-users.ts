import { timeZoneField } from '../../src/types/time-zone';
import type { UserProfile } from '../../src/types/conversation';

/** The part of a users.info answer we read. */
export type SlackUserInfo = {
  ok?: boolean;
  user?: {
    id?: string;
    name?: string;
    real_name?: string;
    is_bot?: boolean;
    /** With include_locale: the language the person set in Slack (`zh-CN`, `en-US`). */
    locale?: string;
    /** The person's time zone as Slack keeps it (`Asia/Shanghai`). */
    tz?: string;
    profile?: { real_name?: string; display_name?: string; email?: string; title?: string; fields?: Record<string, { value?: string }> | null };
  };
};

/** Options of the profile cache. */
export type SlackUserCacheOptions = {
  /** Calls users.info; injected so the cache is testable without Slack. */
  lookup: (userId: string) => Promise<SlackUserInfo>;
  ttlMs?: number;
  maxEntries?: number;
  /** Give up waiting after this long: the user's turn waits for the profile. */
  timeoutMs?: number;
  /** A custom profile field id (Xf…) holding the department; profile.title otherwise. */
  departmentFieldId?: string;
  /** users.info calls in flight at most; more wait their turn. */
  maxConcurrent?: number;
  now?: () => number;
};

type Entry = { profile: UserProfile; expiresAt: number };

/**
 * users.info results, cached in memory (LRU with a TTL). Concurrent lookups of one user share a
 * single call; a failed or slow lookup yields no profile rather than holding up the user's turn.
 * At most `maxConcurrent` calls run at once: a burst of new users must neither trip Slack's rate limit
 * (users.info is Tier 4) nor block our event loop with dozens of requests built in one go while the
 * burst's acknowledgements are still being written.
 */
export class SlackUserCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<UserProfile | undefined>>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  private readonly waiting: Array<() => void> = [];
  private active = 0;
  /** users.info calls made (for tests and metrics). */
  lookups = 0;

  constructor(private readonly options: SlackUserCacheOptions) {
    this.ttlMs = options.ttlMs ?? 60 * 60_000;
    this.maxEntries = options.maxEntries ?? 5000;
    this.now = options.now ?? Date.now;
  }

  /** The profile if it is cached and fresh; never calls Slack. */
  cached(userId: string): UserProfile | undefined {
    const hit = this.entries.get(userId);
    if (!hit || hit.expiresAt <= this.now()) return undefined;
    // Re-insert to mark as most recently used: Map keeps insertion order.
    this.entries.delete(userId);
    this.entries.set(userId, hit);
    return hit.profile;
  }

  /** The user's name, email and department, or undefined when Slack did not tell us in time. */
  async profile(userId: string): Promise<UserProfile | undefined> {
    const hit = this.cached(userId);
    if (hit) return hit;
    const pending = this.inflight.get(userId) ?? this.fetch(userId);
    this.inflight.set(userId, pending);
    return withTimeout(pending, this.options.timeoutMs ?? 1500);
  }

  private async fetch(userId: string): Promise<UserProfile | undefined> {
    if (this.active >= (this.options.maxConcurrent ?? 8)) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
    try {
      this.lookups += 1;
      const info = await this.options.lookup(userId);
      const profile = toProfile(info, this.options.departmentFieldId);
      this.remember(userId, profile);
      return profile;
    } catch {
      return undefined;
    } finally {
      this.inflight.delete(userId);
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }

  private remember(userId: string, profile: UserProfile): void {
    this.entries.delete(userId);
    this.entries.set(userId, { profile, expiresAt: this.now() + this.ttlMs });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}

/** Map a users.info answer to the profile the engine stores. */
export function toProfile(info: SlackUserInfo, departmentFieldId?: string): UserProfile {
  const user = info.user ?? {};
  const p = user.profile ?? {};
  const name = p.real_name || user.real_name || p.display_name || user.name;
  const custom = departmentFieldId ? p.fields?.[departmentFieldId]?.value : undefined;
  const department = custom || p.title;
  // Slack's locale is the language the person chose for Slack: the bot speaks it until their words say otherwise.
  const lang = user.locale?.toLowerCase().startsWith('zh') ? 'zh' : user.locale?.toLowerCase().startsWith('en') ? 'en' : undefined;
  return {
    ...(name ? { name: name.slice(0, 200) } : {}),
    ...(p.email ? { email: p.email.slice(0, 320) } : {}),
    ...(department ? { department: department.slice(0, 200) } : {}),
    ...(lang ? { lang } : {}),
    ...timeZoneField(user.tz),
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
