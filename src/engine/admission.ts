import type { ConversationRef } from '../types/conversation';

/** Whether a new message may be queued now; when not, how long the sender should wait. */
export type AdmitDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

const DEFAULT_TURN_MS = 5;

/**
 * Early load shedding for the turn queue. It knows how many accepted messages wait for their turn (per
 * user too) and how fast turns complete while there is a queue, so it can estimate how long a new message
 * would wait. Past `maxWaitSeconds` a user who still has messages waiting is refused; past twice that,
 * everyone is. Refusing before the message is read costs almost nothing, so the engine keeps its full
 * rate instead of spending it on work nobody will wait for; a light user is served by the fair queue.
 */
export class TurnAdmission {
  private backlog = 0;
  private readonly perUser = new Map<string, number>();
  private intervalMs = DEFAULT_TURN_MS;
  private lastDone: number | null = null;
  /** When the queue last went from empty to waiting. */
  private backlogSince = 0;

  constructor(private readonly maxWaitSeconds: number, private readonly now: () => number = () => performance.now()) {}

  /** The decision for a new message from the user of `ref`. */
  admit(ref: Pick<ConversationRef, 'channel' | 'userId'>): AdmitDecision {
    const wait = this.estimatedWaitSeconds();
    const limit = this.maxWaitSeconds * ((this.perUser.get(userKey(ref)) ?? 0) > 0 ? 1 : 2);
    return wait <= limit ? { ok: true } : { ok: false, retryAfterSeconds: Math.min(60, Math.max(1, Math.ceil(wait - this.maxWaitSeconds))) };
  }

  /** Seconds the queue would take to clear at the recent turn rate. */
  estimatedWaitSeconds(): number {
    return (this.backlog * this.intervalMs) / 1000;
  }

  /** Milliseconds per turn while messages waited (this instance's recent rate). */
  get turnMs(): number {
    return this.intervalMs;
  }

  /** How long messages have been waiting without the queue emptying (0 when empty). */
  backlogAgeMs(): number {
    return this.backlog > 0 ? this.now() - this.backlogSince : 0;
  }

  /** Messages waiting for their turn. */
  get queued(): number {
    return this.backlog;
  }

  /** A message was stored and waits for its turn; returns how many of this user's messages wait now. */
  queuedOne(ref: Pick<ConversationRef, 'channel' | 'userId'>): number {
    if (this.backlog === 0) this.backlogSince = this.now();
    this.backlog += 1;
    const key = userKey(ref);
    const waiting = (this.perUser.get(key) ?? 0) + 1;
    this.perUser.set(key, waiting);
    return waiting;
  }

  /** Messages of this user waiting for their turn. */
  waitingOf(ref: Pick<ConversationRef, 'channel' | 'userId'>): number {
    return this.perUser.get(userKey(ref)) ?? 0;
  }

  /** Nothing is left that this instance can run (several instances: the rest is claimed by others). */
  settle(): void {
    this.backlog = 0;
    this.perUser.clear();
  }

  /** A turn finished; messages left from before a restart were never counted, hence the floors. */
  finished(ref: Pick<ConversationRef, 'channel' | 'userId'>): void {
    const now = this.now();
    // Only gaps between turns while others waited measure the rate; an idle pause is not slowness.
    if (this.lastDone !== null && this.backlog > 1) this.intervalMs = 0.9 * this.intervalMs + 0.1 * Math.min(now - this.lastDone, 1000);
    this.lastDone = now;
    this.backlog = Math.max(0, this.backlog - 1);
    const key = userKey(ref);
    const left = (this.perUser.get(key) ?? 0) - 1;
    if (left > 0) this.perUser.set(key, left);
    else this.perUser.delete(key);
  }
}

function userKey(ref: Pick<ConversationRef, 'channel' | 'userId'>): string {
  return `${ref.channel}:${ref.userId}`;
}
