import type { ConversationRef, InboundMessage, Lang, OutboundMessage, UserProfile } from '../types/conversation';
import type { Ticket, TicketDraft, TicketEvent, TicketStatus } from '../types/ticket';

/** Who owns the conversation: the bot, a human agent, or nobody (closed). */
export type ConversationMode = 'bot' | 'agent' | 'closed';

/** A conversation as stored; `state` is the engine's JSON (dialog progress, pending question...). */
export type Conversation = {
  id: number;
  ref: ConversationRef;
  userId: number;
  mode: ConversationMode;
  lang: Lang;
  state: Record<string, unknown>;
  ticketId: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
};

/** A person on one channel. */
export type User = UserProfile & { id: number; channel: string; platformUserId: string; lang: Lang | null };

/** A stored message: inbound from the user or outbound from the bot or an agent. */
export type StoredMessage = {
  id: number;
  conversationId: number;
  direction: 'in' | 'out';
  text: string;
  payload: unknown;
  author: string;
  /** The delivery of an outbound message; clients deduplicate on it. */
  outboxId: number | null;
  /** Delivery state of an outbound message (null for inbound). */
  delivery: OutboxRow['status'] | null;
  createdAt: string;
};

/** One queued delivery. */
export type OutboxRow = {
  id: number;
  conversationId: number;
  ref: ConversationRef;
  message: OutboundMessage;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
};

/** Result of storing an inbound message. */
export type AcceptedInbound = { status: 'accepted' | 'duplicate'; messageId: number; conversationId: number };

/**
 * The inbound messages of all instances not answered yet (`waiting`), and how many inbound messages were
 * stored after message id `afterId` (`arrived`, 0 when none was given); `newestId` is the next call's afterId.
 */
export type InboundBacklog = { waiting: number; arrived: number; newestId: number };

/** An inbound message stored but whose turn has not committed yet. */
export type PendingInbound = { messageId: number; conversationId: number; message: InboundMessage };

/** Changes to a ticket made by one turn. */
export type TicketChange =
  | { kind: 'open'; draft: TicketDraft }
  | { kind: 'update'; ticketId: number; fields: Partial<Pick<Ticket, 'status' | 'agentId' | 'group' | 'priority' | 'resolvedAt' | 'closedAt' | 'escalatedAt' | 'csat' | 'firstResponseAt'
      | 'impact' | 'urgency' | 'category' | 'summary' | 'description' | 'slots' | 'responseDueAt' | 'resolveDueAt' | 'kbArticles' | 'lang' | 'tags'>> };

/** Everything one turn writes, applied in one transaction. */
export type TurnCommit = {
  conversationId: number;
  expectedVersion: number;
  /** The inbound message this turn answers; marked processed in the same transaction. */
  inboundMessageId?: number;
  mode: ConversationMode;
  lang: Lang;
  state: Record<string, unknown>;
  tickets: TicketChange[];
  /** Audit events; `ticketId: 'new'` refers to the ticket opened by this turn. */
  events: { ticketId: number | 'new'; actor: string; kind: string; data: Record<string, unknown> }[];
  /** Replies; the token `{ticket}` in any text is replaced by the number of the ticket opened by this turn. */
  outbound: OutboundMessage[];
  /** A knowledge gap this turn found: the user's problem (already redacted) had no article worth offering. */
  kbGap?: KbGap;
  /** A how-to the knowledge base answered (the user said it solved it): recorded instead of a ticket. */
  kbAnswer?: KbAnswer;
  /** The person's rating of the conversation's last knowledge-base answer, or the comment after it. */
  kbAnswerRating?: KbAnswerRating;
  /** What the user said about themselves (name, e-mail, department) for fields their record lacks. */
  userProfile?: UserProfile;
  now: string;
};

/** What is recorded about a search that found nothing good: the question (emails and phones masked), its language and area. */
export type KbGap = { query: string; lang: Lang; category?: string };

/** A question answered by articles: which ones, in which language and area (no user text). */
export type KbAnswer = { lang: Lang; category?: string; articles: string[] };

/** A 1-5 rating of a question the articles answered and/or the comment that goes with it (a field not given is left as it was). */
export type KbAnswerRating = { score?: number; comment?: string };

/** What a committed turn produced. */
export type TurnResult = { conversation: Conversation; openedTicket: Ticket | null; outboxIds: number[] };

/**
 * Durable state. Promise-returning although SQLite is synchronous, so a PostgreSQL store can pass
 * the same contract suite (test/store/store-contract.ts).
 */
/**
 * `takeOver: false`: a row another dispatcher claimed stays its own even after the lease ran out. A dispatcher
 * that was cut off from the database (an outage, or its own start) uses it for one lease: an owner that is
 * alive but could not renew meanwhile (its send may be out, or sent and not yet recorded) gets its claim back first.
 */
export type OutboxClaimOptions = { takeOver?: boolean };

