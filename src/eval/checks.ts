import { detectLang } from '../lang';
import { toPlainText } from '../render/plain-text';
import { isAdvice } from '../engine/advice';
import type { Replay } from './replay';
import type { Fact, Scenario } from './scenario';

/** The name of one check and whether it passed (with why not). */
export type CheckResult = { check: string; ok: boolean; why?: string };

// Which dialog slots ask for which fact the user may already have given.
const FACT_SLOTS: Record<Fact, string[]> = {
  when: ['since', 'when_happened'],
  error: ['error'],
  scope: ['impact'],
  location: ['location'],
  device: ['device', 'equipment'],
  email: ['contact'],
  phone: ['phone'],
  approver: ['approver', 'manager'],
  deadline: ['needed_by', 'start_date'],
  application: ['system', 'service', 'client'],
  urgency: ['urgency'],
};

const QUESTION_FACT = new Map(Object.entries(FACT_SLOTS).flatMap(([fact, slots]) => slots.map((s) => [s, fact])));

const botTexts = (replay: Replay) => replay.turns.flatMap((t) => t.replies.map((m) => toPlainText(m)));
const matches = (text: string, pattern: string) => new RegExp(pattern, 'iu').test(text);

/** Judge a replayed scenario on its outcome: every check that applies to it. */
export function checkScenario(scenario: Scenario, replay: Replay): CheckResult[] {
  const results: CheckResult[] = [];
  const add = (check: string, ok: boolean, why?: string) => results.push({ check, ok, ...(ok ? {} : { why }) });
  add('runs', !replay.error, replay.error);
  const texts = botTexts(replay);
  const wrongLang = texts.find((t) => languageOf(t) !== null && languageOf(t) !== scenario.lang);
  add('language', !wrongLang, wrongLang && `reply not in ${scenario.lang}: "${wrongLang.slice(0, 80)}"`);
  add('no-repeated-question', ...noRepeatedQuestion(replay));
  const seen = new Set<string>();
  const repeated = texts.find((t) => t.length > 20 && (seen.has(t) || !seen.add(t)));
  add('no-repeated-message', !repeated, repeated && `said twice: "${repeated.slice(0, 80)}"`);
  const e = scenario.expect;
  if (e.tickets !== undefined) add('tickets', replay.tickets.length === e.tickets, `${replay.tickets.length} tickets, expected ${e.tickets}`);
  if (e.ticket) add('ticket', ...ticketCheck(e.ticket, replay));
  if (e.neverAsk) {
    const asked = replay.turns.map((t) => t.asked && QUESTION_FACT.get(t.asked)).find((f) => f && e.neverAsk!.includes(f as Fact));
    add('never-ask', !asked, `asked for ${asked} although the user said it`);
  }
  if (e.advice !== undefined) add('advice', texts.some(isAdvice) === e.advice, e.advice ? 'no advice given' : 'advice given where none was expected');
  if (e.csatAsked !== undefined) add('csat', texts.some((t) => /1-5|1 = |（1 =|1 =|满意/.test(t)) === e.csatAsked, 'satisfaction question');
  if (e.knownProblemLinked !== undefined) add('known-problem', replay.tickets.some((t) => t.majorIncidentId !== null) === e.knownProblemLinked, 'major-incident link');
  if (e.maxQuestions !== undefined) {
    const asked = replay.turns.filter((t) => t.asked !== null && 'user' in t.step).length;
    add('max-questions', asked <= e.maxQuestions, `${asked} questions, at most ${e.maxQuestions}`);
  }
  replay.turns.forEach((turn, i) => {
    if (!('expect' in turn.step) || !turn.step.expect) return;
    const x = turn.step.expect;
    const said = turn.replies.map((m) => toPlainText(m)).join('\n');
    const missing = x.says?.find((p) => !matches(said, p));
    if (x.says) add('turn-says', !missing, `turn ${i + 1} lacks /${missing}/: "${said.slice(0, 120)}"`);
    const extra = x.notSays?.find((p) => matches(said, p));
    if (x.notSays) add('turn-not-says', !extra, `turn ${i + 1} says /${extra}/`);
    if (x.advice !== undefined) add('turn-advice', turn.replies.some((m) => isAdvice(toPlainText(m))) === x.advice, `turn ${i + 1} advice`);
    if (x.question === 'none') add('turn-no-question', turn.asked === null, `turn ${i + 1} asked ${turn.asked}`);
  });
  return results;
}

/** A reply's language, or null when it has too few letters to tell (a ticket number, "1-5"). */
function languageOf(text: string): string | null {
  const plain = text.replace(/https?:\/\/\S+|\S+@\S+|\b(?:INC|REQ|MI)-\d+\b|\bP[1-5]\b/g, ' ');
  const han = plain.match(/[\u3400-\u9fff]/g)?.length ?? 0;
  const words = plain.match(/[A-Za-z]{3,}/g)?.length ?? 0;
  if (han < 2 && words < 3) return null;
  return detectLang(plain, 'en');
}

function noRepeatedQuestion(replay: Replay): [boolean, string?] {
  const askedBefore = new Map<string, number>();
  const texts = new Set<string>();
  for (const [i, turn] of replay.turns.entries()) {
    if (!turn.asked || !('user' in turn.step)) continue;
    // Per ticket: "Did this solve it?" about a second problem is a new question.
    const key = `${turn.ticketId ?? ''}:${turn.asked}`;
    const previous = askedBefore.get(key);
    // Asking again right after an answer that did not fit is a retry (in other words); later it is a repeat.
    if (previous !== undefined && previous !== i - 1) return [false, `asked ${turn.asked} again at turn ${i + 1}`];
    if (turn.questionText && texts.has(turn.questionText)) return [false, `same question twice: "${turn.questionText.slice(0, 80)}"`];
    askedBefore.set(key, i);
    if (turn.questionText) texts.add(turn.questionText);
  }
  return [true];
}

function ticketCheck(want: NonNullable<Scenario['expect']['ticket']>, replay: Replay): [boolean, string?] {
  const ticket = replay.tickets[replay.tickets.length - 1];
  if (!ticket) return [false, 'no ticket'];
  const wrong: string[] = [];
  if (want.type && !want.type.includes(ticket.type)) wrong.push(`type ${ticket.type}`);
  if (want.category && !want.category.includes(ticket.category)) wrong.push(`category ${ticket.category}`);
  if (want.priority && !want.priority.includes(ticket.priority)) wrong.push(`priority ${ticket.priority}`);
  if (want.status && !want.status.includes(ticket.status)) wrong.push(`status ${ticket.status}`);
  const lacking = want.summary?.says?.find((p) => !matches(ticket.summary, p));
  if (lacking) wrong.push(`summary "${ticket.summary}" lacks /${lacking}/`);
  const claims = want.summary?.notSays?.find((p) => matches(ticket.summary, p));
  if (claims) wrong.push(`summary "${ticket.summary}" says /${claims}/`);
  return wrong.length ? [false, `${ticket.number}: ${wrong.join(', ')}`] : [true];
}
