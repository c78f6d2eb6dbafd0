/**
 * Slack's published rate limits for the methods the outbox calls: a token bucket per key. chat.postMessage
 * is limited per channel (about one message a second, short bursts allowed); the tiered methods per
 * workspace (Tier 3: 50+ a minute, Tier 4: 100+ a minute). A burst is about ten seconds' worth.
 */
const LIMITS: Record<string, { perMinute: number; burst: number; perChannel: boolean }> = {
  'chat.postMessage': { perMinute: 60, burst: 3, perChannel: true },
  'chat.update': { perMinute: 50, burst: 8, perChannel: false },
  'chat.postEphemeral': { perMinute: 100, burst: 16, perChannel: false },
  'views.open': { perMinute: 100, burst: 16, perChannel: false },
  'users.info': { perMinute: 100, burst: 16, perChannel: false },
  // Two Tier 4 calls each (files.getUploadURLExternal, files.completeUploadExternal).
  'files.uploadV2': { perMinute: 50, burst: 8, perChannel: false },
};
/** Buckets kept at most (one per channel written to recently); full buckets are the first to go. */
const MAX_BUCKETS = 5_000;

type Bucket = { tokens: number; at: number; blockedUntil: number };

/**
 * Paces Web API calls before Slack has to refuse them, and remembers a refusal's Retry-After for every
 * later call of that method (and channel), not only the one that got the 429. `wait` answers how long
 * until a call may go; the channel turns a non-zero wait into a RateLimitedError the dispatcher honours.
 */
export class SlackPacer {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly clock: () => number = Date.now) {}

  /** Milliseconds until `method` may be called for `channel`; 0 means now, and the call is counted. */
  take(method: string, channel?: string): number {
    const limit = LIMITS[method];
    const bucket = this.bucket(method, channel);
    const now = this.clock();
    if (bucket.blockedUntil > now) return bucket.blockedUntil - now;
    if (!limit) return 0;
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) * limit.perMinute) / 60_000);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) * 60_000) / limit.perMinute);
  }

  /** Slack answered 429 (or `ratelimited`): nothing of this method (and channel) goes before `retryAfterMs`. */
  limited(method: string, channel: string | undefined, retryAfterMs: number): void {
    const bucket = this.bucket(method, channel);
    bucket.blockedUntil = Math.max(bucket.blockedUntil, this.clock() + retryAfterMs);
    bucket.tokens = 0;
  }

  private bucket(method: string, channel: string | undefined): Bucket {
    const key = LIMITS[method]?.perChannel && channel ? `${method}:${channel}` : method;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= MAX_BUCKETS) this.evict();
      bucket = { tokens: LIMITS[method]?.burst ?? 0, at: this.clock(), blockedUntil: 0 };
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  /** Drop the oldest bucket that holds no 429 wait: at worst one channel gets a fresh burst early. */
  private evict(): void {
    const now = this.clock();
    for (const [key, bucket] of this.buckets) {
      if (bucket.blockedUntil <= now) {
        this.buckets.delete(key);
        return;
      }
    }
    this.buckets.delete(this.buckets.keys().next().value as string);
  }
}
