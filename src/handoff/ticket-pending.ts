import { AuthError, ValidationError } from '../errors';
import type { Agent } from '../store/agent-store';
import type { Store } from '../store/store';
import { act, type ActionResult } from './agent-actions';
import { agentSay } from './agent-messages';
import { FINISHED, TicketStateError, owns } from './agent-permissions';

/** Why a ticket waits: for the requester, or on hold for someone else (a supplier, a change window). */
export type PendingKind = 'user' | 'hold';

const MAX_REASON = 500;

/**
 * Put a ticket on pending / on hold with a reason. Both set status `pending_user`, which the SLA monitor
 * counts as a pause of both clocks (PAUSED_STATUSES in src/sla/sla-monitor.ts); the user is told why, in
 * their language, and the audit event names the agent.
 */
export async function setPending(store: Store, number: string, agent: Agent, input: { kind: PendingKind; reason: string }, now: Date): Promise<ActionResult> {
  const reason = input.reason.trim().replace(/[.。]+$/, '');
  if (!reason || reason.length > MAX_REASON) throw new ValidationError(`reason: write 1 to ${MAX_REASON} characters`);
  return act(store, number, agent, now, ({ ticket, conversation }) => {
    if (!owns(agent, ticket)) throw new AuthError(`take ${ticket.number} over first`);
    if (FINISHED.includes(ticket.status)) throw new TicketStateError(`${ticket.number} is ${ticket.status}; it cannot be put on hold`);
    if (ticket.status === 'pending_user') throw new TicketStateError(`${ticket.number} is already pending; resume it first`);
    const key = input.kind === 'user' ? 'pendingUser' : 'onHold';
    return {
      kind: 'pending', data: { by: agent.name, note: reason, hold: input.kind, fromStatus: ticket.status },
      fields: { status: 'pending_user' },
      outbound: [{ kind: 'text', text: agentSay(conversation.lang, key, { ticket: ticket.number, reason }) }],
    };
  });
}

/** Take a pending ticket up again: status in progress (the SLA clocks run again), the user told. */
export async function resumeWork(store: Store, number: string, agent: Agent, now: Date): Promise<ActionResult> {
  return act(store, number, agent, now, ({ ticket, conversation }) => {
    if (!owns(agent, ticket)) throw new AuthError(`take ${ticket.number} over first`);
    if (ticket.status !== 'pending_user') throw new TicketStateError(`${ticket.number} is not pending`);
    return {
      kind: 'resumed', data: { by: agent.name },
      fields: { status: 'in_progress' },
      outbound: [{ kind: 'text', text: agentSay(conversation.lang, 'resumed', { ticket: ticket.number }) }],
    };
  });
}
