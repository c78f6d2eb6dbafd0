import { parseYesNo } from '../../dialog/slot-types';
import type { Understanding } from '../../understand';
import { isHedge, isWaitAndSee, saysItCameBack } from '../../understand/act';
import { preventionAdvice } from '../advice';
import { reply } from '../turn-types';
import type { Ticket } from '../../types/ticket';
import { say } from '../messages';
import { textMessage, type Draft, type TurnContext, type TurnDecision, type TurnDeps } from '../turn-types';
import type { Lang, OutboundMessage } from '../../types/conversation';

/**
 * "Is it fixed?" after an agent resolved the ticket: yes closes it and asks for a rating; no, or any
 * other report, reopens it to the same agent (who owns the conversation again) or group.
 */
export function confirmationTurn(
  ctx: TurnContext, draft: Draft, ticket: Ticket, deps: TurnDeps, u?: Understanding, newIntake?: (draft: Draft, description: string) => TurnDecision,
): TurnDecision {
  // "I think so?" / "应该吧" is a hedge, not a yes: ask rather than close on a guess.
  const hedged = !ctx.message.action && isHedge(ctx.message.text);
  const said = hedged ? undefined : ctx.message.action?.value ?? u?.polarity ?? parseYesNo(ctx.message.text);
  // "kinda, it held for a bit then kicked me out again" / "又掉线了": the fault came back, a clear "not fixed".
  // It wins over a "yes" in the same breath ("好了一会儿，现在又断了").
  const answer = !ctx.message.action && saysItCameBack(ctx.message.text) ? 'no' : said;
  const now = deps.now.toISOString();
  const actor = `user:${ctx.user.id}`;
  // "hmm ok, I'll keep an eye on it": neither closed nor reopened; the ticket waits, and the next word decides.
  if (answer !== 'no' && !ctx.message.action && isWaitAndSee(ctx.message.text)) {
    return reply({ ...draft, state: { ...draft.state, confirmAsked: true } }, 'confirm_asked', [textMessage(say(draft.lang, 'confirmWatching', { ticket: ticket.number }))]);
  }
  if (answer !== 'yes' && answer !== 'no') {
    // Unclear: ask "yes or no?" once; never guess the costly way (reopening). Later, it is a comment.
    if (!draft.state.confirmAsked) return reply({ ...draft, state: { ...draft.state, confirmAsked: true } }, 'confirm_asked', [{ kind: 'choice', text: say(draft.lang, 'confirmYesNo', { ticket: ticket.number }), choices: [{ value: 'yes', label: say(draft.lang, 'kbYes') }, { value: 'no', label: say(draft.lang, 'kbNo') }] }]);
    return { ...draft, outcome: 'comment', tickets: [], events: [{ ticketId: ticket.id, actor, kind: 'user_comment', data: { text: ctx.message.text } }], outbound: [textMessage(say(draft.lang, 'addedToTicket', { ticket: ticket.number }))] };
  }
  if (answer === 'yes' && u?.details && reportsProblem(u.details) && newIntake) {
    // "Thanks, that works. Different thing: my keyboard …": this one closes, the new one is taken in now.
    const closed = textMessage(say(draft.lang, 'closedMovingOn', { ticket: ticket.number }));
    const next = newIntake({ ...draft, state: { ...draft.state, phase: 'awaiting_description', confirmAsked: undefined } }, u.details);
    return {
      ...next,
      tickets: [{ kind: 'update', ticketId: ticket.id, fields: { status: 'closed', closedAt: now } }, ...next.tickets],
      events: [{ ticketId: ticket.id, actor, kind: 'closed', data: { by: 'requester' } }, ...next.events],
      outbound: [closed, ...next.outbound],
    };
  }
  if (answer === 'yes') {
    const tip = preventionAdvice(ticket.category, draft.lang);
    return {
      ...draft,
      state: { ...draft.state, phase: 'awaiting_csat', confirmAsked: undefined },
      outcome: 'confirmed',
      tickets: [{ kind: 'update', ticketId: ticket.id, fields: { status: 'closed', closedAt: now } }],
      events: [{ ticketId: ticket.id, actor, kind: 'closed', data: { by: 'requester' } }],
      outbound: [...(tip ? [textMessage(tip)] : []), csatQuestion(draft.lang, say(draft.lang, 'askCsat', { ticket: ticket.number }))],
    };
  }
  return reopenTurn(ctx, draft, ticket);
}

/**
 * The fault is back: the ticket reopens to the same agent (who owns the conversation again) or group. Also
 * after the closing and the rating ("ugh its back, dropped twice again"): the same problem, not a new one.
 */
export function reopenTurn(ctx: TurnContext, draft: Draft, ticket: Ticket): TurnDecision {
  const actor = `user:${ctx.user.id}`;
  return {
    ...draft,
    mode: ticket.agentId ? 'agent' : draft.mode,
    state: { ...draft.state, phase: 'escalated', confirmAsked: undefined },
    outcome: 'reopened',
    tickets: [{ kind: 'update', ticketId: ticket.id, fields: { status: 'reopened', resolvedAt: null } }],
    events: [{ ticketId: ticket.id, actor, kind: 'reopened', data: { text: ctx.message.text } }],
    outbound: [textMessage(say(draft.lang, 'reopened', { ticket: ticket.number }))],
  };
}

