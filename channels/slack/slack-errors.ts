import { ChannelError, RateLimitedError } from '../../src/errors';

/** Slack platform errors that a later retry can cure; every other platform error is permanent. */
const TRANSIENT_PLATFORM_ERRORS = new Set([
  'ratelimited', 'rate_limited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'team_added_to_org',
]);

/** Errors that mean the bot itself is misconfigured, with the fix to tell the operator. */
const FIXES: Record<string, string> = {
  invalid_auth: 'check SLACK_BOT_TOKEN (xoxb-…) and reinstall the app',
  not_authed: 'set SLACK_BOT_TOKEN',
  token_revoked: 'reinstall the Slack app and update SLACK_BOT_TOKEN',
  account_inactive: 'reinstall the Slack app and update SLACK_BOT_TOKEN',
  missing_scope: 'add the missing scope (see `frontdesk manifest slack`) and reinstall the app',
  not_in_channel: 'invite the bot to the channel (/invite @Frontdesk)',
  channel_not_found: 'the conversation no longer exists or the bot cannot see it',
  is_archived: 'the channel is archived; unarchive it or reach the user elsewhere',
};

type WebApiError = { code?: string; data?: { error?: string; response_metadata?: { retryAfter?: number } }; statusCode?: number; retryAfter?: number; message?: string };

/**
 * Map a @slack/web-api error to ChannelError: rate limits, 5xx and network failures are transient
 * (the dispatcher retries with backoff); refusals such as `channel_not_found` are permanent.
 */
export function toChannelError(error: unknown, method: string): ChannelError {
  const e = (error ?? {}) as WebApiError;
  switch (e.code) {
    case 'slack_webapi_rate_limited_error': {
      // The Web API client reads Retry-After into `retryAfter` (seconds); without one, a second is Slack's usual tier-1 pace.
      const ms = RateLimitedError.parseRetryAfter(e.retryAfter) ?? 1000;
      return new RateLimitedError(`Slack ${method} rate limited (retry after ${ms / 1000} s)`, ms, error);
    }
    case 'slack_webapi_http_error': {
      const status = e.statusCode ?? 0;
      // 429 and 5xx heal by themselves; other 4xx answers to the same request will not change.
      const transient = status === 429 || status >= 500;
      return new ChannelError(`Slack ${method} answered HTTP ${status}`, !transient, error);
    }
    case 'slack_webapi_platform_error': {
      const code = e.data?.error ?? 'unknown_error';
      if (code === 'ratelimited' || code === 'rate_limited') {
        const ms = RateLimitedError.parseRetryAfter(e.data?.response_metadata?.retryAfter) ?? 1000;
        return new RateLimitedError(`Slack ${method} failed: ${code} (retry after ${ms / 1000} s)`, ms, error);
      }
      const fix = FIXES[code];
      return new ChannelError(`Slack ${method} failed: ${code}${fix ? ` (${fix})` : ''}`, !TRANSIENT_PLATFORM_ERRORS.has(code), error);
    }
    default:
      // Request errors (connection refused, timeouts) and anything unknown: try again later.
      return new ChannelError(`Slack ${method} request failed: ${e.message ?? String(error)}`, false, error);
  }
}

/** The platform error code of a Web API error (`channel_not_found`…), if it is one. */
export function slackErrorCode(error: unknown): string | undefined {
  return (error as WebApiError | undefined)?.data?.error;
}
