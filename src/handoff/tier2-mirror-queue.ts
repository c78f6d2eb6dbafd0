import type { EventEmitter } from 'node:events';
import type { EngineEvents } from '../engine/engine';
import type { Logger } from '../log';
import type { Queued } from '../store/agent-thread-store';
import type { Store, TurnResult } from '../store/store';

/**
 * A tier-2 platform module's mirror runs (Slack, Feishu, WeCom, Teams), one at a time: two quick commits of a
 * ticket must not queue its escalation twice or its updates out of order. The commits and the catch-up sweep
 * (tier2-catch-up.ts) both come in here.
 */
export class Tier2MirrorQueue {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly mirror: (ticketId: number) => Promise<void>, private readonly log: Logger, private readonly failed: string) {}

  /** Mirror the ticket a committed turn opened or touched, if any. */
  committed(result: TurnResult): void {
    const ticketId = result.openedTicket?.id ?? result.conversation.ticketId;
    if (ticketId !== null) void this.mirrorInTurn(ticketId);
  }

  /** Mirror one ticket after the runs before it; resolves when done (a failure is logged, not thrown). */
  mirrorInTurn(ticketId: number): Promise<void> {
    this.queue = this.queue.then(() => this.mirror(ticketId)).catch((error) => this.log.warn({ err: error }, this.failed));
    return this.queue;
  }

  /** Resolves when every run asked for so far is done (tests, graceful stop). */
  idle(): Promise<void> {
    return this.queue;
  }
}

/** Wake the dispatcher for tier-2 rows just queued (the same 'committed' event a turn's replies raise). */
export async function announceQueued(store: Pick<Store, 'getConversation'>, events: EventEmitter<EngineEvents>, rows: Queued | null): Promise<void> {
  if (!rows || rows.outboxIds.length === 0) return;
  const conversation = await store.getConversation(rows.conversationId);
  if (conversation) events.emit('committed', { conversation, openedTicket: null, outboxIds: rows.outboxIds });
}
