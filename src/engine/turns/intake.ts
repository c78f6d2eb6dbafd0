import { isChaser } from '../../understand/act';
import { continueDialogFromForm, buildEmailForm } from '../../dialog/email-form';
import { renderQuestion } from '../../dialog/render';
import { continueDialog, startDialog, type DialogTurn } from '../../dialog/runner';
import { DialogState } from '../../dialog/schema';
import { buildKbOffer } from '../../kb/offer-message';
import type { Lang, OutboundMessage } from '../../types/conversation';
import { categoryLabel, say } from '../messages';
import { Category } from '../../types/ticket';
import type { Intake } from '../state';
import { reply, textMessage, type Draft, type TurnContext, type TurnDecision, type TurnDeps } from '../turn-types';
import { describeStatus } from './status';
import { escalateTicketTurn, escalationReason, openTicketTurn } from './open-ticket';
import { knownFromNoticeTurn, knownProblemTurn, matchKnownProblem, matchNotice } from './known-problem';
import { waitingNote } from './waiting';
import { collapseRepeats } from '../../understand/normalize';
import { findApproval } from '../../understand/entities/people';
import { repeatsTriedSteps } from '../../understand/tried-steps';
import { groupLabel } from '../../handoff/group-label';
import type { Understanding } from '../../understand';
import { buildResult, type DialogResult } from '../../dialog/result';
import { containmentAdvice, preventionAdvice, type SecurityEvent } from '../advice';
import { csatQuestion } from './after-resolve';
import { summarize } from '../../render/summarize';
import { priorityRank } from '../../tickets/priority';
import type { TicketChange } from '../../store/store';
import type { Ticket } from '../../types/ticket';

const LEAD_CONNECTOR = /^(?:also|plus|btw|by the way|oh and|and|另外|还有|顺便(?:说一下|问一下)?)[\s,，:：]+/i;

/**
 * A new problem: offer knowledge-base articles when they look like the answer (never for security
 * incidents or P1 outages, where reading is the wrong advice), otherwise start the structured questions.
 */
export function startIntakeTurn(ctx: TurnContext, draft: Draft, said: string, deps: TurnDeps): TurnDecision {
  // "also, can you add me to …" after closing another problem: the "also" is not part of the request.
  const description = said.replace(LEAD_CONNECTOR, '') || said;
  const assessed = deps.assess(description);
  // "How do I get access to hr@? my manager is fine with it": with the approval in hand only IT can go on, so it
  // is a request to fulfil, not a question the article on how to ask for it would answer.
  const approved = assessed.type !== 'incident' && !assessed.security && findApproval(description) === 'given';
  const assessment = approved ? { ...assessed, type: 'service_request' as const } : assessed;
  const intake: Intake = { description, assessment, kbTried: [] };
  if (assessment.security) return securityTurn(ctx, draft, intake, deps);
  if (assessment.hazard) return hazardTurn(ctx, draft, intake, deps);
  if (approved) return startDialogTurn(ctx, draft, intake, deps);
  const known = matchKnownProblem(description, ctx.knownProblems ?? [], assessment.category);
  if (known) return knownProblemTurn(ctx, draft, intake, known, deps);
  if (assessment.type === 'incident' && matchNotice(description, ctx.activeBroadcasts, assessment.category, deps)) return knownFromNoticeTurn(ctx, draft, intake, deps);
  // An outage for many people is no moment for self-help reading: nor is a P1, nor a swollen battery.
  const outage = assessment.impact <= 2 && assessment.urgency === 1;
  const urgent = assessment.category === 'security' || assessment.priority === 'P1' || outage;
  // An article this person was shown for an earlier problem in this conversation is not offered again in full.
  const shown = new Set([ctx.currentTicket, ...ctx.recentTickets].filter((t) => t?.conversationId === ctx.conversation.id).flatMap((t) => t!.kbArticles.map((k) => k.id)));
  // Nor an article whose steps are what they already did ("Chrome和Edge都试过了 清了cache也一样").
  const hits = urgent ? [] : deps.kbSearch(collapseRepeats(description), draft.lang).filter((h) => !shown.has(h.id) && !repeatsTriedSteps(description, [h.excerpt, ...(h.answer?.lines ?? [])].join('\n')));
  // A question with no article: pass it to the team as it is; a fault questionnaire would not fit.
  if (hits.length === 0 && assessment.type === 'question') {
    const opened = openTicketTurn(ctx, draft, intake, deps);
    const team = groupLabel(deps.routeGroup(assessment.category), draft.lang);
    return { ...opened, outcome: 'question_forwarded', outbound: [textMessage(say(draft.lang, 'questionForwarded', { group: team })), ...opened.outbound] };
  }
  if (hits.length === 0) return startDialogTurn(ctx, draft, intake, deps);
  const offer = buildKbOffer(hits, draft.lang);
  const kbTried = hits.map((h) => ({ id: h.id, helpful: null }));
  // A question gets no ticket unless it stays unanswered; a fault or a request is logged with the offer.
  if (assessment.type === 'question') return reply({ ...draft, state: { ...draft.state, phase: 'kb_offer', intake: { ...intake, kbTried } } }, 'kb_offered', [offer]);
  // The dialog that would follow knows whether this is a request (a restore, new equipment) or a fault,
  // and its area when the classifier was unsure ("new starter … needs a laptop" is onboarding, not hardware).
  const dialog = deps.dialogs.select(description, assessment.category, assessment.type);
  const category = assessment.categoryUncertain && dialog.type === 'service_request' && dialog.category ? dialog.category : assessment.category;
  const typed = { ...intake, assessment: { ...assessment, type: dialog.type ?? assessment.type, category } };
  const opened = openTicketTurn(ctx, draft, { ...typed, kbTried }, deps);
  const state = { ...draft.state, phase: 'kb_offer' as const, intake: { ...intake, kbTried, logged: true } };
  return { ...opened, state, outcome: 'kb_offered', outbound: [...opened.outbound, offer] };
}

