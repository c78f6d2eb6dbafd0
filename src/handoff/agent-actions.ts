import { AuthError, NotFoundError, ValidationError } from '../errors';
import { commitOnTicket, type TicketTurnContext, type TicketTurnPlan } from '../tickets/ticket-turn';
import type { Agent } from '../store/agent-store';
import type { Store, TurnResult } from '../store/store';
import type { OutboundFile, OutboundMessage } from '../types/conversation';
import type { Ticket } from '../types/ticket';
import { agentSay } from './agent-messages';
import { groupLabel } from './group-label';
import { FINISHED, TicketStateError, canSee, owns } from './agent-permissions';

/** A committed agent action: the ticket as it is now and the turn that wrote it. */
export type ActionResult = { ticket: Ticket; result: TurnResult };

/** Where a ticket goes on transfer: a named agent, a group, or both. */
export type TransferTarget = { toAgent?: Agent; toGroup?: string };

/** What a plan sees. */
export type Loaded = Omit<TicketTurnContext, 'events'>;
/** A plan's change and its one audit event. */
export type Plan = Omit<TicketTurnPlan, 'events'> & { kind: string; data?: Record<string, unknown> };

const MAX_TEXT = 4000;

/**
 * (Shared with ticket-edit.ts.) Load the ticket and its conversation, check that the agent may see it, plan the change and write it
 * as one turn. The conversation version guards the ticket too (every ticket change goes through its
 * conversation), so a bot turn committed in between makes us re-read and plan again.
 */
export async function act(store: Store, number: string, agent: Agent, now: Date, plan: (loaded: Loaded) => Plan): Promise<ActionResult> {
  const found = await store.getTicketByNumber(number);
  if (!found) throw new NotFoundError(`no ticket ${number}: check the number`);
  const result = await commitOnTicket(store, found.id, `agent:${agent.id}`, now, ({ ticket, conversation, current }) => {
    // Checked on every attempt: a transfer committed in between may have moved the ticket out of reach.
    if (!canSee(agent, ticket)) throw new AuthError(`${ticket.number} belongs to the ${ticket.group ?? 'unassigned'} group, not one of yours`);
    const { kind, data, ...change } = plan({ ticket, conversation, current });
    return { ...change, events: [{ kind, data: data ?? {} }] };
  });
  // The plan above never returns null, so there is always a committed turn.
  return { ticket: (await store.getTicket(found.id)) as Ticket, result: result as TurnResult };
}

function requireOwner(agent: Agent, ticket: Ticket): void {
  if (!owns(agent, ticket)) throw new AuthError(`take ${ticket.number} over first (it is ${ticket.agentId ? `owned by ${ticket.agentId}` : 'not taken over'})`);
}

/** Collision: someone else owns the ticket now (took it over while this agent wrote), so this reply must not go out. */
function refuseIfTakenOver(agent: Agent, ticket: Ticket, options: WriteOptions): void {
  const owner = ticket.agentId;
  if (!owner || owner === agent.id) return;
  const changed = options.expectedOwner !== undefined && options.expectedOwner !== owner;
  if (!owns(agent, ticket) || changed) {
    throw new TicketStateError(`${options.nameOf?.(owner) ?? owner} has taken ${ticket.number} over: your reply was not sent (your text is kept)`);
  }
}

function requireActive(ticket: Ticket): void {
  if (FINISHED.includes(ticket.status)) throw new TicketStateError(`${ticket.number} is ${ticket.status}; wait for the requester to reopen it`);
}

function cleanText(text: string, what: string): string {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > MAX_TEXT) throw new ValidationError(`${what}: write 1 to ${MAX_TEXT} characters`);
  return trimmed;
}

const text = (t: string): OutboundMessage => ({ kind: 'text', text: t });

/** Take the conversation from the bot: the agent owns the ticket and the user is told who joined. */
export async function takeOver(store: Store, number: string, agent: Agent, now: Date): Promise<ActionResult> {
  return act(store, number, agent, now, ({ ticket, conversation }) => {
    requireActive(ticket);
    if (ticket.agentId && ticket.agentId !== agent.id && agent.role !== 'admin') {
      throw new AuthError(`${ticket.number} is owned by ${ticket.agentId}: ask them or an admin to transfer it`);
    }
    if (ticket.agentId === agent.id && conversation.mode === 'agent') throw new TicketStateError(`you own ${ticket.number} already`);
    return {
      kind: 'taken_over',
      data: { previousAgent: ticket.agentId },
      fields: { agentId: agent.id, status: 'in_progress' },
      mode: 'agent',
      phase: 'escalated',
      outbound: [text(agentSay(conversation.lang, 'joined', { agent: agent.name, ticket: ticket.number }))],
    };
  });
}

/**
 * Who may write on a ticket without owning it: `colleague` lets anyone of its group (Slack thread, relay prefix).
 * `expectedOwner` is the owner the console showed when the agent wrote: another agent taking over since refuses the reply.
 * `files`: what the agent shared with the reply (a channel that can sends them along).
 */
export type WriteOptions = { colleague?: boolean; expectedOwner?: string | null; nameOf?: (agentId: string) => string; files?: OutboundFile[] };

