import { groupLabel } from '../../handoff/group-label';
import type { Lang } from '../../types/conversation';
import type { Ticket } from '../../types/ticket';
import { say, statusLabel } from '../messages';
import type { TurnContext, TurnDeps } from '../turn-types';

const FINISHED = ['resolved', 'closed'];

/** One ticket's status in the user's language: owner, the next due time, the last update and any known problem. */
export function describeTicket(ticket: Ticket, lang: Lang, ctx: TurnContext, deps: Pick<TurnDeps, 'formatTime'>): string {
  const owner = ticket.agentId ?? groupLabel(ticket.group ?? 'service-desk', lang);
  const lines = [say(lang, 'ticketStatus', {
    ticket: ticket.number, summary: ticket.summary, status: statusLabel(ticket.status, lang), priority: ticket.priority, owner,
  })];
  if (!FINISHED.includes(ticket.status)) {
    const responded = ticket.firstResponseAt !== null;
    const due = deps.formatTime(responded ? ticket.resolveDueAt : ticket.responseDueAt, lang);
    lines.push(say(lang, responded ? 'statusFixDue' : 'statusResponseDue', { due }));
  }
  lines.push(say(lang, 'statusUpdated', { at: deps.formatTime(ticket.updatedAt, lang) }));
  const known = ticket.majorIncidentId === null ? undefined : (ctx.knownProblems ?? []).find((p) => p.id === ticket.majorIncidentId);
  if (known) lines.push(say(lang, 'statusKnownProblem', { incident: known.number, title: known.title.split(/[:：]/)[0] }));
  return lines.join('\n');
}

/** The answer to "status", "my tickets", "查询 INC-000123" or "INC-000123 进度如何". */
export function describeStatus(ctx: TurnContext, lang: Lang, number: string | undefined, deps: Pick<TurnDeps, 'formatTime'>): string {
  if (number) {
    const ticket = ctx.mentionedTickets[number];
    return ticket ? describeTicket(ticket, lang, ctx, deps) : say(lang, 'ticketNotFound', { ticket: number });
  }
  // The conversation's own ticket first: "any update?" is about the problem at hand.
  const current = ctx.currentTicket && !FINISHED.includes(ctx.currentTicket.status) ? ctx.currentTicket : null;
  if (current) return describeTicket(current, lang, ctx, deps);
  if (ctx.recentTickets.length === 0) return say(lang, 'noTickets');
  const list = ctx.recentTickets.map((t) => `• ${t.number}: ${t.summary} (${statusLabel(t.status, lang)})`).join('\n');
  return say(lang, 'ticketList', { list });
}
