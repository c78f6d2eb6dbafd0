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
 * 5,000 spent more time sorting the queue than running turns. A message that sorts before the end of the
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

  /** A round was fetched; `waitingOf` tells how many messages of a user wait. */
  started(batch: PendingInbound[], waitingOf: (ref: UserRef) => number): void {
    const last = batch[batch.length - 1].message.ref;
    this.end = {
      rank: batch.filter((p) => p.message.ref.userId === last.userId && p.message.ref.channel === last.channel).length,
      waiting: waitingOf(last),
    };
    this.stale = false;
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