/** Send the user a message from the agent (prefixed with the agent's name); the first one sets the first response time. */
export async function reply(store: Store, number: string, agent: Agent, body: string, now: Date, options: WriteOptions = {}): Promise<ActionResult> {
  const clean = cleanText(body, 'reply');
  return act(store, number, agent, now, ({ ticket }) => {
    // act() has already checked that the agent sees the ticket (its group or admin).
    if (!options.colleague) refuseIfTakenOver(agent, ticket, options);
    if (!options.colleague) requireOwner(agent, ticket);
    if (ticket.status === 'closed') throw new TicketStateError(`${ticket.number} is closed`);
    return {
      kind: 'agent_reply',
      data: { text: clean },
      fields: ticket.firstResponseAt ? undefined : { firstResponseAt: now.toISOString() },
      outbound: [{ kind: 'text', text: `**${agent.name}**: ${clean}`, agent: agent.id, ...(options.files?.length ? { files: options.files } : {}) }],
    };
  });
}

/** An internal note on the ticket: recorded in the audit log, never sent to the user. */
export async function note(store: Store, number: string, agent: Agent, body: string, now: Date, options: WriteOptions = {}): Promise<ActionResult> {
  const clean = cleanText(body, 'note');
  return act(store, number, agent, now, ({ ticket }) => {
    if (!options.colleague) requireOwner(agent, ticket);
    return { kind: 'internal_note', data: { text: clean } };
  });
}

/** Hand the conversation back to the bot; the ticket stays open for the group. */
export async function release(store: Store, number: string, agent: Agent, now: Date): Promise<ActionResult> {
  return act(store, number, agent, now, ({ ticket, conversation }) => {
    requireOwner(agent, ticket);
    requireActive(ticket);
    return {
      kind: 'released',
      fields: { agentId: null, status: 'open' },
      mode: 'bot',
      phase: 'ticket_open',
      outbound: [text(agentSay(conversation.lang, 'released', { ticket: ticket.number }))],
    };
  });
}

/** Pass the ticket to another agent (who then owns the conversation) or back to a group's queue. */
export async function transfer(store: Store, number: string, agent: Agent, target: TransferTarget, now: Date): Promise<ActionResult> {
  const { toAgent, toGroup } = target;
  if (!toAgent && !toGroup) throw new ValidationError('transfer: name an agent (toAgent) or a group (toGroup)');
  return act(store, number, agent, now, ({ ticket, conversation }) => {
    requireActive(ticket);
    if (ticket.agentId && !owns(agent, ticket)) throw new AuthError(`${ticket.number} is owned by ${ticket.agentId}; only they or an admin can transfer it`);
    const lang = conversation.lang;
    const data = { fromAgent: ticket.agentId, fromGroup: ticket.group ?? null, toAgent: toAgent?.id ?? null, toGroup: toGroup ?? null };
    if (toAgent) {
      // The new owner must see the ticket in their queue: keep the group if it is theirs, else take their first.
      const keep = toGroup ?? (ticket.group && toAgent.groups.includes(ticket.group) ? ticket.group : toAgent.groups[0] ?? ticket.group);
      return {
        kind: 'transferred', data: { ...data, toGroup: keep ?? null },
        fields: { agentId: toAgent.id, group: keep, status: 'in_progress' },
        mode: 'agent', phase: 'escalated',
        outbound: [text(agentSay(lang, 'transferredToAgent', { agent: toAgent.name, ticket: ticket.number }))],
      };
    }
    return {
      kind: 'transferred', data,
      fields: { agentId: null, group: toGroup, status: 'escalated' },
      mode: 'bot', phase: 'escalated',
      outbound: [text(agentSay(lang, 'transferredToGroup', { group: groupLabel(toGroup as string, lang), ticket: ticket.number }))],
    };
  });
}

/** Resolve the ticket and ask the user "Is it fixed?" (the bot handles the answer: close + CSAT, or reopen). */
export async function resolve(store: Store, number: string, agent: Agent, input: { resolution: string; rootCause?: string }, now: Date): Promise<ActionResult> {
  const resolution = cleanText(input.resolution, 'resolution');
  const rootCause = input.rootCause?.trim() ? cleanText(input.rootCause, 'root cause') : null;
  return act(store, number, agent, now, ({ ticket, conversation, current }) => {
    requireOwner(agent, ticket);
    requireActive(ticket);
    const lang = conversation.lang;
    const params = { ticket: ticket.number, resolution: resolution.replace(/[.。]+$/, '') };
    const question: OutboundMessage = current
      ? { kind: 'choice', text: agentSay(lang, ticket.status === 'reopened' ? 'resolvedAgain' : 'resolved', params), choices: [{ value: 'yes', label: agentSay(lang, 'yes') }, { value: 'no', label: agentSay(lang, 'no') }] }
      : text(agentSay(lang, 'resolvedNoQuestion', params));
    return {
      kind: 'resolved',
      data: { note: resolution, rootCause },
      fields: { status: 'resolved', resolvedAt: now.toISOString() },
      mode: 'bot',
      phase: 'awaiting_confirmation',
      outbound: [question],
    };
  });
}
