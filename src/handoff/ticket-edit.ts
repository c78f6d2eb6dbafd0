import { AuthError, ValidationError } from '../errors';
import type { Agent } from '../store/agent-store';
import type { Store, TicketChange } from '../store/store';
import { priorityOf } from '../tickets/priority';
import { computeDueTimes, type SlaConfig } from '../tickets/sla';
import type { Category, Impact, Ticket } from '../types/ticket';
import { act, type ActionResult } from './agent-actions';
import { TicketStateError, owns } from './agent-permissions';

/** What an agent may change on a ticket from the console: category, impact and urgency (so priority), group. */
export type TicketEdit = { category?: Category; impact?: Impact; urgency?: Impact; group?: string };

type Fields = Extract<TicketChange, { kind: 'update' }>['fields'];

/**
 * Change a ticket's category, impact/urgency or group. A new priority recomputes both due times from the
 * ticket's creation (the SLA monitor re-plans its timers from them). One `edited` event names the agent and
 * lists each change as from/to; nothing changed writes nothing.
 */
export async function editTicket(store: Store, number: string, agent: Agent, edit: TicketEdit, sla: SlaConfig, now: Date): Promise<ActionResult> {
  return act(store, number, agent, now, ({ ticket }) => {
    if (ticket.status === 'closed') throw new TicketStateError(`${ticket.number} is closed`);
    if (ticket.agentId && !owns(agent, ticket)) throw new AuthError(`${ticket.number} is owned by ${ticket.agentId}; only they or an admin can change it`);
    const { fields, changes } = planEdit(ticket, edit, sla);
    if (Object.keys(changes).length === 0) throw new ValidationError(`nothing to change on ${ticket.number}: pick a new value first`);
    return { kind: 'edited', data: { by: agent.name, changes }, fields };
  });
}

function planEdit(ticket: Ticket, edit: TicketEdit, sla: SlaConfig): { fields: Fields; changes: Record<string, { from: unknown; to: unknown }> } {
  const fields: Fields = {};
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  if (edit.category && edit.category !== ticket.category) {
    fields.category = edit.category;
    changes.category = { from: ticket.category, to: edit.category };
  }
  const impact = edit.impact ?? ticket.impact;
  const urgency = edit.urgency ?? ticket.urgency;
  if (impact !== ticket.impact || urgency !== ticket.urgency) {
    Object.assign(fields, { impact, urgency });
    changes.impactUrgency = { from: `${ticket.impact}/${ticket.urgency}`, to: `${impact}/${urgency}` };
    const priority = priorityOf(impact, urgency);
    if (priority !== ticket.priority) {
      Object.assign(fields, { priority }, computeDueTimes(priority, ticket.createdAt, sla));
      changes.priority = { from: ticket.priority, to: priority };
    }
  }
  if (edit.group && edit.group !== (ticket.group ?? null)) {
    fields.group = edit.group;
    changes.group = { from: ticket.group ?? null, to: edit.group };
  }
  return { fields, changes };
}
