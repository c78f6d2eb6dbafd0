import type { ConversationRef } from '../types/conversation';

type UserRef = Pick<ConversationRef, 'channel' | 'userId'>;

/** One message of a round: its id, its user, its rank among that user's waiting messages and how many wait. */
export type QueuedTurn = { messageId: number; ref: UserRef; rank: number; waiting: number };

/** A user's waiting message ids, oldest first, from `head` on (the ones before it have run). */
type UserQueue = { ref: UserRef; ids: number[]; head: number };

/**
 * The messages this instance accepted and has not answered yet, in memory, in the order of the store's fair
 * query (round robin over users by rank, users with fewer messages waiting first within a rank, then by id).
 * Building a round from it costs about its length plus sorting the users; the same order read from the
 * database sorted every waiting message, and under overload, where the queue holds thousands and every light
 * user's message starts a new round, that sorting took a tenth of the time the turns had.
 */
export class FairQueue {
  private readonly users = new Map<string, UserQueue>();
  private readonly userOf = new Map<number, string>();

  /** Messages queued. */
  get size(): number {
    return this.userOf.size;
  }

  /** Queue a message; a message already queued is left as it is. */
  add(messageId: number, ref: UserRef): void {
    if (this.userOf.has(messageId)) return;
    const key = `${ref.channel}:${ref.userId}`;
    let user = this.users.get(key);
    if (!user) {
      user = { ref: { channel: ref.channel, userId: ref.userId }, ids: [], head: 0 };
      this.users.set(key, user);
    }
    // Ids come in ascending order; one that comes late still goes in its place (a conversation runs in arrival order).
    let i = user.ids.length;
    user.ids.push(messageId);
    for (; i > user.head && user.ids[i - 1] > messageId; i--) user.ids[i] = user.ids[i - 1];
    user.ids[i] = messageId;
    this.userOf.set(messageId, key);
  }

  /** A message ran or is no longer waiting; unknown ids are ignored. */
  remove(messageId: number): void {
    const key = this.userOf.get(messageId);
    if (key === undefined) return;
    this.userOf.delete(messageId);
    const user = this.users.get(key) as UserQueue;
    if (user.ids[user.head] === messageId) user.head += 1;
    else user.ids.splice(user.ids.indexOf(messageId, user.head), 1);
    if (user.head === user.ids.length) this.users.delete(key);
    else if (user.head >= 64 && user.head * 2 >= user.ids.length) {
      // Drop the ids that ran once they are half of the array: removal stays O(1) on average.
      user.ids = user.ids.slice(user.head);
      user.head = 0;
    }
  }

  /** The next `size` messages in the fair order: every user's oldest, then every user's second... */
  round(size: number): QueuedTurn[] {
    const turns: QueuedTurn[] = [];
    let layer = [...this.users.values()];
    for (let rank = 1; turns.length < size && layer.length > 0; rank++) {
      const at = rank - 1;
      layer = layer.filter((u) => u.ids.length - u.head > at);
      layer.sort((a, b) => a.ids.length - a.head - (b.ids.length - b.head) || a.ids[a.head + at] - b.ids[b.head + at]);
      for (const user of layer) {
        if (turns.length === size) break;
        turns.push({ messageId: user.ids[user.head + at], ref: user.ref, rank, waiting: user.ids.length - user.head });
      }
    }
    return turns;
  }
}
