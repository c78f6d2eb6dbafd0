/** Stable error codes; log lines and tests match on these, never on messages. */
export type ErrorCode =
  | 'config_invalid'
  | 'validation_failed'
  | 'auth_failed'
  | 'not_found'
  | 'conflict'
  | 'channel_failed'
  | 'internal';

/** Base error: a stable `code`, a message that tells the fix, and the underlying `cause`. */
export class FrontdeskError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Settings missing or malformed: start-up stops with this. */
export class ConfigError extends FrontdeskError {
  constructor(message: string) {
    super('config_invalid', message);
  }
}

/** Input from outside that does not fit its schema. */
export class ValidationError extends FrontdeskError {
  constructor(message: string, cause?: unknown) {
    super('validation_failed', message, { cause });
  }
}

/** Someone who may not do this. */
export class AuthError extends FrontdeskError {
  constructor(message: string) {
    super('auth_failed', message);
  }
}

/** A thing looked up that does not exist. */
export class NotFoundError extends FrontdeskError {
  constructor(message: string) {
    super('not_found', message);
  }
}

/** Someone else changed the record first (optimistic version check). */
export class ConflictError extends FrontdeskError {
  constructor(message: string) {
    super('conflict', message);
  }
}

/** The turn of this message was committed already (by another instance that claimed it after our lease ran out). */
export class TurnTakenError extends FrontdeskError {
  constructor(message: string) {
    super('conflict', message);
  }
}

/** A platform refused or failed a send. `permanent` ones are not retried (e.g. Teams 403 not in roster). */
export class ChannelError extends FrontdeskError {
  constructor(
    message: string,
    readonly permanent = false,
    cause?: unknown,
  ) {
    super('channel_failed', message, { cause });
  }
}

/** The stable code of any thrown value. */
export function errorCode(error: unknown): ErrorCode {
  return error instanceof FrontdeskError ? error.code : 'internal';
}

/**
 * The platform cannot be reached at all (connection refused, server says "try later"): not this message's
 * fault, so the dispatcher retries soon and without counting it against the message's attempts limit.
 */
export class ChannelUnavailableError extends ChannelError {
  constructor(message: string, cause?: unknown) {
    super(message, false, cause);
  }
}

/**
 * The platform said "too many requests, retry after N seconds" (HTTP 429 + Retry-After, Slack's
 * `retry_after`). Every channel throws this one error; the dispatcher waits at least that long before the
 * row's next attempt, and the wait does not count against the message's attempts limit.
 */
export class RateLimitedError extends ChannelError {
  constructor(
    message: string,
    readonly retryAfterMs: number,
    cause?: unknown,
    /** The call was never made (the channel's own pacing held it back): no attempt to count. */
    readonly heldBack = false,
  ) {
    super(message, false, cause);
  }

  /** A Retry-After header value (seconds or an HTTP date) in milliseconds, or null when unreadable. */
  static parseRetryAfter(value: unknown, now = Date.now()): number | null {
    if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value * 1000) : null;
    if (typeof value !== 'string' || value.trim() === '') return null;
    const seconds = Number(value.trim());
    if (Number.isFinite(seconds)) return seconds >= 0 ? Math.round(seconds * 1000) : null;
    const date = Date.parse(value);
    return Number.isNaN(date) ? null : Math.max(0, date - now);
  }
}
