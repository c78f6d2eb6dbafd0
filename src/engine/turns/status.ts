import type { Lang } from '../../types/conversation';
import type { Ticket } from '../../types/ticket';
import { say, statusLabel } from '../messages';
import type { TurnContext } from '../turn-types';

/** One ticket's status in the user's language. */
export function describeTicket(ticket: Ticket, lang: Lang): string {
  return say(lang, 'ticketStatus', {
    ticket: ticket.number,
    summary: ticket.summary,
    status: statusLabel(ticket.status, lang),
    priority: ticket.priority,
    createdAt: ticket.createdAt.slice(0, 16).replace('T', ' '),
  });
}

/** The answer to "status", "my tickets" or "status INC-000123". */
export function describeStatus(ctx: TurnContext, lang: Lang, number: string | undefined): string {
  if (number) {
    const ticket = ctx.mentionedTickets[number];
    return ticket ? describeTicket(ticket, lang) : say(lang, 'ticketNotFound', { ticket: number });
  }
  if (ctx.recentTickets.length === 0) return say(lang, 'noTickets');
  const list = ctx.recentTickets.map((t) => `• ${t.number}: ${t.summary} (${statusLabel(t.status, lang)})`).join('\n');
  return say(lang, 'ticketList', { list });
}
