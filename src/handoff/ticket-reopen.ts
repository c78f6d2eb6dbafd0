import { AuthError } from '../errors';
import type { Agent } from '../store/agent-store';
import type { Store } from '../store/store';
import { act, type ActionResult } from './agent-actions';
import { TicketStateError, FINISHED } from './agent-permissions';
import { agentSay } from './agent-messages';

/**
 * An agent reopens a resolved or closed ticket (the fix did not hold, the user called): the agent owns it
 * again, the conversation goes back to them when it is still about this ticket, and the user is told.
 * One `reopened` event names the agent and the status it came from.
 */
export async function reopenTicket(store: Store, number: string, agent: Agent, now: Date): Promise<ActionResult> {
  return act(store, number, agent, now, ({ ticket, conversation, current }) => {
    if (!FINISHED.includes(ticket.status)) throw new TicketStateError(`${ticket.number} is ${ticket.status}, not resolved or closed: there is nothing to reopen`);
    // Someone else's resolved ticket stays theirs unless an admin steps in.
    if (ticket.agentId && ticket.agentId !== agent.id && agent.role !== 'admin' && ticket.status !== 'closed') {
      throw new AuthError(`${ticket.number} is owned by ${ticket.agentId}; only they or an admin can reopen it`);
    }
    return {
      kind: 'reopened',
      data: { by: agent.name, from: ticket.status },
      fields: { status: 'in_progress', agentId: agent.id, resolvedAt: null, closedAt: null },
      mode: 'agent',
      phase: 'escalated',
      // An older ticket's conversation has moved on: the user is told only while it is still about this one.
      outbound: current ? [{ kind: 'text', text: agentSay(conversation.lang, 'reopenedByAgent', { agent: agent.name, ticket: ticket.number }) }] : [],
    };
  });
}
