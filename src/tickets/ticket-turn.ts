import { ConflictError, NotFoundError } from '../errors';
import type { Conversation, ConversationMode, Store, TicketChange, TurnResult } from '../store/store';
import type { OutboundMessage } from '../types/conversation';
import type { Ticket, TicketEvent } from '../types/ticket';

/** What a plan sees: the ticket, its conversation (is the ticket the one it is about now?) and its audit log. */
export type TicketTurnContext = { ticket: Ticket; conversation: Conversation; current: boolean; events: TicketEvent[] };

/** One background change to a ticket: field updates, audit events and messages to its requester. */
export type TicketTurnPlan = {
  fields?: Extract<TicketChange, { kind: 'update' }>['fields'];
  events: { kind: string; data: Record<string, unknown> }[];
  outbound?: OutboundMessage[];
  /** Applied only when the ticket is the conversation's current one (an older ticket changes alone). */
  mode?: ConversationMode;
  phase?: string;
};

const MAX_CONFLICT_RETRIES = 5;

/**
 * Write a change to a ticket as a turn on its conversation (one transaction, like every other change).
 * The conversation is read before the events, and its version guards the commit: if anyone wrote to the
 * conversation in between (another monitor doing the same thing), we re-read and the plan sees their
 * event. So a plan that returns null when its event exists already runs exactly once. Null = nothing done.
 */
export async function commitOnTicket(
  store: Store, ticketId: number, actor: string, now: Date, plan: (ctx: TicketTurnContext) => TicketTurnPlan | null,
): Promise<TurnResult | null> {
  for (let attempt = 0; ; attempt++) {
    const first = await store.getTicket(ticketId);
    if (!first) throw new NotFoundError(`ticket ${ticketId} is missing`);
    const conversation = await store.getConversation(first.conversationId);
    if (!conversation) throw new NotFoundError(`the conversation of ${first.number} is missing`);
    // Re-read the ticket after the conversation: the version we hold covers everything read from here on.
    const ticket = (await store.getTicket(ticketId)) as Ticket;
    const events = await store.ticketEvents(ticketId);
    const current = conversation.ticketId === ticket.id;
    const p = plan({ ticket, conversation, current, events });
    if (!p) return null;
    try {
      return await store.commitTurn({
        conversationId: conversation.id,
        expectedVersion: conversation.version,
        mode: current && p.mode ? p.mode : conversation.mode,
        lang: conversation.lang,
        state: current && p.phase ? { ...conversation.state, phase: p.phase } : conversation.state,
        tickets: p.fields ? [{ kind: 'update', ticketId: ticket.id, fields: p.fields }] : [],
        events: p.events.map((e) => ({ ticketId: ticket.id, actor, kind: e.kind, data: e.data })),
        outbound: p.outbound ?? [],
        now: now.toISOString(),
      });
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= MAX_CONFLICT_RETRIES) throw error;
    }
  }
}

/** Whether the audit log has an event of this kind whose data matches every given field. */
export function hasEvent(events: TicketEvent[], kind: string, match: Record<string, unknown> = {}): boolean {
  return events.some((e) => e.kind === kind && Object.entries(match).every(([k, v]) => e.data[k] === v));
}
