import type { OutboundMessage } from '../types/conversation';

/** Chat platforms whose tier-2 agents work in threads or cards of their own (channels/slack, feishu, wecom, teams). */
export type AgentPlatform = 'slack' | 'feishu' | 'wecom' | 'teams';

/** Platforms that link their users to console agents in a table (Teams agents are found by their work e-mail). */
export type LinkedPlatform = 'slack' | 'feishu';

/**
 * Where a ticket's escalation lives on a platform: `place` is the agents' channel or chat (WeCom: '@agents'),
 * `postId` the escalation post (Slack thread ts, Feishu message id, Teams activity id; null while the post waits in the outbox,
 * and always null on WeCom, whose cards are in WecomCardStore), `lastEventId` the mirror cursor.
 */
export type AgentThread = { ticketId: number; place: string; postId: string | null; lastEventId: number };

/**
 * One tier-2 post: the escalation card (a new post), a line in its thread, or the card again (updated in
 * place with the ticket's status, owner and priority).
 */
export type Tier2Row = { role: 'escalation' | 'thread' | 'card'; message: OutboundMessage };

/** Outbox rows just queued and the tier-2 conversation they belong to. */
export type Queued = { conversationId: number; outboxIds: number[] };

/** How a platform user became linked to a console agent. */
export type AgentLinkSource = 'manual' | 'email';

/**
 * Tier-2 escalation threads (ticket <-> post, with the mirror cursor) and links from platform users to console
 * agents, shared by Slack, Feishu, WeCom and Teams, on the one database every instance uses. Every tier-2 post is an
 * outbox row of one conversation per place (a stand-in user marked in broadcast_targets, so no broadcast counts
 * it as a person), so posts go out in order with the outbox's retries; no transcript copy is kept (the
 * requester's words stay in the requester's conversation, where an erasure reaches them).
 */
export interface AgentThreadStore {
  /** The ticket's escalation on `platform`, or null when it was never escalated there. */
  threadOf(platform: AgentPlatform, ticketId: number): Promise<AgentThread | null>;
  /**
   * Queue the escalation post and claim the ticket's thread in one transaction; null when the thread was
   * claimed already (by this or another instance): the post is then queued once.
   */
  queueEscalation(platform: AgentPlatform, ticket: { id: number; number: string }, place: string, card: OutboundMessage, lastEventId: number, now: string): Promise<Queued | null>;
  /**
   * Move the mirror cursor to `lastEventId` and queue `rows` together; null (nothing queued) when another
   * mirror moved the cursor there already, or when `rows` is empty.
   */
  queueFollowUps(platform: AgentPlatform, ticket: { id: number; number: string }, place: string, rows: Tier2Row[], lastEventId: number, now: string): Promise<Queued | null>;
  /**
   * Tickets escalated between `since` and `before` (event times) that have no escalation on `platform` and are
   * not closed: the process that committed the escalation stopped before it queued the post (a SIGKILL, a crash).
   */
  escalatedWithoutThread(platform: AgentPlatform, since: string, before: string): Promise<number[]>;
  /** Record the post the platform accepted for a ticket's escalation. */
  setPostId(platform: AgentPlatform, ticketNumber: string, postId: string): Promise<void>;
  /** The escalation post of a ticket, once made. */
  postIdOf(platform: AgentPlatform, ticketNumber: string): Promise<string | null>;
  /** The number of the ticket whose escalation post this is (in `place` when given), or null. */
  ticketForPost(platform: AgentPlatform, postId: string, place?: string): Promise<string | null>;
  /** The console agent a platform user is linked to. */
  agentIdFor(platform: LinkedPlatform, platformUserId: string): Promise<string | null>;
  /** The platform user linked to a console agent. */
  platformUserFor(platform: LinkedPlatform, agentId: string): Promise<string | null>;
  /**
   * Link a platform user to an agent; a new link replaces the user's previous one. Refused (an Error naming
   * the other user) when the agent is linked to someone else already.
   */
  link(platform: LinkedPlatform, platformUserId: string, agentId: string, source: AgentLinkSource, now: string): Promise<void>;
}
