import { ChannelError, RateLimitedError } from '../../src/errors';

type ConnectorFailure = { statusCode?: unknown; code?: unknown; message?: unknown; details?: unknown; response?: { headers?: { get?(name: string): string | undefined } } };

/** Error codes the Bot Connector answers with that no retry can fix. */
const PERMANENT_CODES: Record<string, string> = {
  BotNotInConversationRoster: 'user has not installed the app (Teams 403 BotNotInConversationRoster): ask them to install Frontdesk in Teams, then resend',
  ConversationBlockedByUser: 'the user blocked the bot in Teams (403 ConversationBlockedByUser)',
  BotDisabledByAdmin: 'a Teams admin disabled the bot for this tenant (403 BotDisabledByAdmin)',
  ConversationNotFound: 'the Teams conversation no longer exists (404 ConversationNotFound)',
};

/**
 * Translate a Bot Connector failure into the dispatcher's terms. 403/404/400 are permanent (the
 * message stays failed with a reason an agent can read); 401, 408, 429, 5xx and network errors are
 * transient and retried with backoff.
 */
export function toChannelError(error: unknown): ChannelError {
  if (error instanceof ChannelError) return error;
  const failure = (error ?? {}) as ConnectorFailure;
  const status = typeof failure.statusCode === 'number' ? failure.statusCode : undefined;
  const code = typeof failure.code === 'string' ? failure.code : '';
  const detail = typeof failure.message === 'string' ? failure.message.slice(0, 300) : String(error);
  const known = PERMANENT_CODES[code] ?? Object.entries(PERMANENT_CODES).find(([c]) => detail.includes(c))?.[1];
  if (known) return new ChannelError(known, true, error);
  if (status === 429) {
    // The connector's own client has already waited out its few in-call retries; the dispatcher waits the rest.
    const ms = RateLimitedError.parseRetryAfter(failure.response?.headers?.get?.('retry-after')) ?? 1000;
    return new RateLimitedError(`Teams answered 429${code ? ` ${code}` : ''} (retry after ${ms / 1000} s)`, ms, error);
  }
  if (status === 401) {
    return new ChannelError(`Teams refused the bot's credentials (401): check TEAMS_APP_ID and TEAMS_APP_PASSWORD (${detail})`, false, error);
  }
  if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) {
    return new ChannelError(`Teams rejected the message (${status}${code ? ` ${code}` : ''}): ${detail}`, true, error);
  }
  const what = status === undefined ? 'could not reach Teams' : `Teams answered ${status}${code ? ` ${code}` : ''}`;
  return new ChannelError(`${what}, will retry: ${detail}`, false, error);
}
