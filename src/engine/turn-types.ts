import type { HazardKind } from '../understand/hazard';
import type { DialogRegistry } from '../dialog/registry';
import type { Conversation, ConversationMode, TurnCommit, User } from '../store/store';
import type { ChannelCapabilities } from '../types/channel';
import type { InboundMessage, Lang, OutboundMessage } from '../types/conversation';
import type { Category, Impact, Priority, Ticket, TicketType, Urgency } from '../types/ticket';
import type { BotState } from './state';
import type { SecurityEvent } from './advice';

/** What the classifier and the priority estimate say about a description. */
export type Assessment = {
  category: Category;
  type: TicketType;
  /** Calibrated confidence of the category. */
  confidence: number;
  /** Confidence below the classifier's threshold: ask the user rather than guess (unless a dialog's keywords decide). */
  categoryUncertain: boolean;
  impact: Impact;
  urgency: Urgency;
  priority: Priority;
  /** A security event the message reports: the first reply gives containment advice, the ticket goes to security at once. */
  security?: SecurityEvent;
  /** A physical danger the message reports (a swollen battery, smoke): the first reply says how to be safe. */
  hazard?: HazardKind;
  /** Days until a deadline or start date the message names (0 = today): the response is due before it. */
  deadlineDays?: number;
};

/** The part of an article that answers the message: a section heading and its (trimmed) Markdown lines. */
export type KbAnswer = { heading: string; lines: string[]; more: boolean; errorLine?: string };

/** A knowledge-base article worth offering; `lang` is the version shown, `answer` the matching section. */
export type KbHit = { id: string; title: string; excerpt: string; url: string; lang?: Lang; answer?: KbAnswer };

/** Everything a turn may consult, injected so that the decision is a pure function. */
export interface TurnDeps {
  now: Date;
  assess(text: string): Assessment;
  /** Articles the offer model judges to answer the text (best first, at most 2; none for active attacks). */
  kbSearch(text: string, lang: Lang): KbHit[];
  dialogs: DialogRegistry;
  dueTimes(priority: Priority, from: Date): { responseDueAt: string; resolveDueAt: string };
  /** The tier-2 group that handles a category. */
  routeGroup(category: Category): string;
  formatTime(iso: string, lang: Lang): string;
  /** The person's time zone when their platform told it, else the desk's: for reading "Monday" or "before 3pm" (default UTC). */
  timeZone?: string;
  /** The promised first-response time of a priority in words ("within 4 business hours"). */
  responseTarget(priority: Priority, lang: Lang): string;
}

/** The facts the shell loads before deciding. */
export type TurnContext = {
  conversation: Conversation;
  user: User;
  message: InboundMessage;
  capabilities: ChannelCapabilities;
  /** Tickets the message names, by number; null when not found or not the user's. */
  mentionedTickets: Record<string, Ticket | null>;
  recentTickets: Ticket[];
  currentTicket: Ticket | null;
  /** Texts of the broadcasts in force ("Mail is down in Shanghai"), shown when a conversation starts. */
  activeBroadcasts: string[];
  /** Open major incidents: a new report about one of them is linked at once instead of questioned. */
  knownProblems: KnownProblem[];
  /** Display names of the agents owning the tickets above, by agent id. */
  agentNames?: Record<string, string>;
  /** What the directory says about the requester (when one is configured and the channel identifies them). */
  requester?: RequesterFacts;
};

/** Directory facts about the requester that feed slots, priority and routing. */
export type RequesterFacts = { vip: boolean; department?: string; manager?: string; office?: string };

/** An open major incident as a turn sees it. */
export type KnownProblem = {
  id: number; number: string; title: string; category: Category;
  /** The service's own words when monitoring opened it ("payroll", "工资系统"): naming one is enough. */
  keywords?: string | null;
};

/** The decision: new state, ticket changes, audit events and replies, committed together by the shell. */
export type TurnDecision = Omit<TurnCommit, 'conversationId' | 'expectedVersion' | 'inboundMessageId' | 'now'> & { outcome: string };

/** The parts of a decision every turn function builds on. */
export type Draft = { state: BotState; lang: Lang; mode: ConversationMode };

/** A decision that only replies. */
export function reply(draft: Draft, outcome: string, outbound: OutboundMessage[]): TurnDecision {
  return { ...draft, outcome, tickets: [], events: [], outbound };
}

/** A plain text message. */
export function textMessage(text: string): OutboundMessage {
  return { kind: 'text', text };
}
