import type { PendingInbound, Store } from '../store/store';
import type { ConversationRef } from '../types/conversation';
import { FairQueue, type QueuedTurn } from './fair-queue';
import { FairRounds } from './fair-rounds';
import { nextTurns } from './turn-source';

type UserRef = Pick<ConversationRef, 'channel' | 'userId'>;

/** A turn of a round: read from the store already, or only queued in memory (read just before it runs). */
export type RoundTurn = PendingInbound | QueuedTurn;

/** The user of a round's turn. */
export function userOfTurn(turn: RoundTurn): UserRef {
  return 'message' in turn ? turn.message.ref : turn.ref;
}

/**
 * Where the engine's rounds of turns come from. On a store that can read one waiting message by id (SQLite),
 * the messages this instance accepted are ordered in memory (FairQueue) and each is read just before its
 * turn; the store's fair query, which sorts every waiting message, is used only while messages left by an
 * earlier process may still wait, or when nothing is queued in memory (a message stored some other way).
 * Stores whose instances claim their turns (PostgreSQL) always get them from the store.
 */
export class TurnQueue {
  private readonly memory = new FairQueue();
  private readonly rounds = new FairRounds();
  /** The first message this instance accepted: an older one still waiting was left by an earlier process. */
  private firstAccepted: number | null = null;
  /** No message older than firstAccepted waits any more, so memory holds every waiting message. */
  private complete = false;

  constructor(private readonly store: Store, private readonly leaseMs?: number) {}

  /** A message was stored for a turn; `waiting`: how many of its user's messages wait now, itself included. */
  accepted(messageId: number, ref: UserRef, waiting: number): void {
    this.firstAccepted ??= messageId;
    this.memory.add(messageId, ref);
    this.rounds.queued(waiting);
  }

  /** A message's turn ended (answered, apologised for) or it no longer waits. */
  finished(messageId: number): void {
    this.memory.remove(messageId);
  }

  /** The next round, about an eighth of the `queued` messages long (see FairRounds); empty when nothing waits. */
  async next(queued: number, now: Date, waitingOf: (ref: UserRef) => number): Promise<RoundTurn[]> {
    const size = this.rounds.size(queued);
    if (this.inMemory()) {
      if (!this.complete) this.complete = await this.nothingLeftOver();
      if (this.complete && this.memory.size > 0) {
        const round = this.memory.round(size);
        this.rounds.started(round[round.length - 1]);
        return round;
      }
    }
    const batch = await nextTurns(this.store, now, size, this.leaseMs);
    if (batch.length > 0) this.rounds.started(FairRounds.endOf(batch, waitingOf));
    return batch;
  }

  /** Whether the round should stop before its turn `index` and a new one start (see FairRounds). */
  refetchBefore(index: number): boolean {
    return this.rounds.refetchBefore(index);
  }

  /** The message of a round's turn; null when it no longer waits (erased meanwhile). */
  async load(turn: RoundTurn): Promise<PendingInbound | null> {
    if ('message' in turn) return turn;
    return (await this.store.pendingInboundById?.(turn.messageId)) ?? null;
  }

  private inMemory(): boolean {
    return !this.store.claimInbound && typeof this.store.pendingInboundById === 'function';
  }

  /** Whether every waiting message is one this instance accepted (the oldest waiting one is). */
  private async nothingLeftOver(): Promise<boolean> {
    const [oldest] = await this.store.pendingInbound(1, 'arrival');
    return !oldest || (this.firstAccepted !== null && oldest.messageId >= this.firstAccepted);
  }
}
