import { AuthError, NotFoundError, ValidationError } from '../errors';
import type { Agent } from '../store/agent-store';
import type { Store, TurnResult } from '../store/store';
import { commitOnTicket, hasEvent } from '../tickets/ticket-turn';
import type { Ticket } from '../types/ticket';
import { act, type ActionResult } from './agent-actions';
import { agentSay } from './agent-messages';
import { TicketStateError, canSee, owns } from './agent-permissions';

/** A merge: the duplicate as it is now (closed) and, committed first, the target that took it in. */
export type MergeResult = ActionResult & { target: { ticket: Ticket; result: TurnResult | null } };

/**
 * Merge the duplicate ticket `number` into `into`. The target records `merged_from` (which the console uses to
 * show the duplicate's conversation, audit log and requester, a watcher when another person), then the
 * duplicate is closed with `merged_into` and its requester told in their language. Both events name the agent.
 * Two turns on two conversations: the target's comes first and is not repeated, so a retry after a crash in
 * between finishes the merge instead of doubling it. A merged (closed) ticket cannot be merged again.
 */
export async function mergeTicket(store: Store, number: string, into: string, agent: Agent, now: Date): Promise<MergeResult> {
  const duplicate = await store.getTicketByNumber(number);
  const target = await store.getTicketByNumber(into);
  if (!duplicate || !canSee(agent, duplicate)) throw new NotFoundError(`no ticket ${number} in your queue`);
  if (!target || !canSee(agent, target)) throw new NotFoundError(`no ticket ${into} in your queue: check the number`);
  if (duplicate.id === target.id) throw new ValidationError(`a ticket cannot be merged into itself: name another ticket than ${number}`);
  checkMergeable(agent, duplicate, 'merged');
  checkMergeable(agent, target, 'merged into');
  const by = agent.name;
  const targetResult = await commitOnTicket(store, target.id, `agent:${agent.id}`, now, ({ ticket, events }) => {
    if (hasEvent(events, 'merged_from', { ticket: duplicate.number })) return null;
    checkMergeable(agent, ticket, 'merged into');
    const watcher = duplicate.requesterId !== ticket.requesterId;
    return { events: [{ kind: 'merged_from', data: { by, ticket: duplicate.number, requesterId: duplicate.requesterId, watcher } }] };
  });
  const closed = await act(store, number, agent, now, ({ ticket, conversation, current }) => {
    checkMergeable(agent, ticket, 'merged');
    const at = now.toISOString();
    return {
      kind: 'merged_into',
      data: { by, target: target.number },
      fields: { status: 'closed', closedAt: at, ...(ticket.resolvedAt ? {} : { resolvedAt: at }) },
      mode: current ? 'bot' : undefined,
      phase: current ? 'awaiting_description' : undefined,
      outbound: [{ kind: 'text', text: agentSay(conversation.lang, 'merged', { ticket: ticket.number, target: target.number }) }],
    };
  });
  return { ...closed, target: { ticket: (await store.getTicket(target.id)) as Ticket, result: targetResult } };
}

/** Same rules as a transfer or an edit: not closed (a merged ticket is closed), and owned by nobody, the agent, or an admin acting. */
function checkMergeable(agent: Agent, ticket: Ticket, role: 'merged' | 'merged into'): void {
  if (ticket.status === 'closed') throw new TicketStateError(`${ticket.number} is closed, so it cannot be ${role}`);
  if (ticket.agentId && !owns(agent, ticket)) throw new AuthError(`${ticket.number} is owned by ${ticket.agentId}; only they or an admin can merge it`);
}
