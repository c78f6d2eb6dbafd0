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
