import { detectLang, hasLanguageSignal } from '../lang';
import type { Conversation, ConversationMode, TicketChange, TurnCommit, User } from '../store/store';
import type { ChannelCapabilities } from '../types/channel';
import type { InboundMessage, Lang, OutboundMessage } from '../types/conversation';
import type { Category, Impact, Priority, Ticket, TicketType, Urgency } from '../types/ticket';
import { parseCommand } from './commands';
import { categoryLabel, say, statusLabel, typeLabel } from './messages';
import { readState, type BotState } from './state';

/** What the classifier says about a description. */
export type Classification = { category: Category; type: TicketType; confidence: number; impact: Impact; urgency: Urgency; priority: Priority };

/** Everything a turn may consult, injected so that the decision is a pure function. */
export interface TurnDeps {
  now: Date;
  classify(text: string): Classification;
  dueTimes(priority: Priority, from: Date): { responseDueAt: string; resolveDueAt: string };
  formatTime(iso: string, lang: Lang): string;
  describeDuration(ms: number, lang: Lang): string;
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
};

/** The decision: new state, ticket changes, audit events and replies, committed together by the shell. */
export type TurnDecision = Omit<TurnCommit, 'conversationId' | 'expectedVersion' | 'inboundMessageId' | 'now'> & { outcome: string };

type Draft = { state: BotState; lang: Lang; mode: ConversationMode };

/** Decide one turn. Pure: same context and deps, same decision. */
export function decideTurn(ctx: TurnContext, deps: TurnDeps): TurnDecision {
  const text = ctx.message.text.trim();
  const lang = hasLanguageSignal(text) ? detectLang(text, ctx.conversation.lang) : ctx.conversation.lang;
  const draft: Draft = { state: readState(ctx.conversation.state), lang, mode: ctx.conversation.mode };
  const command = parseCommand(text);
  if (command?.kind === 'status') return statusTurn(ctx, draft, command.ticketNumber);
  if (command?.kind === 'help') return reply(draft, 'help', [text_(say(lang, 'help'))]);
  if (command?.kind === 'new') return reply({ ...draft, state: { ...draft.state, phase: 'awaiting_description' } }, 'new', [text_(say(lang, 'newProblem'))]);
  if (command?.kind === 'greeting' || text === '') return greetTurn(ctx, draft);
  if (draft.state.phase === 'ticket_open' && ctx.currentTicket) return commentTurn(ctx, draft, ctx.currentTicket, text);
  return openTicketTurn(ctx, draft, text, deps);
}

function greetTurn(ctx: TurnContext, draft: Draft): TurnDecision {
  const first = ctx.user.name?.split(/\s+/)[0];
  const name = first ? (draft.lang === 'zh' ? `，${first}` : ` ${first}`) : '';
  const state: BotState = { ...draft.state, greeted: true, phase: draft.state.phase === 'ticket_open' ? 'ticket_open' : 'awaiting_description' };
  return reply({ ...draft, state }, 'greeting', [text_(say(draft.lang, 'greeting', { name }))]);
}

function statusTurn(ctx: TurnContext, draft: Draft, number: string | undefined): TurnDecision {
  const { lang } = draft;
  if (number) {
    const ticket = ctx.mentionedTickets[number];
    if (!ticket) return reply(draft, 'status_not_found', [text_(say(lang, 'ticketNotFound', { ticket: number }))]);
    return reply(draft, 'status', [text_(describeTicket(ticket, lang))]);
  }
  if (ctx.recentTickets.length === 0) return reply(draft, 'status_none', [text_(say(lang, 'noTickets'))]);
  const list = ctx.recentTickets.map((t) => `• ${t.number}: ${t.summary} (${statusLabel(t.status, lang)})`).join('\n');
  return reply(draft, 'status_list', [text_(say(lang, 'ticketList', { list }))]);
}

/** One ticket's status in the user's language. */
export function describeTicket(ticket: Ticket, lang: Lang): string {
  return say(lang, 'ticketStatus', {
    ticket: ticket.number,
    summary: ticket.summary,
    status: statusLabel(ticket.status, lang),
    priority: ticket.priority,
    createdAt: ticket.createdAt.slice(0, 16).replace('T', ' '),
  });
}

function commentTurn(ctx: TurnContext, draft: Draft, ticket: Ticket, text: string): TurnDecision {
  return {
    ...draft,
    outcome: 'comment',
    tickets: [],
    events: [{ ticketId: ticket.id, actor: `user:${ctx.user.id}`, kind: 'user_comment', data: { text } }],
    outbound: [text_(say(draft.lang, 'addedToTicket', { ticket: ticket.number }))],
  };
}

function openTicketTurn(ctx: TurnContext, draft: Draft, text: string, deps: TurnDeps): TurnDecision {
  const { lang } = draft;
  const c = deps.classify(text);
  const due = deps.dueTimes(c.priority, deps.now);
  const change: TicketChange = {
    kind: 'open',
    draft: {
      type: c.type === 'question' ? 'service_request' : c.type,
      category: c.category,
      impact: c.impact,
      urgency: c.urgency,
      priority: c.priority,
      summary: summarize(text),
      description: text,
      lang,
      classification: { category: c.category, type: c.type, confidence: c.confidence },
      responseDueAt: due.responseDueAt,
      resolveDueAt: due.resolveDueAt,
    },
  };
  const ack = say(lang, 'ticketOpened', {
    kind: typeLabel(c.type === 'incident' ? 'incident' : 'service_request', lang),
    priority: c.priority,
    category: categoryLabel(c.category, lang),
    within: deps.describeDuration(Date.parse(due.responseDueAt) - deps.now.getTime(), lang),
    dueAt: deps.formatTime(due.responseDueAt, lang),
  });
  return {
    ...draft,
    state: { ...draft.state, phase: 'ticket_open' },
    outcome: 'ticket_opened',
    tickets: [change],
    events: [{ ticketId: 'new', actor: 'bot', kind: 'opened', data: { channel: ctx.message.ref.channel, classification: c } }],
    outbound: [text_(ack)],
  };
}

/** First sentence of the description, at most 120 characters. */
export function summarize(text: string): string {
  const first = text.replace(/\s+/g, ' ').trim().split(/(?<=[.!?。！？])\s*/)[0] ?? text;
  return first.length > 120 ? `${first.slice(0, 117)}...` : first || '(no description)';
}

function reply(draft: Draft, outcome: string, outbound: OutboundMessage[]): TurnDecision {
  return { ...draft, outcome, tickets: [], events: [], outbound };
}

function text_(text: string): OutboundMessage {
  return { kind: 'text', text };
}
