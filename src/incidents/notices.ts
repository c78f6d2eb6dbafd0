import { agentSay } from '../handoff/agent-messages';
import { ticketContext } from '../sla/escalation';
import { hasEvent, type TicketTurnContext, type TicketTurnPlan } from '../tickets/ticket-turn';
import type { MajorIncident } from '../store/incident-store';
import type { User } from '../store/store';
import type { Priority, Ticket, TicketStatus } from '../types/ticket';
import { incidentSay, resolvedParams } from './incident-messages';

/** Statuses in which no agent has the ticket yet: linking to a major incident puts it in their queue. */
const NOT_WITH_AGENTS: readonly TicketStatus[] = ['new', 'open', 'reopened'];
const FINISHED: readonly TicketStatus[] = ['resolved', 'closed'];

/** What the link notice needs besides the ticket turn context. */
export type LinkNotice = {
  incident: MajorIncident;
  /** Set on the tickets that opened the incident: the agents' alert with the whole cluster. */
  opened?: { tickets: string[]; reporters: number };
  priorityFrom: Priority;
  user: User | null;
  recent: Ticket[];
  now: string;
  /** The agent who linked the ticket from the console (detected links have none). */
  by?: string;
};

/**
 * Tell a reporter their ticket is part of a known problem, record the link (and the agents' alert), and
 * escalate it if no agent has it yet, so it shows in the console queue. Once per incident and ticket.
 */
export function linkPlan(ctx: TicketTurnContext, notice: LinkNotice): TicketTurnPlan | null {
  const { ticket, conversation, events } = ctx;
  const mi = notice.incident.number;
  if (hasEvent(events, 'major_incident_linked', { majorIncident: mi })) return null;
  const planned: TicketTurnPlan['events'] = [];
  if (notice.opened) {
    planned.push({ kind: 'major_incident_opened', data: { majorIncident: mi, title: notice.incident.title, category: notice.incident.category, ...notice.opened } });
  }
  planned.push({ kind: 'major_incident_linked', data: {
    majorIncident: mi, title: notice.incident.title, priorityFrom: notice.priorityFrom, priorityTo: ticket.priority, ...(notice.by ? { by: notice.by } : {}) } });
  const escalate = NOT_WITH_AGENTS.includes(ticket.status);
  if (escalate) planned.push({ kind: 'escalated', data: { ...ticketContext(ticket, conversation, notice.user, notice.recent, 'priority'), majorIncident: mi } });
  return {
    fields: escalate ? { status: 'escalated', escalatedAt: notice.now } : undefined,
    events: planned,
    outbound: [{ kind: 'text', text: incidentSay(conversation.lang, 'linked', { mi, ticket: ticket.number }) }],
    phase: escalate && conversation.state.phase === 'ticket_open' ? 'escalated' : undefined,
  };
}

/**
 * Tell a reporter the major incident is fixed, on their own conversation, and resolve the ticket. When the
 * ticket is the one the conversation is about, ask "is it working again?" (the bot's confirmation step
 * closes or reopens it); otherwise a plain note. A ticket already resolved or closed only gets the note.
 */
export function resolvePlan(ctx: TicketTurnContext, incident: MajorIncident, now: string): TicketTurnPlan | null {
  const { ticket, conversation, events, current } = ctx;
  const mi = incident.number;
  if (hasEvent(events, 'major_incident_resolved', { majorIncident: mi })) return null;
  const lang = conversation.lang;
  const params = { mi, ticket: ticket.number, ...resolvedParams(lang, incident.title, incident.resolution ?? '') };
  const active = !FINISHED.includes(ticket.status);
  const resolvedEvent = { kind: 'major_incident_resolved', data: { majorIncident: mi, resolution: incident.resolution } };
  if (!active) return { events: [resolvedEvent], outbound: [{ kind: 'text', text: incidentSay(lang, 'resolvedNote', params) }] };
  const ask = current;
  return {
    fields: { status: 'resolved', resolvedAt: now },
    events: [resolvedEvent, { kind: 'resolved', data: { note: incident.resolution, rootCause: null, majorIncident: mi } }],
    outbound: [ask
      ? { kind: 'choice', text: incidentSay(lang, 'resolvedAsk', params), choices: [{ value: 'yes', label: agentSay(lang, 'yes') }, { value: 'no', label: agentSay(lang, 'no') }] }
      : { kind: 'text', text: incidentSay(lang, 'resolvedNote', params) }],
    mode: ask ? 'bot' : undefined,
    phase: ask ? 'awaiting_confirmation' : undefined,
  };
}