export interface Store {
  /** Dedupe on (channel, platformMessageId); store user, conversation and message in one transaction. */
  acceptInbound(message: InboundMessage, now: string): Promise<AcceptedInbound>;
  /**
   * Inbound messages stored but not yet answered (after a crash, or queued), oldest first; `fair`: round robin over users (each user's oldest message first, then each one's second...), so one
   * user's flood cannot delay everyone else (within a round, users with fewer messages waiting first); a
   * conversation's own messages stay in arrival order either way.
   */
  pendingInbound(limit: number, order?: 'arrival' | 'fair'): Promise<PendingInbound[]>;
  /**
   * One inbound message if it is still unanswered, else null: the engine keeps the fair order of the messages
   * it accepted in memory and reads each one just before its turn, instead of sorting the whole queue again
   * for every round. Absent on stores whose instances claim their turns (claimInbound).
   */
  pendingInboundById?(id: number): Promise<PendingInbound | null>;
  /**
   * Several instances on one database (PostgreSQL): claim up to `limit` messages to run, each the oldest
   * unanswered one of its conversation and not claimed by another instance whose lease (`leaseMs` from `now`)
   * still runs; oldest first. A conversation's next message is only handed out once its turn committed, so
   * its turns run one at a time and in arrival order whichever instance accepted them. Absent on SQLite,
   * where one process owns the file and `pendingInbound` is enough.
   */
  claimInbound?(now: string, limit: number, leaseMs: number): Promise<PendingInbound[]>;
  /**
   * Several instances (PostgreSQL): extend this store's claims on these unanswered messages to `leaseMs` from
   * `now`, so a round whose turns outlast the lease is not run a second time by another instance. Returns how
   * many claims were still ours. Absent on SQLite (one process per file claims nothing).
   */
  renewInboundClaims?(ids: number[], now: string, leaseMs: number): Promise<number>;
  /**
   * Several instances (PostgreSQL): the backlog all instances drain, for admission (see SharedBacklog). Cheap
   * (a partial index holds exactly the unanswered messages); called at most a few times a second per instance.
   */
  inboundBacklog?(afterId: number | null): Promise<InboundBacklog>;
  getConversation(id: number): Promise<Conversation | null>;
  /** The conversation a platform reference points at, if it exists. */
  findConversation(ref: Pick<ConversationRef, 'channel' | 'conversationId' | 'threadId'>): Promise<Conversation | null>;
  getUser(id: number): Promise<User | null>;
  /** The person a channel knows by `platformUserId` (Slack user id, mail address), if they ever wrote. */
  findUser(channel: string, platformUserId: string): Promise<User | null>;
  /** Fill in a user's profile learnt after their message was stored (fields not given are kept). */
  updateUserProfile(userId: number, profile: UserProfile, now: string): Promise<void>;
  /** Apply a turn atomically; throws ConflictError if the conversation version moved. */
  commitTurn(commit: TurnCommit): Promise<TurnResult>;
  getTicketByNumber(number: string): Promise<Ticket | null>;
  getTicket(id: number): Promise<Ticket | null>;
  /** Tickets the user opened, newest first. */
  ticketsForUser(userId: number, limit: number): Promise<Ticket[]>;
  ticketEvents(ticketId: number): Promise<TicketEvent[]>;
  transcript(conversationId: number, afterId?: number): Promise<StoredMessage[]>;
  /** Outbox rows due at `now`, oldest first, at most one per conversation (its oldest pending row). */
  dueOutbox(now: string, limit: number): Promise<OutboxRow[]>;
  /**
   * Like dueOutbox, but each row is also claimed for `leaseMs` in the same atomic write, so a second
   * dispatcher (another process) is not handed it: a row is sent by exactly one. mark* end the claim.
   */
  claimDueOutbox(now: string, limit: number, leaseMs: number, options?: OutboxClaimOptions): Promise<OutboxRow[]>;
  /**
   * Several instances (PostgreSQL): extend this store's claims on these rows to `leaseMs` from `now`, so a
   * short lease (a dead instance's rows move on within seconds) does not hand a slow send to another
   * dispatcher. Returns how many claims were still ours. Absent on SQLite (one dispatcher per file).
   */
  renewOutboxClaims?(ids: number[], now: string, leaseMs: number): Promise<number>;
  /** Mark a delivery sent and record it in the transcript, in one transaction. */
  markSent(outboxId: number, now: string): Promise<void>;
  /** Plan the next attempt; `countAttempt: false` when no call reached the platform (held back by its rate limit). */
  markRetry(outboxId: number, error: string, nextAttemptAt: string, options?: { countAttempt?: boolean }): Promise<void>;
  markFailed(outboxId: number, error: string): Promise<void>;
  countOutbox(status: OutboxRow['status']): Promise<number>;
  /** Earliest time a pending row becomes due, or null when the outbox is drained. */
  nextOutboxDue(): Promise<string | null>;
  close(): Promise<void>;
}

export type { TicketStatus };
