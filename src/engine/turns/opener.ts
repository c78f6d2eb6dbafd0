import { hasLanguageSignal } from '../../lang';
import type { Understanding } from '../../understand';
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

function clarifyAgainReply(draft: Draft): TurnDecision {
  return reply({ ...draft, state: { ...draft.state, phase: 'clarify', clarified: 2 } }, 'person_offered', [textMessage(say(draft.lang, 'clarifyAgain'))]);
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
  if ((draft.state.clarified ?? 1) < 2 && u?.act !== 'human') return clarifyAgainReply(draft);
  const said = [draft.state.pending, text].filter((t): t is string => Boolean(t && hasLanguageSignal(t))).join('\n');
  return handOffTurn(ctx, draft, deps, said || say(draft.lang, 'askedForPerson'));
}

/** The one line about the topic after "talk to a human": the ticket goes to the team that topic belongs to, at its priority. */
export function topicTurn(ctx: TurnContext, draft: Draft, deps: TurnDeps, text: string, u: Understanding): TurnDecision {
  if (u.vague || u.act === 'human' || !hasLanguageSignal(text)) return handOffTurn(ctx, draft, deps, text && hasLanguageSignal(text) ? text : say(draft.lang, 'askedForPerson'));
  return handOffTurn(ctx, draft, deps, text);
}

function handOffTurn(ctx: TurnContext, draft: Draft, deps: TurnDeps, description: string): TurnDecision {
  const assessment = deps.assess(description);
  const intake: Intake = { description, assessment: { ...assessment, categoryUncertain: false }, kbTried: [] };
  const clean: Draft = { ...draft, state: { ...draft.state, clarified: undefined, pending: undefined } };
  if (assessment.security) return securityTurn(ctx, clean, intake, deps);
  return openTicketTurn(ctx, clean, intake, deps, undefined, 'requested');
}
