import { reportTerms } from '../../incidents/similarity';
import type { Ticket } from '../../types/ticket';
import type { KnownProblem } from '../turn-types';
import { matchKnownProblem, namesSystem } from './known-problem';

// A question in words: "can I use Teams for now", "is there a workaround?", "邮箱能用吗", "那我先用网页版可以吗".
const QUESTION = /[?？]\s*$|^(?:(?:ok(?:ay)?|so|and|but|hm+|well)[,.!]*\s+)?(?:can|could|should|shall|may|is|are|do|does|did|will|would|when|what|whats|how|where|why|any)\b|(?:吗|么|呢|能不能|可不可以|行不行|是不是|要不要|怎么办|怎么弄|多久|什么时候|啥时候)[\s。.!！]*$/i;

/** Whether a follow-up asks something rather than adds a fact. */
export function asksQuestion(text: string): boolean {
  return QUESTION.test(text.trim());
}

/**
 * The notices in force about a ticket's problem: those about its major incident when it is linked to one,
 * else those that name the ticket's own system (one shared word that is not a complaint word).
 */
export function noticesAbout(ticket: Ticket, notices: readonly string[], problems: readonly KnownProblem[]): string[] {
  const problem = ticket.majorIncidentId === null ? undefined : problems.find((p) => p.id === ticket.majorIncidentId);
  if (problem) return notices.filter((notice) => matchKnownProblem(notice, [problem]) !== undefined);
  const summary = reportTerms(ticket.summary);
  return notices.filter((notice) => [...reportTerms(notice)].some((term) => namesSystem(term) && summary.has(term)));
}

/**
 * The sentences of those notices that answer a question ("can I just use Teams for now?" is answered by
 * "Teams meetings work as a fallback."): each shares a word with the question that the problem's own
 * name does not already account for. Nothing when no sentence speaks to what was asked.
 */
export function noticeSentencesAnswering(question: string, notices: readonly string[], ticket: Ticket): string[] {
  const asked = reportTerms(question);
  const own = reportTerms(ticket.summary);
  const found: string[] = [];
  for (const notice of notices) {
    for (const sentence of notice.match(/[^.;。；!！?？]+[.;。；!！?？]?/g) ?? []) {
      const terms = reportTerms(sentence);
      if ([...asked].some((term) => terms.has(term) && !own.has(term))) found.push(sentence.trim());
    }
  }
  return [...new Set(found)];
}
