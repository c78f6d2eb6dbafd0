import { CTenantAccessToken, Client, Domain, LoggerLevel, type Cache } from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../src/log';
import { FeishuApiError, TOKEN_CODES, toFeishuError } from './feishu-errors';

/** A message body as the IM API takes it: `msg_type` and the JSON `content` string. */
export type FeishuContent = { msg_type: 'interactive' | 'text'; content: string };

/** What the contact API says about a user (contact/v3/users/:user_id). */
export type ContactUser = { name?: string; en_name?: string; email?: string; enterprise_email?: string; department_ids?: string[]; locale?: string };

/** Where the Open Platform is: `feishu`, `lark`, or a base URL (a local stand-in). */
export function domainOf(setting: string): Domain | string {
  if (setting === 'feishu') return Domain.Feishu;
  if (setting === 'lark') return Domain.Lark;
  return setting.replace(/\/$/, '');
}

/**
 * The SDK's token cache, kept here so that a token Feishu calls invalid (99991663/99991661) can be dropped:
 * the SDK caches tenant_access_token until shortly before `expire` and never forgets it earlier by itself.
 */
export class TokenCache implements Cache {
  private readonly entries = new Map<string, { value: unknown; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async set(key: string | Symbol, value: unknown, expire?: number, options?: { namespace?: string }): Promise<boolean> {
    this.entries.set(`${options?.namespace ?? ''}:${String(key)}`, { value, expiresAt: expire ?? Number.POSITIVE_INFINITY });
    return true;
  }

  async get(key: string | Symbol, options?: { namespace?: string }): Promise<unknown> {
    const entry = this.entries.get(`${options?.namespace ?? ''}:${String(key)}`);
    if (!entry || entry.expiresAt <= this.now()) return undefined;
    return entry.value;
  }

  /** Forget the cached tokens if one of them is `used` (another call may have cached a fresh one meanwhile). */
  forget(used: unknown): void {
    if ([...this.entries.values()].some((entry) => entry.value === used)) this.entries.clear();
  }
}

type Request = { method: 'GET' | 'POST' | 'PATCH'; url: string; data?: Record<string, unknown>; params?: Record<string, string> };
type Answer = { code?: number; msg?: string; data?: Record<string, unknown> };

/**
 * The Open Platform calls the channel makes, through the official SDK's Client (tenant_access_token fetched
 * and cached by it). A call answered with an invalid-token code drops the cached token and is tried once more.
 */
export class FeishuApi {
  readonly client: Client;
  private readonly tokens: TokenCache;
  private readonly appId: string;
  /** The one token request in flight: a burst of sends on an empty cache asks Feishu once, not once per send. */
  private tokenFlight: Promise<unknown> | null = null;

  constructor(options: { appId: string; appSecret: string; domain: string; now?: () => number; log?: Logger }) {
    this.tokens = new TokenCache(options.now);
    this.appId = options.appId;
    const log = options.log;
    this.client = new Client({
      appId: options.appId,
      appSecret: options.appSecret,
      domain: domainOf(options.domain),
      cache: this.tokens,
      loggerLevel: LoggerLevel.error,
      // The SDK logs axios errors whole (with the request's headers): only their kind reaches our log.
      logger: {
        error: (...msg: unknown[]) => log?.debug({ kind: (msg[0] as Error)?.name ?? typeof msg[0] }, 'feishu sdk error'),
        warn: () => undefined, info: () => undefined, debug: () => undefined, trace: () => undefined,
      },
    });
  }

  /** Answer the user's message in its thread (im/v1/messages/:id/reply); returns the new message id. */
  async reply(messageId: string, body: FeishuContent, uuid: string, inThread: boolean): Promise<string> {
    const data = await this.call('im.message.reply', {
      method: 'POST', url: `/open-apis/im/v1/messages/${encodeURIComponent(messageId)}/reply`,
      data: { ...body, uuid, ...(inThread ? { reply_in_thread: true } : {}) },
    });
    return String(data.message_id ?? '');
  }

