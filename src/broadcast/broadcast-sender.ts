import { ConflictError, NotFoundError } from '../errors';
import type { Logger } from '../log';
import type { Store, TurnResult } from '../store/store';
import { Lang } from '../types/conversation';
import { noticeMessage } from './broadcast-notice';
import type { PendingDelivery } from './broadcast-store';
import type { Broadcast } from './broadcast-types';
import type { Broadcasts } from './broadcasts';

/** What the sender needs; `sleep` and `clock` are injected so tests run without waiting. */
export type BroadcastSenderOptions = {
  store: Pick<Store, 'getConversation' | 'commitTurn'>;
  broadcasts: Broadcasts;
  clock: () => Date;
  /** Deliveries enqueued per second at most (the dispatcher then sends them). */
  ratePerSecond?: number;
  /** How long a claimed delivery is reserved for this sender before another process may take it over. */
  leaseMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Called after each committed delivery: the app passes `engine.events.emit('committed', r)` so the dispatcher wakes. */
  onCommitted?: (result: TurnResult) => void;
  log?: Logger;
};

/** How a run ended. */
export type SendSummary = { queued: number; recovered: number; skipped: number };

const MAX_CONFLICT_RETRIES = 5;
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Moves pending broadcast deliveries into the outbox, one turn per member conversation, at a bounded rate.
 * Exactly once per member: each delivery row is unique per (broadcast, kind, conversation); a delivery is
 * claimed (with the outbox high-water mark) before its turn commits and marked with its outbox id after.
 * If the process dies between the two, the next sender finds the queued row above the mark and adopts it
 * instead of sending again.
 */
export class BroadcastSender {
  private readonly rate: number;
  private readonly leaseMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly cache = new Map<number, Broadcast>();

  constructor(private readonly options: BroadcastSenderOptions) {
    this.rate = Math.max(1, options.ratePerSecond ?? 20);
    this.leaseMs = options.leaseMs ?? 60_000;
    this.sleep = options.sleep ?? realSleep;
  }

  /** Enqueue pending deliveries (of one broadcast, or all) until none is left or `limit` were handled. */
  async run(scope: { broadcastId?: number; limit?: number } = {}): Promise<SendSummary> {
    const summary: SendSummary = { queued: 0, recovered: 0, skipped: 0 };
    const limit = scope.limit ?? Number.POSITIVE_INFINITY;
    for (;;) {
      const handled = summary.queued + summary.recovered + summary.skipped;
      if (handled >= limit) return summary;
      const started = this.options.clock().getTime();
      const batch = await this.options.broadcasts.pending(Math.min(this.rate, limit - handled), new Date(started).toISOString(), scope.broadcastId);
      if (batch.length === 0) return summary;
      for (const delivery of batch) summary[await this.deliver(delivery)]++;
      // One batch of `rate` deliveries per second: a notice to 5,000 people must not flood Slack or the SMTP relay.
      const wait = 1000 - (this.options.clock().getTime() - started);
      if (batch.length === this.rate && wait > 0) await this.sleep(wait);
    }
  }

  private async broadcast(id: number): Promise<Broadcast> {
    const cached = this.cache.get(id);
    if (cached && cached.followUp !== null) return cached;
    const fresh = await this.options.broadcasts.get(id);
    if (!fresh) throw new NotFoundError(`broadcast ${id} vanished while sending`);
    this.cache.set(id, fresh);
    return fresh;
  }

  private async deliver(delivery: PendingDelivery): Promise<keyof SendSummary> {
    const { broadcasts, store, clock } = this.options;
    const broadcast = await this.broadcast(delivery.broadcastId);
    const candidates = Lang.options.map((lang) => JSON.stringify(noticeMessage(broadcast, delivery.kind, lang)));
    const earlier = await broadcasts.findQueued(delivery, candidates);
    if (earlier !== null) {
      await broadcasts.recordQueued(delivery.id, earlier, clock().toISOString());
      this.options.log?.info({ broadcast: broadcast.id, delivery: delivery.id, outboxId: earlier }, 'broadcast delivery recovered after an interrupted send');
      return 'recovered';
    }
    if (!(await broadcasts.claim(delivery, clock().toISOString(), this.leaseMs))) return 'skipped';
    for (let attempt = 0; ; attempt++) {
      const conversation = await store.getConversation(delivery.conversationId);
      if (!conversation) throw new NotFoundError(`conversation ${delivery.conversationId} of broadcast ${broadcast.id} vanished`);
      try {
        // Mode, language and bot state are passed back unchanged: a notice must not disturb a dialog in progress.
        const result = await store.commitTurn({
          conversationId: conversation.id, expectedVersion: conversation.version, mode: conversation.mode, lang: conversation.lang,
          state: conversation.state, tickets: [], events: [], outbound: [noticeMessage(broadcast, delivery.kind, conversation.lang)],
          now: clock().toISOString(),
        });
        await broadcasts.recordQueued(delivery.id, result.outboxIds[0], clock().toISOString());
        this.options.onCommitted?.(result);
        return 'queued';
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= MAX_CONFLICT_RETRIES) throw error;
      }
    }
  }
}
