import type { ChoiceDef } from './schema';

/** Lower-case, trim, drop surrounding punctuation and full-width spaces, so "  My team! " equals "my team". */
export function normalizeAnswer(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u3000]+/g, ' ')
    .replace(/^[\s"'“”‘’「」.,!?;:，。！？；：、()（）\[\]【】-]+|[\s"'“”‘’「」.,!?;:，。！？；：、()（）\[\]【】-]+$/g, '')
    .trim();
}

// Values ("me") are matched only exactly: inside a sentence they are ordinary words.
function namesOf(choice: ChoiceDef, withValue: boolean): string[] {
  const values = withValue ? [choice.value, choice.value.replace(/_/g, ' ')] : [];
  return [...values, choice.label.en, choice.label.zh, ...(choice.synonyms ?? [])].map(normalizeAnswer);
}

const HAN = /[\u3400-\u9fff]/;

/** Whether `name` occurs in `text` as a whole word (Latin) or as a substring (Chinese). */
function contains(text: string, name: string): boolean {
  if (!name) return false;
  if (HAN.test(name)) return text.includes(name);
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-z0-9])${escaped}($|[^a-z0-9])`).test(text);
}

/**
 * The choice an answer names: its number ("2", "2."), value, label in either language or a synonym;
 * failing an exact match, the single choice whose name occurs inside the answer.
 */
export function matchChoice(choices: ChoiceDef[], answer: string): string | undefined {
  const a = normalizeAnswer(answer);
  if (!a) return undefined;
  const num = /^(?:#|no\.?\s*|option\s*|选项?\s*|第)?(\d{1,2})(?:个|项)?$/.exec(a);
  if (num) return choices[Number(num[1]) - 1]?.value;
  const exact = choices.find((c) => namesOf(c, true).includes(a));
  if (exact) return exact.value;
  return matchChoiceInText(choices, answer);
}

/** The single choice whose label or synonym occurs in a longer text; undefined when none or several do. */
export function matchChoiceInText(choices: ChoiceDef[], text: string): string | undefined {
  const t = normalizeAnswer(text);
  const hits = choices
    .map((c) => ({ c, names: namesOf(c, false).filter((n) => n.length >= 2 && contains(t, n)) }))
    .filter((h) => h.names.length > 0);
  // "haven't clicked" names "no" and, inside it, "clicked" ("yes"): the longer phrase is what the user said.
  const longer = hits.filter((h) => !h.names.every((n) => hits.some((o) => o !== h && o.names.some((m) => m.length > n.length && m.includes(n)))));
  if (longer.length <= 1) return longer[0]?.c.value;
  // "Outlook won't send, webmail sends fine": a place the text says works is not the one the question is about.
  const failing = longer.filter((h) => !namedAsWorking(t, h.names));
  if (failing.length === 1) return failing[0].c.value;
  // "hasn't received a single email … customers send their orders there": the one said not to work.
  const negated = failing.filter((h) => h.names.some((n) => NEGATION_BEFORE.test(t.slice(0, Math.max(0, t.indexOf(n))).slice(-14))));
  return negated.length === 1 ? negated[0].c.value : undefined;
}

// A negation just before a choice's name: "hasn't received", "can't send", "没收到".
const NEGATION_BEFORE = /(?:\bnot|n't|\bhasnt|\bhavent|\bcant|\bnever|\bno|没|不|无法)\s*$/;

/** Clause by clause: commas and full stops, "but", and the spaces Chinese writers put between clauses. */
const CLAUSE_BREAK = /[,.;!?，。；！？\n]|\s+(?:but|while|whereas|although)\s+|但是?|不过|(?<=[\u3400-\u9fff])\s+|\s+(?=[\u3400-\u9fff])/;
const WORKS_THERE = /\b(?:works?|working|sends?|receives?|syncs?|loads?|opens?)\s+(?:fine|ok|okay|normally|perfectly)\b|\bis fine\b|\bno (?:problem|issue)s?\b|(?:是有的|正常|没问题|可以|能用|好好的|都有)/;

/** Whether a clause that names the choice says it works there ("电脑上是有的": the computer is fine). */
function namedAsWorking(text: string, names: string[]): boolean {
  return text.split(CLAUSE_BREAK).some((c) => c && names.some((n) => contains(c.trim(), n)) && WORKS_THERE.test(c));
}