  /** A new message in a chat (im/v1/messages?receive_id_type=chat_id): proactive notices, tier-2 posts. */
  async create(chatId: string, body: FeishuContent, uuid: string): Promise<string> {
    const data = await this.call('im.message.create', {
      method: 'POST', url: '/open-apis/im/v1/messages', params: { receive_id_type: 'chat_id' }, data: { receive_id: chatId, ...body, uuid },
    });
    return String(data.message_id ?? '');
  }

  /** Replace a card in place (im/v1/messages/:id PATCH; the card must have been sent with update_multi). */
  async patch(messageId: string, card: string): Promise<void> {
    await this.call('im.message.patch', { method: 'PATCH', url: `/open-apis/im/v1/messages/${encodeURIComponent(messageId)}`, data: { content: card } });
  }

  /** A user's contact record by open_id, or null when the contact API has none we may read. */
  async user(openId: string): Promise<ContactUser | null> {
    const data = await this.call('contact.user.get', {
      method: 'GET', url: `/open-apis/contact/v3/users/${encodeURIComponent(openId)}`, params: { user_id_type: 'open_id', department_id_type: 'open_department_id' },
    });
    return (data.user as ContactUser | undefined) ?? null;
  }

  /** A department's name by its open_department_id. */
  async departmentName(id: string): Promise<string | undefined> {
    const data = await this.call('contact.department.get', {
      method: 'GET', url: `/open-apis/contact/v3/departments/${encodeURIComponent(id)}`, params: { department_id_type: 'open_department_id' },
    });
    const name = (data.department as { name?: unknown } | undefined)?.name;
    return typeof name === 'string' ? name : undefined;
  }

  /** The bot's own open_id (bot/v3/info), to recognise its @-mention in groups. */
  async botOpenId(): Promise<string | undefined> {
    const answer = (await this.request('bot.info', { method: 'GET', url: '/open-apis/bot/v3/info' })) as Answer & { bot?: { open_id?: string } };
    return answer.bot?.open_id;
  }

  private async call(method: string, request: Request): Promise<Record<string, unknown>> {
    const answer = await this.request(method, request);
    return answer.data ?? {};
  }

  private async request(method: string, request: Request, retried = false): Promise<Answer> {
    let used: unknown;
    try {
      used = await this.token();
      const answer = (await this.client.request(request)) as Answer;
      if (answer && typeof answer.code === 'number' && answer.code !== 0) {
        throw new FeishuApiError(answer.code, 200, null, `Feishu ${method}: code ${answer.code} ${String(answer.msg ?? '')}`.slice(0, 300));
      }
      return answer ?? {};
    } catch (thrown) {
      const error = tokenError(thrown) ?? toFeishuError(thrown, method);
      // The cached token was revoked or expired early: fetch a new one and try once more (never per message).
      if (TOKEN_CODES.has(error.code) && !retried) {
        this.tokens.forget(used);
        return this.request(method, request, true);
      }
      throw error;
    }
  }

  /** The token the SDK will use, fetched once for all concurrent callers when none is cached (the SDK alone would fetch one per call). */
  private async token(): Promise<unknown> {
    const cached = await this.tokens.get(CTenantAccessToken, { namespace: this.appId });
    if (cached) return cached;
    this.tokenFlight ??= this.client.tokenManager.getTenantAccessToken().finally(() => {
      this.tokenFlight = null;
    });
    return this.tokenFlight;
  }
}

/** The SDK throws a plain Error when tenant_access_token/internal refuses (wrong secret): keep its code. */
function tokenError(error: unknown): FeishuApiError | null {
  const match = /failed to get tenant_access_token, code: (\d+)/.exec((error as Error)?.message ?? '');
  return match ? new FeishuApiError(Number(match[1]), 0, null, `Feishu tenant_access_token refused: code ${match[1]}`) : null;
}
