import type { PendingInbound } from '../store/store';
import type { ConversationRef } from '../types/conversation';

/** Turns fetched per round while the queue is short. */
const ROUND = 32;
/** The longest round, whatever the queue. */
const MAX_ROUND = 1024;
/** Turns a round runs before a re-fetch for a lighter user's message: the query's cost is spread over at least these. */
const MIN_ROUND = 8;

type UserRef = Pick<ConversationRef, 'channel' | 'userId'>;

/**
 * The rounds of the fair turn order (the store's round robin over users). A longer queue is fetched in
 * rounds of an eighth of it: the fair query reads every waiting message, so rounds of 32 from a queue of
 * 5,000 spent more time sorting the queue than running turns (rounds built in memory, see FairQueue, are cheap
 * but keep the same lengths, so both orders agree). A message that sorts before the end of the
 * current round (a light user's, when the round holds someone's second or later message) ends the round
 * early, so a light user still waits for a few turns, not for a long round.
 */
export class FairRounds {
  /** Where the round's last message sorts: its rank among its user's waiting messages, and their count. */
  private end = { rank: 0, waiting: 0 };
  private stale = false;

  /** How many pending messages the next round fetches when `queued` wait. */
  size(queued: number): number {
    return Math.min(MAX_ROUND, Math.max(ROUND, Math.ceil(queued / 8)));
  }

  /** A round started that ends with the message of rank `end.rank` among `end.waiting` of its user's. */
  started(end: { rank: number; waiting: number }): void {
    this.end = { rank: end.rank, waiting: end.waiting };
    this.stale = false;
  }

  /** Where a round read from the store ends; `waitingOf` tells how many messages of a user wait. */
  static endOf(batch: PendingInbound[], waitingOf: (ref: UserRef) => number): { rank: number; waiting: number } {
    const last = batch[batch.length - 1].message.ref;
    return {
      rank: batch.filter((p) => p.message.ref.userId === last.userId && p.message.ref.channel === last.channel).length,
      waiting: waitingOf(last),
    };
  }

  /** A message was queued whose user now has `waiting` messages waiting: that is its rank, and its id is the largest. */
  queued(waiting: number): void {
    if (waiting < this.end.rank || (waiting === this.end.rank && waiting < this.end.waiting)) this.stale = true;
  }

  /** Whether the round should stop before turn `index` of it and fetch again (the rest stays pending). */
  refetchBefore(index: number): boolean {
    return this.stale && index >= MIN_ROUND;
  }
}