/** A logged ticket's fields at a new impact/urgency/priority, its due times recomputed from when it was opened. */
export function repriced(ticket: Ticket, a: Pick<Intake['assessment'], 'impact' | 'urgency' | 'priority'>, deps: TurnDeps) {
  const due = deps.dueTimes(a.priority, new Date(ticket.createdAt));
  return { impact: a.impact, urgency: a.urgency, priority: a.priority, responseDueAt: due.responseDueAt, resolveDueAt: due.resolveDueAt };
}

export function startDialogTurn(ctx: TurnContext, draft: Draft, intake: Intake, deps: TurnDeps): TurnDecision {
  const a = intake.assessment;
  const def = deps.dialogs.select(intake.description, intake.pickedCategory ?? a.category, a.type);
  // Unsure of the area: log with the best guess (an agent corrects it) rather than show a menu of areas;
  // the questions that follow are the general ones, which fit any area.
  const known = { name: ctx.user.name, email: ctx.user.email, department: ctx.user.department };
  const turn = startDialog(def, { text: intake.description, lang: draft.lang, known, estimate: { impact: a.impact, urgency: a.urgency } });
  return applyDialogTurn(ctx, draft, { ...intake, dialogId: def.id }, turn, deps);
}

function askCategoryTurn(draft: Draft, intake: Intake): TurnDecision {
  const choices = Category.options.map((value) => ({ value, label: categoryLabel(value, draft.lang) }));
  const state = { ...draft.state, phase: 'pick_category' as const, intake };
  return reply({ ...draft, state }, 'category_asked', [{ kind: 'choice', text: say(draft.lang, 'pickCategory'), choices }]);
}

/** The answer to "Which area is it about?": a button, the number or the name (English or Chinese). */
export function categoryAnswerTurn(ctx: TurnContext, draft: Draft, intake: Intake, deps: TurnDeps): TurnDecision {
  const answer = (ctx.message.action?.value ?? ctx.message.text).trim().toLowerCase();
  const picked = Category.options.find((c, i) => answer === c || answer === String(i + 1)
    || answer === categoryLabel(c, 'en') || answer === categoryLabel(c, 'zh'));
  if (!picked) return askCategoryTurn(draft, intake);
  return startDialogTurn(ctx, draft, { ...intake, pickedCategory: picked }, deps);
}

