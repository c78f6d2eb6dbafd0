import type { LiveBus } from '../cluster/live-bus';
import { z } from 'zod';
import type { ConversationRef, InboundMessage, OutboundMessage, ChannelName, UserProfile } from './conversation';
import type { Logger } from '../log';
import type { HttpRouter } from '../http/router';
import type { Store, StoredMessage } from '../store/store';
import type { StreamGate } from '../http/stream-gate';
import type { AdmitDecision } from '../engine/admission';

/** What a channel can show, as data, so the engine can plan (buttons in Slack, numbered list in mail). */
export const ChannelCapabilities = z.object({
  buttons: z.boolean(),
  cards: z.boolean(),
  threads: z.boolean(),
  /** Whether a form is answered in one reply (mail) rather than question by question. */
  forms: z.boolean(),
  maxTextLength: z.number().int().positive(),
  markdown: z.enum(['markdown', 'mrkdwn', 'html', 'plain']),
});
export type ChannelCapabilities = z.infer<typeof ChannelCapabilities>;

/** Result of handing an inbound message to the engine. */
export type AcceptResult = { status: 'accepted' | 'duplicate'; messageId: number };

/** What a channel receives when it starts. */
export interface ChannelContext {
  /**
   * Store the message durably (dedupe) and queue its turn; resolves once stored, before the turn runs.
   * `lateProfile`: the user's profile still being looked up; the turn waits for it, the ack does not.
   */
  accept(msg: InboundMessage, lateProfile?: Promise<UserProfile | undefined>): Promise<AcceptResult>;
  /** Messages of the conversation at `ref` after message id `afterId` (web chat history). */
  transcript(ref: Pick<ConversationRef, 'channel' | 'conversationId' | 'threadId'>, afterId?: number): Promise<StoredMessage[]>;
  /** Read-only lookups, e.g. the mail channel checks who may reply to a ticket by its subject tag. */
  lookup: Pick<Store, 'getTicketByNumber' | 'getTicket' | 'getConversation' | 'getUser' | 'findConversation' | 'findUser' | 'ticketsForUser'>;
  /** The last of the user's messages an agent has seen in the conversation at `ref` (null: none, or unknown). */
  readUpTo?(ref: Pick<ConversationRef, 'channel' | 'conversationId' | 'threadId'>): Promise<number | null>;
  /**
   * Resolves when HTTP requests have paused (or a burst has been held back long enough): work a channel
   * starts after an ack, such as Slack's users.info lookups, waits for it so the burst's acks go first.
   */
  ingressQuiet(): Promise<void>;
  /**
   * A request that arrived by another road than the HTTP server (Slack's Socket Mode): the gate holds
   * background work while it is answered. Call the result once it is acknowledged. Absent: nothing to report to.
   */
  ingressArrived?(): () => void;
  /**
   * Whether the engine can take another message from the user of `ref` now. Webhook channels ask before
   * reading a body and answer 503 with Retry-After when it says no (load shedding).
   */
  admit(ref: Pick<ConversationRef, 'channel' | 'userId'>): AdmitDecision;
  /** Caps, keep-alives and idle timeouts of server-sent event streams. */
  streams: StreamGate;
  /** A key for `purpose` derived from the installation's secret, stable across restarts (HMAC of session ids). */
  secret(purpose: string): Buffer;
  /** Router of the main HTTP server, for channels that receive webhooks. */
  router: HttpRouter;
  log: Logger;
  /** Live events to and from the other instances on the database (PostgreSQL); absent: this is the only one. */
  live?: LiveBus;
  /**
   * Run `job` on one instance of the cluster only, under the database lease `name` (a mailbox watcher: one
   * IMAP connection holder). Started at once; it moves to another instance within seconds when this one
   * dies. Absent in single-process tools and tests: then the channel runs the job itself.
   */
  exclusive?(name: string, job: { start(): void; stop(): Promise<void> }): { holds(): boolean; stop(): Promise<void> };
}

/** One platform. Transport only: it verifies, maps and sends; the engine decides. */
export interface ChannelAdapter {
  readonly name: ChannelName;
  readonly capabilities: ChannelCapabilities;
  start(ctx: ChannelContext): Promise<void>;
  stop(): Promise<void>;
  /** Deliver one message; `deliveryId` is stable across retries so a channel can deduplicate. */
  send(ref: ConversationRef, message: OutboundMessage, deliveryId: number): Promise<void>;
  /**
   * The dispatcher recorded delivery `deliveryId` as sent (right after `send`, or once the database took the
   * record again after an outage). The web chat tells its streams on other instances only then.
   */
  recorded?(ref: ConversationRef, message: OutboundMessage, deliveryId: number): void;
  /** Show the user that `agentName` is writing to them now (web chat: a typing line); channels without one omit it. */
  typing?(ref: ConversationRef, agentName: string): void;
  /** An agent has seen the user's messages up to message `messageId` (web chat: "Seen"); channels without it omit it. */
  read?(ref: ConversationRef, messageId: number): void;
}

export type { InboundMessage };
