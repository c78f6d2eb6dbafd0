import type { TicketEvent } from '../types/ticket';
import type { Ticket } from '../types/ticket';

/** One line of the console's conversation view: a stored message, or an internal note (never sent). */
export type ConversationLine = {
  id: string; direction: string; text: string; author: string | null; delivery: string | null; createdAt: string; agent: string | null; internal: boolean;
};

/** The priority and what it came from (impact and urgency, 1 = highest), shown with the context. */
export function priorityWhy(ticket: Ticket) {
  return { priority: { value: ticket.priority, impact: ticket.impact, urgency: ticket.urgency } };
}

/**
 * The context of a ticket the bot logged for the group without a hand-off: there is no escalation package,
 * but the ticket holds the answers, the first classification and the articles tried.
 */
export function loggedContext(ticket: Ticket) {
  return {
    at: ticket.createdAt, handoff: false, summary: ticket.description || ticket.summary, reason: null,
    answers: ticket.slots, classification: ticket.classification ?? null, kbTried: ticket.kbArticles, ...priorityWhy(ticket),
  };
}

/** The conversation with the internal notes put in time order among the messages (agents see both). */
export function withNotes(lines: ConversationLine[], events: Pick<TicketEvent, 'id' | 'at' | 'actor' | 'kind' | 'data'>[]): ConversationLine[] {
  const notes = events.filter((e) => e.kind === 'internal_note').map((e) => ({
    id: `note-${e.id}`, direction: 'note', text: String((e.data as { text?: unknown }).text ?? ''), author: e.actor, delivery: null,
    createdAt: e.at, agent: e.actor.replace(/^agent:/, ''), internal: true,
  }));
  return [...lines, ...notes].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}
