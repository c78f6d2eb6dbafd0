import { ChannelError } from '../../src/errors';
import { TOKEN_ERRCODES, wecomError } from './wecom-errors';

/** The public WeCom API; tests point WECOM_API_URL at a local stand-in. */
export const WECOM_API_URL = 'https://qyapi.weixin.qq.com';

/** Settings of the API client. */
export type WecomApiOptions = {
  corpId: string;
  secret: string;
  baseUrl?: string;
  timeoutMs?: number;
  /** Refresh this long before the token's expires_in runs out (its clock and ours differ a little). */
  earlyRefreshMs?: number;
  now?: () => number;
};

/** A WeCom answer: errcode 0 and the API's own fields. */
export type WecomAnswer = { errcode: number; errmsg: string; [field: string]: unknown };

/** Counters the tests and the bench read: how often a token was fetched and calls were made. */
export type WecomApiStats = { tokenFetches: number; calls: number };

/**
 * The WeCom server API with the app's access_token: fetched with gettoken once, cached until shortly before
 * expires_in, shared by concurrent calls (one fetch in flight), and fetched again only when WeCom says it
 * expired or is invalid (42001, 40014) — then the call is repeated once. Never one token per message.
 */
export class WecomApi {
  readonly stats: WecomApiStats = { tokenFetches: 0, calls: 0 };
  private token: { value: string; expiresAt: number } | null = null;
  private fetching: Promise<string> | null = null;
  private readonly baseUrl: string;
  private readonly now: () => number;

  constructor(private readonly options: WecomApiOptions) {
    this.baseUrl = (options.baseUrl ?? WECOM_API_URL).replace(/\/$/, '');
    this.now = options.now ?? Date.now;
  }

  /** POST `body` as JSON to /cgi-bin/`api` with the token; a non-zero errcode becomes a ChannelError. */
  async post(api: string, body: unknown): Promise<WecomAnswer> {
    return this.withToken(api, (token) => this.request(api, `/cgi-bin/${api}?access_token=${encodeURIComponent(token)}`, { method: 'POST', body: JSON.stringify(body) }));
  }

  /** GET /cgi-bin/`api` with the token and `query`. */
  async get(api: string, query: Record<string, string>): Promise<WecomAnswer> {
    const search = new URLSearchParams(query).toString();
    return this.withToken(api, (token) => this.request(api, `/cgi-bin/${api}?access_token=${encodeURIComponent(token)}&${search}`, { method: 'GET' }));
  }

  /** A raw POST to a full URL (group-robot webhooks carry their own key instead of a token). */
  async postUrl(api: string, url: string, body: unknown): Promise<WecomAnswer> {
    const answer = await this.request(api, url, { method: 'POST', body: JSON.stringify(body) }, true);
    if (answer.errcode !== 0) throw wecomError(answer.errcode, answer.errmsg, api);
    return answer;
  }

  private async withToken(api: string, call: (token: string) => Promise<WecomAnswer>): Promise<WecomAnswer> {
    let answer = await call(await this.accessToken());
    if (TOKEN_ERRCODES.has(answer.errcode)) {
      // Expired before our cached expiry (revoked, the secret reset): fetch a new one, try once more.
      this.invalidate();
      answer = await call(await this.accessToken());
    }
    if (answer.errcode !== 0) throw wecomError(answer.errcode, answer.errmsg, api);
    return answer;
  }

  /** The cached token, or a new one from gettoken (one fetch shared by concurrent callers). */
  async accessToken(): Promise<string> {
    if (this.token && this.now() < this.token.expiresAt) return this.token.value;
    this.fetching ??= this.fetchToken().finally(() => {
      this.fetching = null;
    });
    return this.fetching;
  }

  /** Forget the token (WeCom said it expired). */
  invalidate(): void {
    this.token = null;
  }

  private async fetchToken(): Promise<string> {
    this.stats.tokenFetches++;
    const query = new URLSearchParams({ corpid: this.options.corpId, corpsecret: this.options.secret }).toString();
    const answer = await this.request('gettoken', `/cgi-bin/gettoken?${query}`, { method: 'GET' });
    if (answer.errcode !== 0 || typeof answer.access_token !== 'string' || !answer.access_token) {
      throw wecomError(answer.errcode || -1, answer.errmsg || 'no access_token', 'gettoken');
    }
    const seconds = typeof answer.expires_in === 'number' && answer.expires_in > 0 ? answer.expires_in : 7200;
    const early = Math.min(this.options.earlyRefreshMs ?? 300_000, (seconds * 1000) / 2);
    this.token = { value: answer.access_token, expiresAt: this.now() + seconds * 1000 - early };
    return answer.access_token;
  }

  private async request(api: string, pathOrUrl: string, init: { method: string; body?: string }, absolute = false): Promise<WecomAnswer> {
    this.stats.calls++;
    const url = absolute ? pathOrUrl : `${this.baseUrl}${pathOrUrl}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: init.method, body: init.body, signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
        headers: init.body ? { 'content-type': 'application/json; charset=utf-8' } : undefined,
      });
    } catch (error) {
      throw new ChannelError(`could not reach WeCom (${api}): ${(error as Error).name}`, false, error);
    }
    if (!response.ok) throw new ChannelError(`WeCom ${api} answered HTTP ${response.status}`, response.status < 500 && response.status !== 429);
    const body = (await response.json().catch(() => null)) as WecomAnswer | null;
    if (!body || typeof body !== 'object' || typeof body.errcode !== 'number') {
      // gettoken and user/get answer errcode 0 explicitly; a body without it is not WeCom speaking.
      throw new ChannelError(`WeCom ${api} answered something that is not a WeCom JSON reply`, false);
    }
    return { ...body, errmsg: typeof body.errmsg === 'string' ? body.errmsg : '' };
  }
}
