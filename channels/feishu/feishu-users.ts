import type { Lang, UserProfile } from '../../src/types/conversation';
import type { ContactUser } from './feishu-api';

/** The language a locale names (`zh_cn`, `zh-CN`, `en_us`), if the bot speaks it. */
export function langOfLocale(locale: string | undefined): Lang | undefined {
  const tag = locale?.toLowerCase() ?? '';
  if (tag.startsWith('zh')) return 'zh';
  if (tag.startsWith('en')) return 'en';
  return undefined;
}

/** What the profile lookup needs: the contact API and the channel's default language. */
export type FeishuUserLookup = {
  user(openId: string): Promise<ContactUser | null>;
  departmentName(id: string): Promise<string | undefined>;
};

/**
 * Profiles from the contact API (name, e-mail, department), cached for `ttlMs`. The language is the
 * profile's locale when it names one we speak, else the channel's default (Chinese for Feishu).
 */
export class FeishuUserCache {
  private readonly profiles = new Map<string, { profile: UserProfile; at: number }>();
  private readonly departments = new Map<string, string | undefined>();
  private readonly inflight = new Map<string, Promise<UserProfile | undefined>>();

  /** `timeZone`: the channel's, put on Chinese users' profiles (Feishu profiles carry none). */
  constructor(private readonly options: { lookup: FeishuUserLookup; defaultLang: Lang; timeZone?: string; ttlMs?: number; now?: () => number; maxEntries?: number }) {}

  /** A profile already known and fresh, without a lookup. */
  cached(openId: string): UserProfile | undefined {
    const entry = this.profiles.get(openId);
    const now = (this.options.now ?? Date.now)();
    return entry && now - entry.at < (this.options.ttlMs ?? 3_600_000) ? entry.profile : undefined;
  }

  /** The profile, looked up once at a time per user; a failed lookup gives the default language only (not cached). */
  async profile(openId: string): Promise<UserProfile | undefined> {
    const known = this.cached(openId);
    if (known) return known;
    let pending = this.inflight.get(openId);
    if (!pending) {
      // A lookup that fails (scope missing, Feishu down) still gives the channel's language; nothing is cached.
      pending = this.fetch(openId).catch(() => this.defaults()).finally(() => this.inflight.delete(openId));
      this.inflight.set(openId, pending);
    }
    return pending;
  }

  /** What a profile has when Feishu tells nothing: the channel's language, and its time zone for a Chinese one. */
  private defaults(): UserProfile {
    return { lang: this.options.defaultLang, ...(this.options.timeZone && this.options.defaultLang === 'zh' ? { timeZone: this.options.timeZone } : {}) };
  }

  private async fetch(openId: string): Promise<UserProfile | undefined> {
    const user = await this.options.lookup.user(openId);
    if (!user) return this.defaults();
    const lang = langOfLocale(user.locale) ?? this.options.defaultLang;
    const profile: UserProfile = {
      lang,
      // Lark is used the world over: the channel's zone is assumed for Chinese users only.
      ...(lang === 'zh' && this.options.timeZone ? { timeZone: this.options.timeZone } : {}),
      ...(user.name ? { name: user.name.slice(0, 200) } : {}),
      ...((user.enterprise_email || user.email) ? { email: String(user.enterprise_email || user.email).slice(0, 320) } : {}),
    };
    const departmentId = user.department_ids?.[0];
    if (departmentId) {
      const department = await this.department(departmentId);
      if (department) profile.department = department.slice(0, 200);
    }
    if (this.profiles.size >= (this.options.maxEntries ?? 10_000)) this.profiles.delete(this.profiles.keys().next().value as string);
    this.profiles.set(openId, { profile, at: (this.options.now ?? Date.now)() });
    return profile;
  }

  private async department(id: string): Promise<string | undefined> {
    if (this.departments.has(id)) return this.departments.get(id);
    // A department the app may not read is no reason to lose the rest of the profile.
    const name = await this.options.lookup.departmentName(id).catch(() => undefined);
    if (this.departments.size < 5_000) this.departments.set(id, name);
    return name;
  }
}