/** The user's next message inside a dialog (a mail reply answers the whole form at once). */
export function dialogTurn(ctx: TurnContext, draft: Draft, intake: Intake, deps: TurnDeps, u?: Understanding): TurnDecision {
  const def = deps.dialogs.get(intake.dialogId ?? '');
  const stored = DialogState.safeParse(draft.state.dialog);
  if (!def || !stored.success) return startDialogTurn(ctx, draft, intake, deps);
  const logged = intake.logged && ctx.currentTicket ? ctx.currentTicket : null;
  // "oh wait, found it" / "算了，已经好了" in the middle of the questions: nothing left to ask, the ticket closes.
  if (u?.act === 'resolved' && logged) return closedAsSelfServed(ctx, draft, logged, deps, 'solved_by_user', { text: ctx.message.text });
  // "hello??" while the ticket waits for the desk is a nudge, not an answer: say who has it and when (sorry if late).
  const chased = chasedTurn(ctx, draft, logged, deps, u);
  if (chased) return chased;
  // The dialog keeps its own language and follows the user only on a clear switch (runner.followLang):
  // the engine's guess would turn "PRN-3F-02" or an e-mail address into English mid-way through a Chinese dialog.
  const input = { text: ctx.message.text, action: ctx.message.action, lang: stored.data.lang, ...(u ? { understanding: u } : {}) };
  const turn = ctx.capabilities.forms ? continueDialogFromForm(def, stored.data, input) : continueDialog(def, stored.data, input);
  return applyDialogTurn(ctx, draft, intake, turn, deps);
}

/**
 * "hello??" / "anything happening with this? nobody's contacted me" while a logged ticket waits for the desk:
 * a nudge, not an answer to the pending question. Says who has it and when (sorry if late); null otherwise.
 */
export function chasedTurn(ctx: TurnContext, draft: Draft, logged: Ticket | null, deps: TurnDeps, u?: Understanding): TurnDecision | null {
  if (ctx.message.action || !logged || !['new', 'escalated', 'in_progress'].includes(logged.status) || !isChaser(ctx.message.text, u?.act)) return null;
  const events = [{ ticketId: logged.id, actor: `user:${ctx.user.id}`, kind: 'user_comment', data: { text: ctx.message.text } }];
  return { ...reply(draft, 'comment', [textMessage(waitingNote(logged, draft.lang, deps, 'chased'))]), events };
}

function applyDialogTurn(ctx: TurnContext, draft: Draft, intake: Intake, turn: DialogTurn, deps: TurnDeps): TurnDecision {
  const lang = turn.state.lang;
  const next: Draft = { ...draft, lang, state: { ...draft.state, phase: 'dialog', intake, dialog: turn.state } };
  const understood = turn.understood;
  const logged = intake.logged && ctx.currentTicket ? ctx.currentTicket : null;
  if (logged) return continueLoggedTurn(ctx, next, intake, logged, turn, deps);
  switch (turn.outcome) {
    case 'done':
      return openTicketTurn(ctx, next, intake, deps, turn.result);
    case 'human':
      return openTicketTurn(ctx, next, intake, deps, turn.result, turn.reason === 'max_retries' ? 'max_retries' : 'requested');
    case 'cancelled':
      return reply({ ...draft, lang, state: { ...draft.state, phase: 'awaiting_description', intake: undefined, dialog: undefined } }, 'cancelled', [textMessage(say(lang, 'cancelled'))]);
    case 'command':
    case 'restart':
      return askedAgain(ctx, next, turn, deps);
    case 'ask':
      return logFirstTurn(ctx, next, intake, turn, deps);
  }
}

/**
 * Log first, then ask: the person gets a ticket number and the expected response time on their first
 * message, and the questions that follow only complete the ticket (nothing is lost if they stop answering).
 */
