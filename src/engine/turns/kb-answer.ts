import { readCorrection, applyCorrection } from '../../understand/correction';
import { isHowTo } from '../../understand/intent';
import type { Understanding } from '../../understand';
import { parseYesNo } from '../../dialog/slot-types';
import type { TicketChange } from '../../store/store';
import type { Ticket } from '../../types/ticket';
import { priorityRank } from '../../tickets/priority';
import { say } from '../messages';
import type { Intake } from '../state';
import { summarize } from '../../render/summarize';
import { preventionAdvice } from '../advice';
import { reply, textMessage, type Draft, type TurnContext, type TurnDecision, type TurnDeps } from '../turn-types';
import { csatQuestion, reportsProblem } from './after-resolve';
import { chasedTurn, closedAsSelfServed, repriced, startDialogTurn, startIntakeTurn } from './intake';
import { escalateTicketTurn, escalationReason } from './open-ticket';

// The answer to "Did this solve it?" after articles were offered (moved out of intake.ts, which starts the intake).

// "sorted it myself, the cable was loose" / "我自己弄好了": solved, but not by the article or the desk.
const FIXED_IT_MYSELF = /\b(?:myself|on my own|my own)\b|自己(?:弄|搞|修|解决|处理)/i;

// "ok" / "好的" / "got it": the article was read, which does not say the problem is gone.
const ACKNOWLEDGED = /^(?:ok(?:ay)?|k+|got it|gotcha|understood|好的?|嗯+|行|收到|知道了|明白了|懂了|了解了)[\s.!。！~～]*$/i;

/** "Did this solve it?" asked once more, as a yes/no choice (`question` says why it is asked again). */
function askSolvedAgain(draft: Draft, question: 'kbYesNo' | 'kbTryFirst'): TurnDecision {
  const choices = [{ value: 'yes', label: say(draft.lang, 'kbYes') }, { value: 'no', label: say(draft.lang, 'kbNo') }];
  return reply({ ...draft, state: { ...draft.state, confirmAsked: true } }, 'kb_confirm_asked', [{ kind: 'choice', text: say(draft.lang, question), choices }]);
}

/** The answer to "Did this solve it?": yes logs a self-service resolution, anything else goes on to the questions. */
export function kbAnswerTurn(ctx: TurnContext, draft: Draft, intake: Intake, text: string, deps: TurnDeps, u?: Understanding): TurnDecision {
  // "great thanks" to "did this solve it?" is a yes: nobody thanks an article that did not help without saying so.
  // So is saying it works now ("试了下 连上了 谢谢！").
  const answer = ctx.message.action?.value ?? parseYesNo(text) ?? ((u?.act === 'thanks' || u?.act === 'resolved') && !u.details ? 'yes' : undefined);
  // "kind of?" / "好像可以吧": ask yes or no once rather than guess either way; a longer answer carries its own detail.
  if (answer === undefined && !ctx.message.action && u?.hedged && text.length <= 40 && !draft.state.confirmAsked) return askSolvedAgain(draft, 'kbYesNo');
  // "ok" / "好的" to "did this solve it?" acknowledges the article; it does not say the problem is gone.
  if (answer === 'yes' && !ctx.message.action && ACKNOWLEDGED.test(text.trim()) && !draft.state.confirmAsked) return askSolvedAgain(draft, 'kbTryFirst');
  draft = { ...draft, state: { ...draft.state, confirmAsked: undefined } };
  const logged = intake.logged && ctx.currentTicket ? ctx.currentTicket : null;
  // A day later, "anything happening with this?" chases the ticket; it is no "no" to the article.
  const chased = answer === undefined ? chasedTurn(ctx, draft, logged, deps, u) : null;
  if (chased) return chased;
  if (answer === 'yes' && logged && !ctx.message.action && FIXED_IT_MYSELF.test(text)) return closedAsSelfServed(ctx, draft, logged, deps, 'solved_by_user', { text });
  if (answer === 'yes' && logged && u?.details && reportsProblem(u.details)) return solvedAndMovingOn(ctx, draft, logged, intake, u.details, deps);
  if (answer === 'yes' && logged) return closedAsSelfServed(ctx, draft, logged, deps, 'kb_solved', { articles: intake.kbTried.map((k) => k.id) });
  if (answer === 'yes') return answeredWithoutTicket(ctx, draft, intake, deps, u);
  const kbTried = intake.kbTried.map((k) => ({ ...k, helpful: false }));
  // Anything but a bare yes/no is more detail about the same problem ("no, other people can't print either"): keep it.
  // A "no" the reading found no separate details in ("没用 不是我一个人 整个3楼都连不上") still brings them when it is long.
  const extra = answer === 'no' ? u?.details ?? (text.length >= 12 ? text : '') : answer === undefined && text.length >= 4 ? text : '';
  // After a how-to ("how do I connect to the Wi-Fi?"), what went wrong is the problem: it leads, the question follows.
  // A correction ("不对，不是vpn，是公司wifi") rewrites what it corrects instead.
  const correction = extra ? readCorrection(extra) : undefined;
  const rewritten = correction ? applyCorrection(intake.description, correction) : undefined;
  const description = rewritten ? [rewritten, correction?.rest].filter(Boolean).join('\n') : !extra ? intake.description : isHowTo(intake.description) ? `${extra}\n${intake.description}` : `${intake.description}\n${extra}`;
  // What they add can widen the scope or raise the urgency: judge again, never lower.
  const reassessed = extra ? deps.assess(description) : intake.assessment;
  const raised = priorityRank(reassessed.priority) < priorityRank(intake.assessment.priority);
  const assessment = raised ? { ...intake.assessment, impact: reassessed.impact, urgency: reassessed.urgency, priority: reassessed.priority } : intake.assessment;
  const next = startDialogTurn(ctx, draft, { ...intake, description, kbTried, assessment }, deps);
  const fields = logged && raised && priorityRank(assessment.priority) < priorityRank(logged.priority) ? repriced(logged, assessment, deps) : undefined;
  // A corrected description reaches the logged ticket now (its summary still says what was wrong).
  const rewrite = logged && rewritten ? { summary: summarize(description), description } : undefined;
  const raise: TicketChange[] = logged && (fields || rewrite) ? [{ kind: 'update', ticketId: logged.id, fields: { ...rewrite, ...fields } }] : [];
  // Raised to P1/P2: a specialist takes it now (promised at the new priority's due time), while the questions go on.
  if (logged && fields && escalationReason(assessment.priority, logged.category) && logged.status !== 'escalated') {
    const esc = escalateTicketTurn(ctx, draft, { ...logged, ...fields }, deps, 'priority');
    const sorry = textMessage(say(draft.lang, 'kbNotSolvedEscalated'));
    return { ...next, tickets: [...raise, ...esc.tickets, ...next.tickets], events: [...esc.events, ...next.events], outbound: [sorry, ...esc.outbound, ...next.outbound] };
  }
  // A ticket logged by this very turn introduces its own questions: the apology alone, not a second lead-in.
  const sorry = next.tickets.some((t) => t.kind === 'open') ? say(draft.lang, 'kbNotSolvedEscalated')
    : logged ? say(draft.lang, 'kbNotSolvedLogged', { ticket: logged.number }) : say(draft.lang, 'kbNotSolved');
  return { ...next, tickets: [...raise, ...next.tickets], outbound: [textMessage(sorry), ...next.outbound] };
}

