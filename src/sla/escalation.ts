import { intakeFromTicket } from '../engine/state';
import { buildContextPackage, type ContextPackage, type EscalationReason } from '../handoff/context';
import type { Conversation, User } from '../store/store';
import type { Ticket } from '../types/ticket';

/**
 * The context package of an automatic escalation (SLA breach, major incident), built from the stored
 * ticket the way a user-requested escalation of a logged ticket builds it; a minimal one if the user is gone.
 */
export function ticketContext(
  ticket: Ticket, conversation: Conversation, user: User | null, recent: Ticket[], reason: EscalationReason,
): ContextPackage | { summary: string; reason: EscalationReason } {
  if (!user) return { summary: ticket.summary, reason };
  return buildContextPackage({
    user,
    channel: conversation.ref.channel,
    intake: intakeFromTicket(ticket),
    reason,
    recentTickets: recent.filter((t) => t.id !== ticket.id),
  });
}