function logFirstTurn(ctx: TurnContext, draft: Draft, intake: Intake, turn: DialogTurn, deps: TurnDeps): TurnDecision {
  const def = deps.dialogs.get(turn.state.dialogId);
  const partial = def ? buildResult(def, turn.state) : undefined;
  const opened = openTicketTurn(ctx, draft, intake, deps, partial);
  const state = { ...draft.state, phase: 'dialog' as const, intake: { ...intake, logged: true }, dialog: turn.state };
  const ask = question(ctx, { ...draft, state }, turn, deps, [say(draft.lang, 'loggedFirst'), turn.understood].filter(Boolean).join('\n\n'));
  return { ...opened, state, outbound: [...opened.outbound, ...ask] };
}

/** A dialog whose ticket is already logged: answers complete it; "cancel" withdraws it; "human" hands it over. */
function continueLoggedTurn(ctx: TurnContext, draft: Draft, intake: Intake, ticket: Ticket, turn: DialogTurn, deps: TurnDeps): TurnDecision {
  const { lang } = draft;
  const def = deps.dialogs.get(turn.state.dialogId);
  const result = turn.result ?? (def ? buildResult(def, turn.state) : undefined);
  const after = ticket.status === 'escalated' || ticket.status === 'in_progress' ? 'escalated' : 'ticket_open';
  const done = { ...draft.state, phase: after as 'escalated' | 'ticket_open', intake: undefined, dialog: undefined };
  switch (turn.outcome) {
    case 'ask':
      // Someone waiting for a specialist who writes something else ("hello??") is not badgered with the question again.
      if (turn.question?.retry && after === 'escalated') {
        return { ...draft, state: done, outcome: 'comment', tickets: completion(ticket, result, deps), events: [{ ticketId: ticket.id, actor: `user:${ctx.user.id}`, kind: 'user_comment', data: { text: ctx.message.text } }], outbound: [textMessage(waitingNote(ticket, lang, deps))] };
      }
      {
        const asked = raisedWhileAsking(draft, ticket, intake, result, deps, question(ctx, draft, turn, deps, turn.understood)) ?? reply(draft, 'dialog_asked', question(ctx, draft, turn, deps, turn.understood));
        // A correction ("I meant the desktop, not the laptop") reaches the ticket now, not when the questions end.
        const fix: TicketChange[] = turn.corrected && result ? [{ kind: 'update', ticketId: ticket.id, fields: { summary: summarize(result.summary), description: result.description, slots: result.slots } }] : [];
        return { ...asked, tickets: [...asked.tickets, ...fix] };
      }
    case 'cancelled':
      return withdrawTurn(ctx, draft, ticket, deps);
    case 'command':
    case 'restart':
      return askedAgain(ctx, draft, turn, deps);
    case 'human': {
      const escalated = escalateTicketTurn(ctx, { ...draft, state: done }, ticket, deps, turn.reason === 'max_retries' ? 'max_retries' : 'requested');
      return { ...escalated, tickets: [...completion(ticket, result, deps), ...escalated.tickets] };
    }
    default: {
      const changes = completion(ticket, result, deps, lang);
      const update = changes[0]?.kind === 'update' ? changes[0].fields : undefined;
      const raised = update?.priority && priorityRank(update.priority) < priorityRank(ticket.priority) ? update.priority : undefined;
      // A new priority means a new promise: say it.
      const moved = update?.priority && update.responseDueAt
        ? [textMessage(say(lang, 'priorityChanged', { ticket: ticket.number, priority: update.priority, within: deps.responseTarget(update.priority, lang), dueAt: deps.formatTime(update.responseDueAt, lang) }))]
        : [];
      const completed: TurnDecision = {
        ...draft, state: done, outcome: 'ticket_completed', tickets: changes,
        events: [{ ticketId: ticket.id, actor: `user:${ctx.user.id}`, kind: 'details_added', data: { slots: result?.slots ?? {} } }],
        outbound: [textMessage(say(lang, 'ticketCompleted', { ticket: ticket.number })), ...moved],
      };
      // Answers that make it urgent (the whole team, work stopped) send it to a specialist now; so do
      // articles that did not help (the bot cannot resolve it).
      // Raised by these answers, now or earlier in the questions (the logged priority was lower).
      const current = update?.priority ?? ticket.priority;
      const raisedAtAll = priorityRank(current) < priorityRank(intake.assessment.priority) ? current : raised;
      const urgent = raisedAtAll && escalationReason(raisedAtAll, ticket.category) ? 'priority' : null;
      const kbFailed = intake.kbTried.length > 0 && intake.kbTried.every((k) => k.helpful === false) ? 'kb_failed' : null;
      const why = urgent ?? kbFailed;
      if (after === 'ticket_open' && why) {
        const escalated = escalateTicketTurn(ctx, { ...draft, state: done }, { ...ticket, priority: raisedAtAll ?? ticket.priority }, deps, why);
        return { ...escalated, tickets: [...changes, ...escalated.tickets], events: [...completed.events, ...escalated.events], outbound: [...completed.outbound, ...escalated.outbound] };
      }
      return completed;
    }
  }
}