/**
 * A how-to the article answered: no ticket (DESIGN: a question gets one only when it stays unanswered); the
 * answer is recorded for the self-service figures and the article's rating. "that worked, also my …" goes on
 * to the new thing.
 */
function answeredWithoutTicket(ctx: TurnContext, draft: Draft, intake: Intake, deps: TurnDeps, u?: Understanding): TurnDecision {
  const kbAnswer = { lang: draft.lang, category: intake.assessment.category, articles: intake.kbTried.map((k) => k.id) };
  const cleared = { ...draft, state: { ...draft.state, phase: 'awaiting_description' as const, intake: undefined, dialog: undefined } };
  if (u?.details && reportsProblem(u.details)) {
    const next = startIntakeTurn(ctx, cleared, u.details, deps);
    return { ...next, kbAnswer, outbound: [textMessage(say(draft.lang, 'kbAnsweredMovingOn')), ...next.outbound] };
  }
  // The same one-line prevention tip and rating question a ticket closed by an article gets; the rating is kept with the answer.
  const tip = preventionAdvice(intake.assessment.category, draft.lang);
  const rating = { ...cleared, state: { ...cleared.state, phase: 'awaiting_csat' as const, rating: 'kb_answer' as const } };
  const outbound = [textMessage(say(draft.lang, 'kbAnswered')), ...(tip ? [textMessage(tip)] : []), csatQuestion(draft.lang, say(draft.lang, 'askCsatSelfServed'))];
  return { ...reply(rating, 'kb_answered', outbound), kbAnswer };
}

/** "ok that fixed it. also, can you add me to …": the article closes this ticket and the other thing is taken in now. */
function solvedAndMovingOn(ctx: TurnContext, draft: Draft, ticket: Ticket, intake: Intake, details: string, deps: TurnDeps): TurnDecision {
  const closed = closedAsSelfServed(ctx, draft, ticket, deps, 'kb_solved', { articles: intake.kbTried.map((k) => k.id) });
  const next = startIntakeTurn(ctx, { ...draft, state: { ...draft.state, phase: 'awaiting_description', intake: undefined, dialog: undefined } }, details, deps);
  return {
    ...next,
    tickets: [...closed.tickets, ...next.tickets],
    events: [...closed.events, ...next.events],
    outbound: [textMessage(say(draft.lang, 'closedMovingOn', { ticket: ticket.number })), ...next.outbound],
  };
}
