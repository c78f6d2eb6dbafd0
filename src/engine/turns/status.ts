import { incidentHeadline } from '../../incidents/incident-messages';
import { groupLabel } from '../../handoff/group-label';
import { renewedDueAt } from '../../tickets/sla';
import type { Lang } from '../../types/conversation';
import type { Ticket } from '../../types/ticket';
import { say, statusLabel } from '../messages';
import type { BotState } from '../state';
import type { TurnContext, TurnDeps } from '../turn-types';
import { noticesAbout } from './notice-answer';

const FINISHED = ['resolved', 'closed'];

type TimeDeps = Pick<TurnDeps, 'formatTime' | 'dueTimes' | 'now'>;

/** Who is on a ticket, as the user knows them: the agent's name, else the team. */
function ownerOf(ticket: Ticket, lang: Lang, ctx: TurnContext): string {
  if (ticket.agentId) return ctx.agentNames?.[ticket.agentId] ?? ticket.agentId;
  return groupLabel(ticket.group ?? 'service-desk', lang);
}

/** The next promise on an open ticket: the first response, or the fix once someone responded; a missed one is owned up to with a new time. */
function nextDue(ticket: Ticket, lang: Lang, deps: TimeDeps, owner: string): string | undefined {
  if (FINISHED.includes(ticket.status)) return undefined;
  const responded = ticket.firstResponseAt !== null;
  const dueAt = responded ? ticket.resolveDueAt : ticket.responseDueAt;
  if (Date.parse(dueAt) > deps.now.getTime()) return say(lang, responded ? 'statusFixDue' : 'statusResponseDue', { due: deps.formatTime(dueAt, lang) });
  const again = renewedDueAt(dueAt, responded ? 'resolve' : 'response', deps.now, (from) => deps.dueTimes(ticket.priority, from));
  return say(lang, responded ? 'statusFixMissed' : 'statusResponseMissed', { was: deps.formatTime(dueAt, lang), owner, due: deps.formatTime(again, lang) });
}

/** One ticket's status in the user's language: owner, the next due time, the last update and any known problem. */
export function describeTicket(ticket: Ticket, lang: Lang, ctx: TurnContext, deps: TimeDeps): string {
  const owner = ownerOf(ticket, lang, ctx);
  const lines = [say(lang, 'ticketStatus', {
    ticket: ticket.number, summary: ticket.summary, status: statusLabel(ticket.status, lang), priority: ticket.priority, owner,
  })];
  const due = nextDue(ticket, lang, deps, owner);
  if (due) lines.push(due);
  lines.push(say(lang, 'statusUpdated', { at: deps.formatTime(ticket.updatedAt, lang) }));
  const known = ticket.majorIncidentId === null ? undefined : (ctx.knownProblems ?? []).find((p) => p.id === ticket.majorIncidentId);
  if (known) lines.push(say(lang, 'statusKnownProblem', { incident: known.number, title: incidentHeadline(known.title) }));
  // An open ticket about a problem a notice is out for: what the notice says is the latest news.
  const notices = FINISHED.includes(ticket.status) ? [] : noticesAbout(ticket, ctx.activeBroadcasts, ctx.knownProblems ?? []);
  if (notices.length > 0) lines.push(say(lang, 'latestNotice', { text: notices.join(' ') }));
  return lines.join('\n');
}

/** A status answer and the ticket it described (remembered, so that asking again gets "no change", not the same card). */
export type StatusAnswer = { text: string; described?: NonNullable<BotState['lastStatus']>; chased?: boolean };

/** The answer to "status", "my tickets", "查询 INC-000123" or "INC-000123 进度如何". */
export function describeStatus(ctx: TurnContext, lang: Lang, number: string | undefined, deps: TimeDeps, last?: BotState['lastStatus']): StatusAnswer {
  const single = (ticket: Ticket): StatusAnswer => {
    const unchanged = last?.ticket === ticket.number && last.updatedAt === ticket.updatedAt;
    const described = { ticket: ticket.number, updatedAt: ticket.updatedAt, unchanged: unchanged ? last.unchanged + 1 : 0 };
    if (!unchanged) return { text: describeTicket(ticket, lang, ctx, deps), described };
    // Asked a third time with nothing new: the person is chasing; say so to the owner instead of repeating.
    const chased = described.unchanged >= 2;
    const text = say(lang, chased ? 'statusChased' : 'statusUnchanged', {
      ticket: ticket.number, status: statusLabel(ticket.status, lang), owner: ownerOf(ticket, lang, ctx), due: nextDue(ticket, lang, deps, ownerOf(ticket, lang, ctx)) ?? '',
    }).trim();
    return { text, described, ...(chased ? { chased: true } : {}) };
  };
  if (number) {
    const ticket = ctx.mentionedTickets[number];
    return ticket ? single(ticket) : { text: say(lang, 'ticketNotFound', { ticket: number }) };
  }
  // The conversation's own ticket first: "any update?" is about the problem at hand.
  const current = ctx.currentTicket && !FINISHED.includes(ctx.currentTicket.status) ? ctx.currentTicket : null;
  if (current) return single(current);
  if (ctx.recentTickets.length === 0) return { text: say(lang, 'noTickets') };
  const list = ctx.recentTickets.map((t) => `• ${t.number}: ${t.summary} (${statusLabel(t.status, lang)})`).join('\n');
  return { text: say(lang, 'ticketList', { list }) };
}