/**
 * An answer mid-way that makes it more urgent ("the whole front office uses it", "can't work at all"): the
 * ticket is raised and the new promise said now, not when the last question is answered (a raise to P1/P2
 * then goes to a specialist). Null when the priority did not rise.
 */
function raisedWhileAsking(
  draft: Draft, ticket: Ticket, intake: Intake, result: DialogResult | undefined, deps: TurnDeps, ask: OutboundMessage[],
): TurnDecision | null {
  const changes = completion(ticket, result, deps);
  const fields = changes[0]?.kind === 'update' ? changes[0].fields : undefined;
  // Raised already in this turn (the answer to the article said it) or earlier: nothing new to say.
  const before = Math.min(priorityRank(ticket.priority), priorityRank(intake.assessment.priority));
  if (!fields?.priority || !fields.responseDueAt || priorityRank(fields.priority) >= before) return null;
  const moved = textMessage(say(draft.lang, 'priorityChanged', { ticket: ticket.number, priority: fields.priority, within: deps.responseTarget(fields.priority, draft.lang), dueAt: deps.formatTime(fields.responseDueAt, draft.lang) }));
  // The hand-over to a specialist waits for the last answer (see continueLoggedTurn): a ticket already with
  // tier-2 would take the next unclear answer for a comment and drop the question.
  return { ...reply(draft, 'dialog_asked', [moved, ...ask]), tickets: changes };
}

/**
 * A logged ticket closed as solved by self-service, no more questions: the article did it (`kb_solved`) or
 * the person fixed it themselves while the questions ran (`solved_by_user`).
 */
export function closedAsSelfServed(
  ctx: TurnContext, draft: Draft, ticket: Ticket, deps: TurnDeps, outcome: 'kb_solved' | 'solved_by_user', data: Record<string, unknown>,
): TurnDecision {
  const at = deps.now.toISOString();
  // Solved by the article: closed like any other ticket, with a line of prevention advice where there is one
  // and one rating question. Fixed by the person alone: nothing of ours to rate.
  const byArticle = outcome === 'kb_solved';
  const tip = byArticle ? preventionAdvice(ticket.category, draft.lang) : undefined;
  return {
    ...draft, state: { ...draft.state, phase: byArticle ? 'awaiting_csat' : 'awaiting_description', intake: undefined, dialog: undefined }, outcome,
    tickets: [{ kind: 'update', ticketId: ticket.id, fields: { status: 'closed', resolvedAt: at, closedAt: at } }],
    events: [{ ticketId: ticket.id, actor: `user:${ctx.user.id}`, kind: 'self_service_resolved', data }],
    outbound: [
      textMessage(say(draft.lang, byArticle ? 'kbSolvedThenRating' : 'solvedByUser', { ticket: ticket.number })),
      ...(tip ? [textMessage(tip)] : []),
      ...(byArticle ? [csatQuestion(draft.lang, say(draft.lang, 'askCsatSelfServed'))] : []),
    ],
  };
}

/** "Cancel" after the ticket was logged: the person no longer needs it, so it is withdrawn (closed), not left open. */
export function withdrawTurn(ctx: TurnContext, draft: Draft, ticket: Ticket, deps: TurnDeps): TurnDecision {
  return {
    ...draft, state: { ...draft.state, phase: 'awaiting_description', intake: undefined, dialog: undefined }, outcome: 'withdrawn',
    tickets: [{ kind: 'update', ticketId: ticket.id, fields: { status: 'closed', closedAt: deps.now.toISOString() } }],
    events: [{ ticketId: ticket.id, actor: `user:${ctx.user.id}`, kind: 'withdrawn', data: {} }],
    outbound: [textMessage(say(draft.lang, 'withdrawn', { ticket: ticket.number }))],
  };
}

