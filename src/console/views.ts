import type { Agent, AgentStore } from '../store/agent-store';
import type { Store } from '../store/store';
import type { Ticket } from '../types/ticket';
import { FINISHED, canSee, owns } from '../handoff/agent-permissions';
import { loggedContext, priorityWhy, withNotes } from './ticket-context';
import { mergedParts } from './merged-view';
import { transcriptFiles } from './file-route';

/** One line of the queue. */
export type QueueItem = Pick<Ticket, 'number' | 'summary' | 'priority' | 'status' | 'category' | 'agentId' | 'responseDueAt' | 'createdAt'
  | 'resolveDueAt' | 'firstResponseAt' | 'escalatedAt' | 'tags'> & {
  group: string | null;
  /** When the requester last wrote on the ticket (given for the asking agent's own tickets; notifications). */
  lastUserAt?: string | null;
  /** Wall time of the ticket's ended SLA pauses, left out of its countdown. */
  pausedMs?: number;
  /** The asking agent watches the ticket; `lastActivityAt` is its last reply or status change by someone else. */
  watched?: boolean;
  lastActivityAt?: string | null;
};

/** A ticket as the queue lists it. */
export function queueItem(t: Ticket): QueueItem {
  return {
    number: t.number, summary: t.summary, priority: t.priority, status: t.status, category: t.category,
    group: t.group ?? null, agentId: t.agentId, responseDueAt: t.responseDueAt, createdAt: t.createdAt,
    resolveDueAt: t.resolveDueAt, firstResponseAt: t.firstResponseAt, escalatedAt: t.escalatedAt, tags: t.tags,
  };
}

/**
 * Everything the ticket view shows: the ticket, its audit log, the transcript with delivery states
 * (failed deliveries show), the requester and their last tickets, and the escalation's context package.
 */
export async function ticketView(store: Store, ticket: Ticket, agent: Agent, customers?: Pick<AgentStore, 'customerProfile'>) {
  const [events, transcript, requester, profile] = await Promise.all([
    store.ticketEvents(ticket.id),
    store.transcript(ticket.conversationId),
    store.getUser(ticket.requesterId),
    customers?.customerProfile(ticket.requesterId, 11) ?? null,
  ]);
  const history = profile?.tickets ?? (await store.ticketsForUser(ticket.requesterId, 11));
  const merged = await mergedParts(store, ticket, events);
  const byTime = <T extends { at?: string; createdAt?: string }>(a: T, b: T) => ((a.at ?? a.createdAt ?? '') < (b.at ?? b.createdAt ?? '') ? -1 : 1);
  const escalation = [...events].reverse().find((e) => e.kind === 'escalated');
  const active = !FINISHED.includes(ticket.status);
  return {
    ticket,
    events: [...events.map(({ id, at, actor, kind, data }) => ({ id, at, actor, kind, data })), ...merged.events].sort(byTime),
    watchers: merged.watchers,
    transcript: withNotes([...merged.lines, ...transcript.map((m) => ({
      id: String(m.id), direction: m.direction as string, text: m.text, author: m.author, delivery: m.delivery as string | null, createdAt: m.createdAt,
      // Replies of agents are stored as the bot's deliveries; their payload names the agent.
      agent: m.direction === 'out' ? ((m.payload as { agent?: string } | null)?.agent ?? null) : null,
      files: transcriptFiles(ticket.number, m.payload),
      internal: false,
    }))], events),
    requester: requester && {
      id: requester.id, name: requester.name ?? null, email: requester.email ?? null, department: requester.department ?? null, channel: requester.channel,
    },
    // The same person's accounts on other channels (matched by e-mail address), for the customer view.
    identities: (profile?.identities ?? []).map(({ channel, handle }) => ({ channel, handle })),
    // Another group's ticket may be sensitive (a security report): its number and status only.
    requesterTickets: history.filter((t) => t.id !== ticket.id).slice(0, 10).map((t) => ({
      number: t.number, status: t.status, priority: t.priority, createdAt: t.createdAt, summary: canSee(agent, t) ? t.summary : null,
    })),
    context: escalation ? { at: escalation.at, ...escalation.data, ...priorityWhy(ticket) } : loggedContext(ticket),
    can: {
      takeOver: active && (ticket.agentId === null || agent.role === 'admin' || ticket.agentId === agent.id),
      act: active && owns(agent, ticket),
      note: owns(agent, ticket),
      edit: ticket.status !== 'closed' && (ticket.agentId === null || owns(agent, ticket)),
      merge: ticket.status !== 'closed' && (ticket.agentId === null || owns(agent, ticket)),
    },
  };
}
