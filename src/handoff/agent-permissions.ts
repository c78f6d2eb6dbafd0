import { FrontdeskError } from '../errors';
import type { Agent } from '../store/agent-store';
import type { Ticket } from '../types/ticket';

/** The ticket is in a state where the action makes no sense (closed, already owned...). */
export class TicketStateError extends FrontdeskError {
  constructor(message: string) {
    super('conflict', message);
  }
}

/** Whether the agent may see and pick up the ticket: its group is one of theirs, or they are an admin. */
export function canSee(agent: Agent, ticket: Pick<Ticket, 'group'>): boolean {
  return agent.role === 'admin' || (ticket.group !== undefined && agent.groups.includes(ticket.group));
}

/** Whether the agent may act on the conversation: they took the ticket over, or they are an admin. */
export function owns(agent: Agent, ticket: Pick<Ticket, 'agentId'>): boolean {
  return agent.role === 'admin' || ticket.agentId === agent.id;
}

/** Statuses after which nothing but the requester's answer moves the ticket. */
export const FINISHED: readonly Ticket['status'][] = ['resolved', 'closed'];
