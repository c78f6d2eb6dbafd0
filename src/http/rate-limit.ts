import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './body';
import { clientOf } from './client-address';

/** A token bucket: `burst` requests at once, then `perSecond` on average. */
export type BucketOptions = { burst: number; perSecond: number };

/** Settings of one limiter: the bucket, how many keys to remember, and a clock for tests. */
export type RateLimiterOptions = BucketOptions & { maxKeys?: number; now?: () => number };

/** What a take() answers: allowed, or refused with the seconds until a token is back. */
export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

type Bucket = { tokens: number; at: number };

/**
 * Per-key token buckets (key = client IP, chat session, ...). Memory is bounded: past `maxKeys` the
 * least recently used key is forgotten, which only ever gives that key a fresh (full) bucket.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;
  private readonly maxKeys: number;

  constructor(readonly options: RateLimiterOptions) {
    if (!(options.burst >= 1) || !(options.perSecond > 0)) throw new Error('rate limit: burst must be >= 1 and perSecond > 0');
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? 50_000;
  }

  /** Take `cost` tokens from `key`'s bucket. */
  take(key: string, cost = 1): RateDecision {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.options.burst, at: now };
    const refilled = Math.min(this.options.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.options.perSecond);
    // Re-insert so Map order is least-recently-used first.
    this.buckets.delete(key);
    if (refilled < cost) {
      this.buckets.set(key, { tokens: refilled, at: now });
      this.evict();
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((cost - refilled) / this.options.perSecond)) };
    }
    this.buckets.set(key, { tokens: refilled - cost, at: now });
    this.evict();
    return { ok: true };
  }

  /** Keys currently remembered (tests, metrics). */
  get size(): number {
    return this.buckets.size;
  }

  private evict(): void {
    while (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
  }
}

/** Create a limiter. */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  return new RateLimiter(options);
}

/**
 * The client's address: the TCP peer, or the address trusted proxies forwarded (TRUST_PROXY). A header
 * any client can set is never believed on its own, so one client cannot pose as many.
 */
export function clientIp(req: IncomingMessage): string {
  return clientOf(req).address;
}

/** Parse a `BURST/PER_SECOND` setting such as `300/30`. */
export function parseBucket(value: string): BucketOptions {
  const [burst, perSecond] = value.split('/').map(Number);
  return { burst, perSecond };
}

/** Refuse with 429 and a Retry-After header when `key` is over its limit; `what` names the limit in the error. */
export function enforceRateLimit(limiter: RateLimiter, key: string, res: ServerResponse, what: string): void {
  const decision = limiter.take(key);
  if (decision.ok) return;
  res.setHeader('retry-after', String(decision.retryAfterSeconds));
  throw new HttpError(429, `too many requests (${what}): retry after ${decision.retryAfterSeconds} s`);
}

/** Default web chat limits: an office behind one NAT address still fits; one browser tab cannot flood. */
export const WEBCHAT_LIMITS = {
  perIp: { burst: 300, perSecond: 30 },
  perSession: { burst: 20, perSecond: 1 },
} as const satisfies Record<string, BucketOptions>;
