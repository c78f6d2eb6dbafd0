import { groupLabel } from '../../handoff/group-label';
import type { Lang } from '../../types/conversation';
import type { Ticket } from '../../types/ticket';
import { say } from '../messages';
import type { TurnDeps } from '../turn-types';

/**
 * What someone waiting for a specialist hears when they write again: who has the ticket and when to
 * expect them, with an apology when that time has passed (the truth, never "soon").
 */
export function waitingNote(ticket: Ticket, lang: Lang, deps: Pick<TurnDeps, 'now' | 'formatTime' | 'dueTimes'>, why: 'comment' | 'asked_for_person' | 'chased' = 'comment'): string {
  const askedForPerson = why === 'asked_for_person';
  const owner = ticket.agentId ?? groupLabel(ticket.group ?? 'service-desk', lang);
  const responded = ticket.firstResponseAt !== null;
  const due = responded ? ticket.resolveDueAt : ticket.responseDueAt;
  const inTime = deps.now.toISOString() <= due;
  // Asking for a person while one is due: say yes, when, and that a call can be arranged.
  if (askedForPerson && inTime) return say(lang, 'personComing', { ticket: ticket.number, owner, due: deps.formatTime(due, lang) });
  // Chased ("怎么到现在都没人理我啊"): the wait is felt even within the promise, so it is acknowledged.
  if (inTime) return say(lang, why === 'chased' ? 'chasedWaiting' : 'stillWaiting', { ticket: ticket.number, owner, due: deps.formatTime(due, lang) });
  const next = deps.dueTimes(ticket.priority, deps.now);
  return say(lang, 'sorryWaiting', { ticket: ticket.number, owner, due: deps.formatTime(responded ? next.resolveDueAt : next.responseDueAt, lang) });
}
