import type { Lang, UserProfile } from '../../src/types/conversation';
import type { WecomApi } from './wecom-api';

type Entry = { profile: UserProfile | undefined; at: number };

/**
 * Profiles from the contact API: user/get gives name, email (biz_mail when the corp mailbox is used) and
 * department ids; department/get turns the main department's id into its name (cached apart, few exist).
 * WeCom profiles carry no language or time zone, so every profile has the channel's (Chinese and Asia/Shanghai unless configured).
 * A failed lookup is remembered briefly as unknown: the conversation goes on without a name.
 */
export class WecomUserDirectory {
  private readonly users = new Map<string, Entry>();
  private readonly departments = new Map<number, string | undefined>();
  private readonly inFlight = new Map<string, Promise<UserProfile | undefined>>();

  constructor(
    private readonly api: WecomApi,
    /** What WeCom profiles do not carry: the channel's language and time zone. */
    private readonly defaults: { lang: Lang; timeZone?: string },
    private readonly options: { ttlMs?: number; failedTtlMs?: number; maxEntries?: number; now?: () => number } = {},
  ) {}

  /** The cached profile when fresh, else undefined (no lookup). */
  cached(userId: string): UserProfile | undefined {
    const entry = this.users.get(userId);
    return entry && this.fresh(entry) ? entry.profile : undefined;
  }

  /** The user's profile, looked up once per TTL (concurrent callers share the lookup). */
  async profile(userId: string): Promise<UserProfile | undefined> {
    const entry = this.users.get(userId);
    if (entry && this.fresh(entry)) return entry.profile;
    let pending = this.inFlight.get(userId);
    if (!pending) {
      pending = this.lookup(userId).finally(() => this.inFlight.delete(userId));
      this.inFlight.set(userId, pending);
    }
    return pending;
  }

  private fresh(entry: Entry): boolean {
    const ttl = entry.profile ? this.options.ttlMs ?? 3_600_000 : this.options.failedTtlMs ?? 60_000;
    return this.now() - entry.at < ttl;
  }

  private async lookup(userId: string): Promise<UserProfile | undefined> {
    let profile: UserProfile | undefined;
    try {
      const user = await this.api.get('user/get', { userid: userId });
      const email = str(user.biz_mail) ?? str(user.email);
      const main = typeof user.main_department === 'number' ? user.main_department : Array.isArray(user.department) ? Number(user.department[0]) : undefined;
      const department = main !== undefined && Number.isInteger(main) ? await this.departmentName(main) : undefined;
      profile = { ...(str(user.name) ? { name: str(user.name)!.slice(0, 200) } : {}), ...(email ? { email: email.slice(0, 320) } : {}), ...(department ? { department } : {}), ...this.defaults };
    } catch {
      // Outside the app's visible range, no contact permission, WeCom unreachable: the language is still known.
      profile = undefined;
    }
    if (this.users.size >= (this.options.maxEntries ?? 10_000)) this.users.delete(this.users.keys().next().value as string);
    this.users.set(userId, { profile, at: this.now() });
    return profile ?? { ...this.defaults };
  }

  private async departmentName(id: number): Promise<string | undefined> {
    if (this.departments.has(id)) return this.departments.get(id);
    let name: string | undefined;
    try {
      const answer = await this.api.get('department/get', { id: String(id) });
      name = str((answer.department as { name?: unknown } | undefined)?.name)?.slice(0, 200);
    } catch {
      name = undefined;
    }
    if (this.departments.size < 5_000) this.departments.set(id, name);
    return name;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
