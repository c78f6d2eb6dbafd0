import { SAFETY_ADVICE } from '../advice';
import type { DialogResult } from '../../dialog/result';
import { buildContextPackage, type EscalationReason } from '../../handoff/context';
import type { TicketChange } from '../../store/store';
import type { OutboundMessage } from '../../types/conversation';
import type { Ticket } from '../../types/ticket';
import { categoryLabel, say, typeLabel } from '../messages';
import { intakeFromTicket, type Intake } from '../state';
import { summarize } from '../../render/summarize';
import { deadlineAt } from '../../classify/deadline';
import { groupLabel } from '../../handoff/group-label';
import { waitingNote } from './waiting';
import { requesterSlots, vipPriority } from './requester-facts';
import { textMessage, type Draft, type TurnContext, type TurnDecision, type TurnDeps } from '../turn-types';

/** Whether a ticket goes straight to tier-2: urgent priorities, security, or the dialog's urgent path. */
export function escalationReason(priority: string, category: string, result?: DialogResult): EscalationReason | null {
  if (category === 'security' || result?.escalate) return 'security';
  if (priority === 'P1' || priority === 'P2') return 'priority';
  return null;
}

/**
 * Log the ticket the intake describes (dialog answers win over the first estimate) and acknowledge it
 * with its number and expected response time; escalate at once when `reason` or the priority requires it.
 */
export function openTicketTurn(
  ctx: TurnContext, draft: Draft, intake: Intake, deps: TurnDeps, result?: DialogResult, forced?: EscalationReason, knownProblemId?: number,
): TurnDecision {
  const { lang } = draft;
  const a = intake.assessment;
  // The dialog's area (picked by its keywords) only fills in for an unsure first reading.
  const category = intake.pickedCategory ?? (a.categoryUncertain ? result?.category ?? a.category : a.category);
  const type = result?.type ?? (a.type === 'question' ? 'service_request' : a.type);
  const impact = result?.impact ?? a.impact;
  const urgency = result?.urgency ?? a.urgency;
  // With a directory, a VIP's ticket is one level more urgent (and so may go to tier-2 at once).
  const priority = vipPriority(result?.priority ?? a.priority, ctx.requester);
  const due = capToDeadline(deps.dueTimes(priority, deps.now), a.deadlineDays, deps.now);
  // Articles tried and not helpful: the bot cannot resolve it, so a specialist should look at it.
  const kbFailed = intake.kbTried.length > 0 && intake.kbTried.every((k) => k.helpful === false);
  const reason = forced ?? escalationReason(priority, category, result) ?? (kbFailed ? 'kb_failed' : null);
  const group = deps.routeGroup(category);
  const open: TicketChange = {
    kind: 'open',
    draft: {
      type, category, impact, urgency, priority, lang, group,
      summary: summarize(result?.summary ?? intake.description),
      description: result?.description ?? intake.description,
      slots: { ...requesterSlots(ctx.requester), ...(result?.slots ?? {}) },
      classification: { category: a.category, type: a.type, confidence: a.confidence },
      kbArticles: intake.kbTried,
      responseDueAt: due.responseDueAt,
      resolveDueAt: due.resolveDueAt,
      status: reason ? 'escalated' : 'new',
      ...(knownProblemId ? { knownProblemId } : {}),
    },
  };
  const within = deps.responseTarget(priority, lang);
  // A swollen battery or smoke: how to be safe comes before the ticket number.
  const safety = a.hazard ? [textMessage(SAFETY_ADVICE[a.hazard][lang])] : [];
  const outbound: OutboundMessage[] = [...safety, textMessage(say(lang, 'ticketOpened', {
    kind: typeLabel(type, lang), priority, category: categoryLabel(category, lang), within, dueAt: deps.formatTime(due.responseDueAt, lang),
  }))];
  const events: TurnDecision['events'] = [{ ticketId: 'new', actor: 'bot', kind: 'opened', data: { channel: ctx.message.ref.channel, assessment: a, dialog: intake.dialogId ?? null } }];
  if (reason) {
    events.push({ ticketId: 'new', actor: 'bot', kind: 'escalated', data: buildContextPackage({ user: ctx.user, channel: ctx.message.ref.channel, intake, result, reason, recentTickets: ctx.recentTickets }) });
    outbound.push(textMessage(say(lang, reason === 'requested' ? 'escalatedOnRequest' : 'escalated', { group: groupLabel(group, lang), within })));
  }
  return {
    ...draft,
    state: { ...draft.state, phase: reason ? 'escalated' : 'ticket_open', intake: undefined, dialog: undefined },
    outcome: reason ? 'ticket_escalated' : 'ticket_opened',
    tickets: [open],
    events,
    outbound,
  };
}

/** A start date or deadline inside the response window: the response (and fix) are due before it. */
function capToDeadline(due: { responseDueAt: string; resolveDueAt: string }, days: number | undefined, now: Date) {
  if (days === undefined) return due;
  const deadline = deadlineAt(days, now).toISOString();
  const earlier = (a: string) => (a < deadline ? a : deadline);
  return { responseDueAt: earlier(due.responseDueAt), resolveDueAt: earlier(due.resolveDueAt) };
}

/** Hand an already logged ticket to tier-2 (the user asked for a human, or it was reopened unassigned). */
export function escalateTicketTurn(ctx: TurnContext, draft: Draft, ticket: Ticket, deps: TurnDeps, reason: EscalationReason): TurnDecision {
  const { lang } = draft;
  if (ticket.status === 'escalated' || ticket.status === 'in_progress') {
    return { ...draft, outcome: 'already_escalated', tickets: [], events: [], outbound: [textMessage(waitingNote(ticket, lang, deps, reason === 'requested' ? 'asked_for_person' : 'comment'))] };
  }
  const intake = intakeFromTicket(ticket);
  const group = ticket.group ?? deps.routeGroup(ticket.category);
  // The promised time itself: what is left of a business-hours clock in hours ("within 10.8 hours") spans nights.
  const dueAt = deps.formatTime(ticket.responseDueAt, lang);
  const within = lang === 'zh' ? `${dueAt} 前` : `by ${dueAt}`;
  return {
    ...draft,
    state: { ...draft.state, phase: 'escalated' },
    outcome: 'ticket_escalated',
    tickets: [{ kind: 'update', ticketId: ticket.id, fields: { status: 'escalated', escalatedAt: deps.now.toISOString(), group } }],
    events: [{ ticketId: ticket.id, actor: `user:${ctx.user.id}`, kind: 'escalated', data: buildContextPackage({ user: ctx.user, channel: ctx.message.ref.channel, intake, reason, recentTickets: ctx.recentTickets }) }],
    outbound: [textMessage(say(lang, reason === 'requested' ? 'escalatedOnRequest' : 'escalated', { group: groupLabel(group, lang), within }).replace('{ticket}', ticket.number))],
  };
}
