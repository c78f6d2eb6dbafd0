import { ConflictError } from '../errors';
import { note, reply, resolve, type ActionResult } from '../handoff/agent-actions';
import type { Agent, AgentStore } from '../store/agent-store';
import type { Store, TicketChange, TurnResult } from '../store/store';
import { commitOnTicket } from '../tickets/ticket-turn';
import { priorityOf } from '../tickets/priority';
import { computeDueTimes, type SlaConfig } from '../tickets/sla';
import type { Category, Ticket } from '../types/ticket';
import { apiSay } from './api-messages';
import { ApiProblem } from './problem';
import type { CommentCreate, ResolveInput, TicketCreate, TicketUpdate, z } from './schemas';
import type { TicketQueryStore } from './ticket-query-store';

/** What the writes need: the store (every write is a turn commit), agents (assignees), SLA and routing. */
export type TicketWriteDeps = {
  store: Store;
  queries: TicketQueryStore;
  agentStore: AgentStore;
  sla: SlaConfig;
  routing: Partial<Record<Category, string>>;
  /** Called with every committed turn, so the dispatcher sends its replies at once (engine 'committed'). */
  committed: (result: TurnResult) => void;
};

/**
 * The token acting as an agent: an admin of no group, whose id names the token. Its actions go through
 * the agents' own functions (src/handoff/agent-actions.ts), so the audit actor is `agent:api:<token>`.
 */
export function apiAgent(tokenName: string, displayName?: string): Agent {
  return { id: `api:${tokenName}`, name: displayName ?? tokenName, role: 'admin', groups: [] };
}

const MAX_CONFLICT_RETRIES = 5;

/** Open a ticket on the requester's latest conversation on their channel; they are told its number there. */
export async function createTicket(deps: TicketWriteDeps, input: z.infer<typeof TicketCreate>, agent: Agent, now: Date): Promise<Ticket> {
  const conversationId = await deps.queries.latestConversationOf(input.requester.channel, input.requester.userId);
  if (conversationId === null) {
    throw new ApiProblem(422, 'unknown-requester', `requester ${input.requester.channel}:${input.requester.userId} has never written to the desk on that channel, so the desk cannot reach them there`);
  }
  const priority = input.priority ?? priorityOf(input.impact, input.urgency);
  const due = computeDueTimes(priority, now, deps.sla);
  for (let attempt = 0; ; attempt++) {
    const conversation = (await deps.store.getConversation(conversationId))!;
    const lang = input.lang ?? conversation.lang;
    const agentOwned = conversation.mode === 'agent';
    try {
      const result = await deps.store.commitTurn({
        conversationId: conversation.id,
        expectedVersion: conversation.version,
        // The new ticket becomes the conversation's current one: the user's next message goes to it.
        mode: agentOwned ? 'agent' : 'bot',
        lang: conversation.lang,
        state: agentOwned ? conversation.state : { ...conversation.state, phase: 'ticket_open' },
        tickets: [{ kind: 'open', draft: {
          type: input.type, category: input.category, impact: input.impact, urgency: input.urgency, priority, lang,
          summary: input.summary, description: input.description || input.summary, group: input.group ?? deps.routing[input.category],
          responseDueAt: due.responseDueAt, resolveDueAt: due.resolveDueAt, status: 'new',
        } }],
        events: [{ ticketId: 'new', actor: `agent:${agent.id}`, kind: 'opened', data: { channel: 'api' } }],
        outbound: [{ kind: 'text', text: apiSay(lang, 'loggedForYou', { ticket: '{ticket}', summary: input.summary }) }],
        now: now.toISOString(),
      });
      deps.committed(result);
      return result.openedTicket as Ticket;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= MAX_CONFLICT_RETRIES) throw error;
    }
  }
}

/** Change status, priority (due times follow), assignee or group; one `updated` event lists what changed. */
export async function updateTicket(deps: TicketWriteDeps, ticket: Ticket, input: z.infer<typeof TicketUpdate>, agent: Agent, now: Date): Promise<void> {
  if (input.assignee && !(await deps.agentStore.getAgent(input.assignee))) throw new ApiProblem(422, 'unknown-assignee', `assignee: no active agent ${input.assignee}`);
  const result = await commitOnTicket(deps.store, ticket.id, `agent:${agent.id}`, now, ({ ticket: t }) => {
    if (t.status === 'closed') throw new ApiProblem(409, 'ticket-closed', `${t.number} is closed; the requester reopens it by writing`);
    const fields: Extract<TicketChange, { kind: 'update' }>['fields'] = {};
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (input.status !== undefined && input.status !== t.status) {
      fields.status = input.status;
      if (input.status === 'closed') fields.closedAt = now.toISOString();
      changes.status = { from: t.status, to: input.status };
    }
    if (input.priority !== undefined && input.priority !== t.priority) {
      Object.assign(fields, { priority: input.priority }, computeDueTimes(input.priority, t.createdAt, deps.sla));
      changes.priority = { from: t.priority, to: input.priority };
    }
    if (input.assignee !== undefined && input.assignee !== t.agentId) {
      fields.agentId = input.assignee;
      changes.assignee = { from: t.agentId, to: input.assignee };
    }
    if (input.group !== undefined && input.group !== (t.group ?? null)) {
      fields.group = input.group ?? undefined;
      changes.group = { from: t.group ?? null, to: input.group };
    }
    if (Object.keys(changes).length === 0) return null;
    return { fields, events: [{ kind: 'updated', data: { changes } }] };
  });
  if (result) deps.committed(result);
}

/** A comment: sent to the requester on their channel as the agents' replies are, or an internal note. */
export async function commentOnTicket(deps: TicketWriteDeps, ticket: Ticket, input: z.infer<typeof CommentCreate>, agent: Agent, now: Date): Promise<ActionResult> {
  const write = input.internal ? note : reply;
  const done = await write(deps.store, ticket.number, agent, input.text, now, { colleague: true });
  deps.committed(done.result);
  return done;
}

/** Resolve and ask the requester "Is it fixed?", exactly as an agent's Resolve does. */
export async function resolveTicket(deps: TicketWriteDeps, ticket: Ticket, input: z.infer<typeof ResolveInput>, agent: Agent, now: Date): Promise<ActionResult> {
  const done = await resolve(deps.store, ticket.number, agent, input, now);
  deps.committed(done.result);
  return done;
}