/**
 * The ticket fields the answers change: slots, summary, description, and impact/urgency/priority when the
 * person's own answers about who is affected and how much it stops them moved it (up or down: "it can wait").
 */
function completion(ticket: Ticket, result: DialogResult | undefined, deps: TurnDeps, lang?: Lang): TicketChange[] {
  if (!result) return [];
  // The ticket speaks the language the person finished in (notices, the agent's view).
  const fields: Extract<TicketChange, { kind: 'update' }>['fields'] = { slots: result.slots, summary: summarize(result.summary), description: result.description, ...(lang ? { lang } : {}) };
  // Only answers to those questions count; what was read from the first message is already in the priority.
  const answered = ['impact', 'urgency'].some((id) => result.slots[id] !== undefined && !result.prefilled.includes(id));
  // A security ticket never drops below where the event put it.
  const lowering = priorityRank(result.priority) > priorityRank(ticket.priority);
  if (result.priority !== ticket.priority && (answered || !lowering) && !(lowering && ticket.category === 'security')) {
    Object.assign(fields, repriced(ticket, result, deps));
  }
  return [{ kind: 'update', ticketId: ticket.id, fields }];
}

/**
 * A security event: containment advice before anything else, the ticket logged and with the security
 * team at once, and no questionnaire (the specialist asks what they need).
 */
export function securityTurn(ctx: TurnContext, draft: Draft, intake: Intake, deps: TurnDeps): TurnDecision {
  const opened = openTicketTurn(ctx, draft, intake, deps, undefined, 'security');
  const advice = textMessage(containmentAdvice(intake.assessment.security as SecurityEvent, draft.lang, intake.description));
  return { ...opened, outcome: 'security_reported', outbound: [advice, ...opened.outbound, textMessage(say(draft.lang, 'securityMore'))] };
}

/**
 * Smoke, a swollen battery, water on a rack: how to be safe first (openTicketTurn puts it before the number),
 * then a person at once. No questionnaire: an error code or a printer name is nothing to ask someone near smoke.
 */
function hazardTurn(ctx: TurnContext, draft: Draft, intake: Intake, deps: TurnDeps): TurnDecision {
  const opened = openTicketTurn(ctx, draft, intake, deps, undefined, 'priority');
  return { ...opened, outbound: [...opened.outbound, textMessage(say(draft.lang, 'hazardMore'))] };
}

/** A status question or "start over" inside the questions: answered, then the pending question again. */
function askedAgain(ctx: TurnContext, draft: Draft, turn: DialogTurn, deps: TurnDeps): TurnDecision {
  if (turn.outcome === 'restart') return reply(draft, 'dialog_restarted', [textMessage(say(draft.lang, 'restarted')), ...question(ctx, draft, turn, deps)]);
  const status = describeStatus(ctx, draft.lang, turn.command?.kind === 'status' ? turn.command.ticketNumber : undefined, deps, draft.state.lastStatus);
  const remembered = { ...draft, state: { ...draft.state, lastStatus: status.described } };
  // In chat the open question is still on screen just above: asking it again would be asking twice. A mail
  // reply carries the form again, since the person answers in the reply.
  return reply(remembered, 'status', [textMessage(status.text), ...(ctx.capabilities.forms ? question(ctx, draft, turn, deps) : [])]);
}

function question(ctx: TurnContext, draft: Draft, turn: DialogTurn, deps: TurnDeps, preface?: string): OutboundMessage[] {
  if (!turn.question) return [];
  const def = deps.dialogs.get(turn.state.dialogId);
  // Mail: every missing question in one message, answered in one reply.
  if (ctx.capabilities.forms && def) return [buildEmailForm(def, turn.state, draft.lang, preface)];
  return [renderQuestion(turn.question, draft.lang, ctx.capabilities, preface)];
}
