import type { ContextPackage } from '../../src/handoff/context';
import type { User } from '../../src/store/store';
import type { Ticket, TicketEvent } from '../../src/types/ticket';
import type { OutboundMessage } from '../../src/types/conversation';
import { TIER2_ACTIONS, type EscalationSummary } from './slack-tier2';

const REASONS: Record<string, string> = {
  requested: 'the user asked for a person', max_retries: 'the bot could not understand', priority: 'high priority',
  security: 'security issue', kb_failed: 'articles did not help', sla_breach: 'SLA breached', agent: 'passed on by an agent',
  self_service: 'self-service could not finish it (see the request events)',
};

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The context summary of an `escalated` event (Markdown): reason, summary, answers, classification, articles tried. */
export function contextMarkdown(data: Partial<ContextPackage>): string {
  const lines: string[] = [];
  if (data.summary) lines.push(data.summary);
  if (data.reason) lines.push(`**Why escalated:** ${REASONS[data.reason] ?? data.reason}`);
  const answers = Object.entries(data.answers ?? {}).filter(([, v]) => String(v).trim());
  if (answers.length) lines.push(`**Answers:**\n${answers.map(([k, v]) => `• ${k}: ${clip(String(v), 300)}`).join('\n')}`);
  const c = data.classification;
  if (c) lines.push(`**Classification:** ${c.category} / ${c.type} (confidence ${Math.round((c.confidence ?? 0) * 100)}%)`);
  const tried = data.kbTried ?? [];
  const verdict = (h: boolean | null) => (h === null ? 'no answer' : h ? 'helpful' : 'not helpful');
  lines.push(`**Articles tried:** ${tried.length ? tried.map((k) => `${k.id} (${verdict(k.helpful)})`).join(', ') : 'none'}`);
  const recent = data.recentTickets ?? [];
  if (recent.length) lines.push(`**Recent tickets:** ${recent.map((t) => `${t.number} ${clip(t.summary, 60)} (${t.status})`).join('; ')}`);
  return lines.join('\n');
}

/** What the tier-2 channel shows for an escalated ticket. */
export function escalationSummary(ticket: Ticket, event: TicketEvent, user: User | null, consoleUrl?: string): EscalationSummary {
  const data = event.data as Partial<ContextPackage>;
  const requester = data.requester ?? { name: user?.name, email: user?.email, department: user?.department, channel: user?.channel ?? 'unknown' };
  return {
    ticketNumber: ticket.number, summary: ticket.summary, priority: ticket.priority, category: ticket.category,
    requester, context: contextMarkdown(data), ...(consoleUrl ? { consoleUrl } : {}),
  };
}

/** Longest card body: the escalation must stay one post (its ts is the thread), and a section holds 3,000 characters. */
const CARD_TEXT_MAX = 2800;

/**
 * The escalation post as a card the outbox carries: summary and context (Markdown, user text included; the
 * Slack renderer escapes it), requester fields, the console link and the Take over / Resolve buttons.
 */
export function escalationCard(s: EscalationSummary, live?: { status: string; owner: string | null }): OutboundMessage {
  const who = [s.requester.name, s.requester.email, s.requester.department].filter(Boolean).join(' · ');
  // A resolved or closed ticket's card keeps no buttons: nothing is left to take over or resolve.
  const done = live !== undefined && (live.status === 'resolved' || live.status === 'closed');
  return {
    kind: 'card',
    title: `${s.ticketNumber} · ${s.priority} · ${s.category}`.slice(0, 150),
    text: clip(`**${oneLine(s.summary)}**\n${s.context}`, CARD_TEXT_MAX),
    fields: [
      { label: 'Requester', value: who || 'unknown' }, { label: 'Channel', value: s.requester.channel },
      ...(live ? [{ label: 'Status', value: STATUS[live.status] ?? live.status }, { label: 'Owner', value: live.owner ?? 'nobody yet' }] : []),
    ],
    links: s.consoleUrl ? [{ label: 'Open in the console', url: s.consoleUrl }] : [],
    choices: done ? [] : [{ value: TIER2_ACTIONS.takeOver, label: 'Take over' }, { value: TIER2_ACTIONS.resolve, label: 'Resolve' }],
  };
}

const STATUS: Record<string, string> = {
  new: 'new', open: 'open', pending_user: 'waiting for the user', escalated: 'escalated, waiting for an agent', in_progress: 'in progress',
  resolved: 'resolved, waiting for the user to confirm', closed: 'closed', reopened: 'reopened',
};

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const agentName = (actor: string) => actor.replace(/^agent:/, '');

/**
 * The thread line (Markdown; user text is escaped when it is rendered for Slack) for a ticket event worth
 * telling the agents, or null. Replies and notes made in Slack are not mirrored: the thread shows them already.
 */
export function mirrorLine(event: TicketEvent, ticket: Ticket, requesterName: string): string | null {
  const who = `**${oneLine(requesterName)}**`;
  const text = typeof event.data.text === 'string' ? clip(event.data.text, 2800) : '';
  switch (event.kind) {
    case 'user_message':
    case 'user_comment':
      return `:speech_balloon: ${who}: ${text}`;
    case 'reopened':
      return `:leftwards_arrow_with_hook: ${who} says it is not fixed, ${ticket.number} is reopened: ${text}`;
    case 'closed':
      return `:white_check_mark: ${who} confirmed the fix; ${ticket.number} is closed.`;
    case 'auto_closed':
      return `:white_check_mark: ${ticket.number} was closed automatically: no answer to "Is it fixed?".`;
    case 'csat':
      return `:star: ${who} rated the help ${String(event.data.score)}/5${event.data.comment ? `: ${clip(String(event.data.comment), 500)}` : ''}`;
    case 'taken_over':
      return `:raising_hand: ${agentName(event.actor)} took over ${ticket.number}.`;
    case 'resolved':
      return `:heavy_check_mark: ${agentName(event.actor)} resolved ${ticket.number}; the user is asked "Is it fixed?".`;
    case 'transferred':
      return `:arrow_right_hook: ${ticket.number} was passed to ${String(event.data.toAgent ?? event.data.toGroup ?? 'another team')} (by ${agentName(event.actor)}).`;
    case 'released':
      return `:robot_face: ${ticket.number} was handed back to the bot by ${agentName(event.actor)}.`;
    case 'escalated':
      return `:rotating_light: ${ticket.number} was escalated again (${REASONS[String(event.data.reason)] ?? 'no reason given'}).`;
    default:
      return null;
  }
}
