import { AuthError, NotFoundError } from '../errors';
import type { MajorIncidents } from '../incidents/major-incidents';
import type { Agent } from '../store/agent-store';
import type { Store } from '../store/store';
import type { Ticket } from '../types/ticket';
import type { ActionResult } from './agent-actions';
import { FINISHED, TicketStateError, canSee, owns } from './agent-permissions';

/** What links tickets to major incidents (the app's MajorIncidents). */
export type IncidentLinker = Pick<MajorIncidents, 'linkByAgent'>;

/**
 * Link ticket `number` to the open major incident `incident` from the console. Same rights as an edit: the
 * agent sees the ticket, and nobody else owns it (or they are an admin); a resolved or closed ticket has
 * nothing left to follow. The reporter is told it is a known problem; the incident's resolution resolves it.
 */
export async function linkToIncident(linker: IncidentLinker, store: Store, number: string, incident: string, agent: Agent, now: Date): Promise<ActionResult> {
  const ticket = await store.getTicketByNumber(number);
  if (!ticket || !canSee(agent, ticket)) throw new NotFoundError(`no ticket ${number} in your queue`);
  if (FINISHED.includes(ticket.status)) throw new TicketStateError(`${ticket.number} is ${ticket.status}: only an open ticket can follow a major incident`);
  if (ticket.agentId && !owns(agent, ticket)) throw new AuthError(`${ticket.number} is owned by ${ticket.agentId}; only they or an admin can link it`);
  const { result } = await linker.linkByAgent(incident, ticket.id, agent, now);
  // Null only when this ticket's reporter was told of this incident before, which a first link cannot be.
  if (!result) throw new TicketStateError(`${ticket.number} was linked to ${incident} before`);
  return { ticket: (await store.getTicket(ticket.id)) as Ticket, result };
}
