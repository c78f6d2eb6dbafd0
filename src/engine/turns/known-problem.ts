import { incidentHeadline } from '../../incidents/incident-messages';
import { conceptTermsOf, isSystemConcept, reportTerms, termSimilarity } from '../../incidents/similarity';
import { say } from '../messages';
import type { Intake } from '../state';
import { textMessage, type Draft, type KnownProblem, type TurnContext, type TurnDecision, type TurnDeps } from '../turn-types';
import { openTicketTurn } from './open-ticket';

const NONE: ReadonlySet<string> = new Set();

/**
 * A term that names a system or product ("erp", "outlook", "wifi") rather than a short word: an English word
 * of three letters or more; with `chinese`, a Chinese term too (bigram or word: "上海", "飞书").
 */
export function namesSystem(term: string, options: { chinese?: boolean } = {}): boolean {
  return (term.startsWith('w:') && term.length > 4) || (options.chinese === true && term.startsWith('z'));
}

/**
 * The open major incident a report is about, if any: it shares the incident's own words (the system,
 * the office) rather than complaint words, which similarity.ts leaves out; in the incident's own area one such word.
 */
export function matchKnownProblem(text: string, problems: readonly KnownProblem[], category?: string): KnownProblem | undefined {
  const terms = withConcepts(text);
  let best: { problem: KnownProblem; cosine: number } | undefined;
  for (const problem of problems) {
    const title = withConcepts(problem.title);
    const own = problem.keywords ? reportTerms(problem.keywords) : NONE;
    const { cosine, shared } = termSimilarity(terms, title);
    // A shared product or system name ("erp", "outlook", or the same system in the other language: "云桌面" for a
    // "virtual desktop") is the incident's own word; Chinese needs two shared bigrams.
    // Words an alert gave (its service and aliases) are the incident's own by definition: one of them, in any language, names it.
    const named = [...terms].some((t) => ((namesSystem(t) || isSystemConcept(t)) && title.has(t)) || own.has(t));
    // In the incident's own area one shared word is enough ("邮件发不出去" during "邮件服务中断"): the reply says how to tell us it is different.
    const sameArea = category === problem.category && shared >= 1;
    if ((named || sameArea || (shared >= 2 && cosine >= 0.1)) && (!best || cosine > best.cosine)) best = { problem, cosine };
  }
  return best?.problem;
}

/** A text's terms and the IT concepts it names, so a Chinese report meets an incident titled in English. */
function withConcepts(text: string): ReadonlySet<string> {
  return new Set([...reportTerms(text), ...conceptTermsOf(text)]);
}

/**
 * The notice in force a fault report is about, when no major incident is open for it ("is the wifi down on 3
 * again?" while "Wi-Fi outage on floor 3" is announced): the notice reads as the same area and shares the
 * system's own word with the report.
 */
export function matchNotice(text: string, notices: readonly string[], category: string, deps: Pick<TurnDeps, 'assess'>): string | undefined {
  const terms = reportTerms(text);
  return notices.find((notice) => {
    const own = reportTerms(notice);
    const named = [...terms].some((t) => namesSystem(t, { chinese: true }) && own.has(t));
    // The headline says what is down ("上海办公室网络中断：…") where the advice after it may read as another area.
    return named && [notice.split(/[:：。;；]|\.\s/)[0], notice].some((part) => deps.assess(part).category === category);
  });
}

/** A report of the outage a notice is out for: logged, no questions, and the person hears when it is fixed. */
export function knownFromNoticeTurn(ctx: TurnContext, draft: Draft, intake: Intake, deps: TurnDeps): TurnDecision {
  const opened = openTicketTurn(ctx, draft, { ...intake, assessment: { ...intake.assessment, type: 'incident', categoryUncertain: false } }, deps);
  return { ...opened, outcome: 'known_from_notice', outbound: [textMessage(say(draft.lang, 'knownFromNotice')), ...opened.outbound.slice(0, 1)] };
}

/**
 * Known problem first: say at once that it is known and being worked on, log the report linked to the
 * major incident (the person hears when it is fixed), and ask nothing; a different problem is one line away.
 */
export function knownProblemTurn(ctx: TurnContext, draft: Draft, intake: Intake, problem: KnownProblem, deps: TurnDeps): TurnDecision {
  const linked: Intake = { ...intake, assessment: { ...intake.assessment, category: problem.category, type: 'incident', categoryUncertain: false } };
  const opened = openTicketTurn(ctx, draft, linked, deps, undefined, undefined, problem.id);
  const title = incidentHeadline(problem.title);
  return {
    ...opened,
    outcome: 'known_problem',
    events: [...opened.events, { ticketId: 'new', actor: 'bot', kind: 'major_incident_linked', data: { majorIncident: problem.number } }],
    outbound: [textMessage(say(draft.lang, 'knownProblem', { incident: problem.number, title })), ...opened.outbound.slice(0, 1)],
  };
}