/** The one satisfaction question after a ticket closes: 1-5, or skip. */
export function csatQuestion(lang: Lang, text: string): OutboundMessage {
  return { kind: 'choice', text, choices: [...['1', '2', '3', '4', '5'].map((n) => ({ value: n, label: n })), { value: 'skip', label: say(lang, 'csatSkip') }] };
}

const SCORE_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 };
// "4", "4/5", "4 out of 5", "I'd give it a 4", "4 stars", "给4分吧", "打五星", "三分吧": the score and what follows it.
const RATING = /^(?:(?:i(?:'?d| would)? (?:say|give(?: (?:it|you|that))?)|rating:?|score:?|给|打|评|我给|我打|就|那就)\s*(?:a |an )?)?([1-5]|one|two|three|four|five|[一二两三四五](?=\s*(?:分|星|颗星)))(?:\s*(?:\/\s*5|out of (?:5|five)|stars?|分|星|颗星))?(?:\s*(?:吧|啦|呀|哈|了|嘛|呗|!+|！+))?(?:[\s,.:;，。：!！-]+(.*))?$/is;

/** A 1-5 rating at the start of `text`, with the comment after it (null when none), or null when it is not one. */
export function readRating(text: string): { score: number; comment: string | null } | null {
  const match = RATING.exec(text.trim());
  if (!match) return null;
  const word = match[1]!.toLowerCase();
  return { score: SCORE_WORDS[word] ?? Number(word), comment: match[2]?.trim() || null };
}

/** What a rating is for: the conversation's ticket, or a question the articles answered without one (state.rating). */
export type Rated = { ticket: Ticket } | { kbAnswer: true };

/** The rating and comment kept where they belong: on the ticket (its csat field and audit trail) or on the answer. */
function ratingKept(ctx: TurnContext, rated: Rated, kind: 'csat' | 'csat_comment' | 'csat_skipped', data: { score?: number; comment?: string | null }): Pick<TurnDecision, 'tickets' | 'events' | 'kbAnswerRating'> {
  if ('kbAnswer' in rated) {
    const rating = { ...(data.score ? { score: data.score } : {}), ...(data.comment ? { comment: data.comment } : {}) };
    return { tickets: [], events: [], ...(kind === 'csat_skipped' ? {} : { kbAnswerRating: rating }) };
  }
  const { ticket } = rated;
  return {
    tickets: data.score ? [{ kind: 'update', ticketId: ticket.id, fields: { csat: data.score } }] : [],
    events: [{ ticketId: ticket.id, actor: `user:${ctx.user.id}`, kind, data }],
  };
}

/** The 1-5 rating (with an optional comment after the number); "skip" or a new problem moves on. */
export function csatTurn(ctx: TurnContext, draft: Draft, rated: Rated): TurnDecision | null {
  const text = ctx.message.action?.value ?? ctx.message.text.trim();
  const rating = readRating(text);
  const next: Draft = { ...draft, state: { ...draft.state, phase: 'awaiting_description', rating: undefined } };
  if (rating) {
    // Without a comment yet, the next message may be one (kept with the rating).
    if (!rating.comment) next.state = { ...next.state, phase: 'csat_comment', rating: draft.state.rating };
    return { ...next, outcome: 'csat', ...ratingKept(ctx, rated, 'csat', { score: rating.score, comment: rating.comment }), outbound: [textMessage(say(draft.lang, 'csatThanks'))] };
  }
  if (/^(skip|跳过|no thanks|不用了)$/i.test(text)) return { ...next, outcome: 'csat_skipped', ...ratingKept(ctx, rated, 'csat_skipped', {}), outbound: [] };
  return null;
}

// Words of a new report ("also my printer is broken now"): such a message starts an intake, not a comment.
const NEW_PROBLEM = /\b(can'?t|cannot|won'?t|not working|doesn'?t|broken|error|fail\w*|crash\w*|down|stopped|new problem|another (problem|issue|thing)|different (thing|issue|problem|question)|one more thing|unrelated|separate(ly)?|btw|by the way|missing|keeps|slow|also)\b|[?？]|不能|不了|无法|打不开|连不上|登不上|坏了|报错|错误|崩溃|闪退|新问题|另外|还有|另一个|顺便|不见了|很慢/i;

/** Whether a message after the rating reports something rather than commenting on the help. */
export function reportsProblem(text: string): boolean {
  return text.length > 200 || NEW_PROBLEM.test(text);
}

/** The comment that follows a rating, kept with it. */
export function csatCommentTurn(ctx: TurnContext, draft: Draft, rated: Rated): TurnDecision {
  return {
    ...draft,
    state: { ...draft.state, phase: 'awaiting_description', rating: undefined },
    outcome: 'csat_comment',
    ...ratingKept(ctx, rated, 'csat_comment', { comment: ctx.message.text.trim().slice(0, 2000) }),
    outbound: [textMessage(say(draft.lang, 'csatCommentThanks'))],
  };
}
