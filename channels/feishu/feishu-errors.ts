import { ChannelError, ChannelUnavailableError, RateLimitedError } from '../../src/errors';

/** Feishu's rate-limit answers: 99991400 (the gateway, HTTP 429 or 400 on older APIs) and 230020 (one chat's message rate). */
export const RATE_LIMIT_CODES = new Set([99991400, 230020]);
/** tenant_access_token invalid or missing: refresh it once and try again. */
export const TOKEN_CODES = new Set([99991663, 99991661, 99991668]);

/** Codes that mean the app itself is misconfigured, with the fix for the operator. */
const FIXES: Record<number, string> = {
  99991672: 'grant the missing scope in the developer console (see `frontdesk manifest feishu`) and publish a new version',
  99991401: 'the server address is not on the app\'s IP allow-list',
  10003: 'check FEISHU_APP_ID and FEISHU_APP_SECRET',
  10014: 'check FEISHU_APP_SECRET',
  230002: 'the bot is not in this chat: add it to the group',
  230013: 'the user is outside the app\'s availability range',
};

/** A Feishu API call that failed: the platform's code (0 for transport errors), HTTP status and retry hint. */
export class FeishuApiError extends Error {
  constructor(readonly code: number, readonly status: number, readonly retryAfterMs: number | null, message: string) {
    super(message);
  }
}

type AxiosLike = { response?: { status?: number; data?: { code?: unknown; msg?: unknown }; headers?: Record<string, unknown> }; code?: string; message?: string };

/** The FeishuApiError of whatever the SDK threw (an axios error for non-2xx answers) or returned with code ≠ 0. */
export function toFeishuError(error: unknown, method: string): FeishuApiError {
  if (error instanceof FeishuApiError) return error;
  const e = (error ?? {}) as AxiosLike;
  const status = e.response?.status ?? 0;
  const code = Number(e.response?.data?.code ?? 0) || 0;
  const reset = e.response?.headers?.['x-ogw-ratelimit-reset'];
  const retryAfterMs = RateLimitedError.parseRetryAfter(typeof reset === 'string' ? reset : reset === undefined ? undefined : String(reset));
  const msg = typeof e.response?.data?.msg === 'string' ? e.response.data.msg : e.message ?? 'request failed';
  return new FeishuApiError(code, status, retryAfterMs, `Feishu ${method}: ${code ? `code ${code} ` : ''}${status ? `HTTP ${status} ` : ''}${msg}`.slice(0, 300));
}

/** A failed call as the dispatcher's error: rate limits wait, 5xx and network errors retry, refusals are permanent. */
export function toChannelError(error: unknown, method: string): ChannelError {
  const e = toFeishuError(error, method);
  if (RATE_LIMIT_CODES.has(e.code) || e.status === 429) {
    return new RateLimitedError(`${e.message} (retry after ${(e.retryAfterMs ?? 1000) / 1000} s)`, e.retryAfterMs ?? 1000, error);
  }
  if (e.status === 0 && e.code === 0) return new ChannelUnavailableError(e.message, error);
  if (e.status >= 500 || TOKEN_CODES.has(e.code)) return new ChannelError(e.message, false, error);
  const fix = FIXES[e.code];
  return new ChannelError(`${e.message}${fix ? ` (${fix})` : ''}`, true, error);
}
