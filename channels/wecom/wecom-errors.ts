import { ChannelError, RateLimitedError } from '../../src/errors';

/** errcodes that mean the access_token must be fetched again (expired, invalid). */
export const TOKEN_ERRCODES = new Set([40014, 42001]);

/** Fixes an operator can apply, by errcode. */
const FIXES: Record<number, string> = {
  40001: 'check WECOM_SECRET (the app\'s Secret, not the corp\'s)',
  40013: 'check WECOM_CORP_ID',
  40056: 'check WECOM_AGENT_ID',
  48002: 'the app lacks this API permission: grant it in the admin console (应用管理 → 权限)',
  60020: 'this server\'s IP is not in the app\'s trusted IPs (企业可信IP)',
  81013: 'the user is outside the app\'s visible range (可见范围) or does not exist',
  60111: 'the UserID does not exist',
  40003: 'the UserID is invalid',
};

/** Refusals no retry cures: the message is marked failed with the reason. */
const PERMANENT = new Set([40003, 40008, 44004, 45002, 81013, 60111, 48002, 301002, 86001]);

/** How long WeCom's frequency limits (45009 per minute/hour) are waited out when they answer no Retry-After. */
export const FREQUENCY_WAIT_MS = 60_000;

/**
 * A WeCom API answer's errcode in the dispatcher's terms: 45009 (API frequency) and 45033 (concurrency)
 * are rate limits retried later through the outbox; invalid users and missing permissions are permanent;
 * the rest (system busy -1, token trouble after the one refresh, unknown codes) are retried with backoff.
 */
export function wecomError(errcode: number, errmsg: string, api: string): ChannelError {
  const fix = FIXES[errcode];
  const what = `WeCom ${api} failed: errcode ${errcode}${fix ? ` (${fix})` : ''}`;
  if (errcode === 45009) return new RateLimitedError(`${what}: API frequency limit, retry after ${FREQUENCY_WAIT_MS / 1000} s`, FREQUENCY_WAIT_MS);
  if (errcode === 45033) return new RateLimitedError(`${what}: too many concurrent calls`, 1_000);
  // errmsg can quote a UserID; only its first words reach the log.
  return new ChannelError(`${what}: ${errmsg.split(',')[0].slice(0, 80)}`, PERMANENT.has(errcode));
}
