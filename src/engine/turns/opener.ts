import { hasLanguageSignal } from '../../lang';
import { understand, type Understanding } from '../../understand';
import { withoutAskForPerson } from '../../understand/act';
import { say } from '../messages';
import type { Intake } from '../state';
import { reply, textMessage, type Draft, type TurnContext, type TurnDecision, type TurnDeps } from '../turn-types';
import { securityTurn } from './intake';
import { openTicketTurn } from './open-ticket';

/** A vague opener ("help", "帮帮我", emoji only): one open question with examples. */
export function clarifyTurn(draft: Draft, text: string): TurnDecision {
  if (draft.state.phase === 'clarify') return clarifyAgainReply(draft);
  return reply({ ...draft, state: { ...draft.state, phase: 'clarify', clarified: 1, pending: text } }, 'clarify_asked', [textMessage(say(draft.lang, 'clarify'))]);
}

/** The person is offered; what this line said ("the thing on my screen") is kept for the ticket that may follow. */
function clarifyAgainReply(draft: Draft, text?: string): TurnDecision {
  const pending = [draft.state.pending, text].filter((t): t is string => Boolean(t && hasLanguageSignal(t))).join('\n') || undefined;
  return reply({ ...draft, state: { ...draft.state, phase: 'clarify', clarified: 2, pending } }, 'person_offered', [textMessage(say(draft.lang, 'clarifyAgain'))]);
}

/** Only a device or app named ("电脑", "my laptop"): what happens with it, keeping what was said for the ticket. */
export function askAboutThingTurn(draft: Draft, text: string, thing: string): TurnDecision {
  const pending = [draft.state.pending, text].filter((t): t is string => Boolean(t && hasLanguageSignal(t))).join('\n');
  const state = { ...draft.state, phase: 'clarify' as const, clarified: draft.state.clarified ?? 1, pending };
  return reply({ ...draft, state }, 'thing_asked', [textMessage(say(draft.lang, 'askAboutThing', { thing }))]);
}

/**
 * Still vague after the open question: offer a person (never the same question again); after that
 * offer, a yes or a third vague line hands the conversation to the service desk with what was said.
 */
export function clarifyAgainTurn(ctx: TurnContext, draft: Draft, deps: TurnDeps, text: string, u?: Understanding): TurnDecision {
  // A yes only accepts the person offered after the second question ("👍" to "what is wrong?" accepts nothing);
  // asking for a person in so many words is never offered a person: it gets one.
  if ((draft.state.clarified ?? 1) < 2 && u?.act !== 'human') return clarifyAgainReply(draft, text);
  // "it doesnt work again" then "concur keeps spinning, get me a person": the ticket is about concur, not the vague opener.
  const opener = u && !u.vague && draft.state.pending && isVague(draft.state.pending, deps) ? undefined : draft.state.pending;
  const said = [opener, text].filter((t): t is string => Boolean(t && hasLanguageSignal(t))).join('\n');
  return handOffTurn(ctx, draft, deps, said || say(draft.lang, 'askedForPerson'));
}

/** The one line about the topic after "talk to a human": the ticket goes to the team that topic belongs to, at its priority. */
export function topicTurn(ctx: TurnContext, draft: Draft, deps: TurnDeps, text: string, u: Understanding): TurnDecision {
  if (u.vague || u.act === 'human' || !hasLanguageSignal(text)) return handOffTurn(ctx, draft, deps, text && hasLanguageSignal(text) ? text : say(draft.lang, 'askedForPerson'));
  return handOffTurn(ctx, draft, deps, text);
}

/** Whether an earlier line said nothing about the problem ("help", "it doesnt work again"). */
function isVague(line: string, deps: TurnDeps): boolean {
  return understand(line, { now: deps.now, timeZone: deps.timeZone ?? 'UTC' }).vague;
}

function handOffTurn(ctx: TurnContext, draft: Draft, deps: TurnDeps, said: string): TurnDecision {
  // The ticket is about the problem, not about the wish for a person (which would read as a request).
  const description = withoutAskForPerson(said);
  const assessment = deps.assess(description);
  const intake: Intake = { description, assessment: { ...assessment, categoryUncertain: false }, kbTried: [] };
  const clean: Draft = { ...draft, state: { ...draft.state, clarified: undefined, pending: undefined } };
  if (assessment.security) return securityTurn(ctx, clean, intake, deps);
  return openTicketTurn(ctx, clean, intake, deps, undefined, 'requested');
}
