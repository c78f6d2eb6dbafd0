import { tokenize } from '../classify/tokenize';
import { isStopWord, tokenize as conceptTokens } from '../kb/tokenize';
import { SYNONYM_GROUPS, conceptTerm } from '../kb/synonyms';

const NO_EXTRAS = { bigrams: false, charNgrams: null } as const;

/**
 * Words every report uses whatever broke ("not working since this morning", "一直无法"): sharing them
 * says nothing about sharing a problem, so they are not terms. Stemmed the same way as the reports.
 */
const GENERIC = new Set(
  tokenize(
    `not no cannot can can't will won't would work working works doesn't don't isn't aren't problem problems issue issues
     error errors help please today morning afternoon since again still keep keeps anymore get got able unable
     anything something everything nothing seems seem tried try trying getting any hi hello thanks urgent
     this that these those there here was were has have had very also just really now when what which my our your
     一直 无法 不能 没有 显示 问题 今天 上午 下午 现在 还是 总是 突然 请问 帮忙 谢谢 一下 可以 不了`,
    NO_EXTRAS,
  )
    .map((t) => (t.startsWith('w:') ? t : 'zc:' + t.slice(t.indexOf(':') + 1)))
    .filter((t) => t.startsWith('w:') || t.length === 5),
);

/**
 * Terms that say what a report is about: Porter-stemmed English words minus stop words and generic
 * complaint words, and for Chinese the character bigrams of each Han run plus segmenter words of three
 * or more characters. Bigrams because the segmenter splits unknown product names unpredictably; single
 * characters are left out because "的", "了", "不" would make every Chinese report look alike.
 */
export function reportTerms(text: string): ReadonlySet<string> {
  // Every new incident is compared with the window's reports: tokenize each report once, not once per comparison.
  const cached = TERMS_CACHE.get(text);
  if (cached) return cached;
  const terms = computeTerms(text);
  if (TERMS_CACHE.size >= 5000) TERMS_CACHE.delete(TERMS_CACHE.keys().next().value as string);
  TERMS_CACHE.set(text, terms);
  return terms;
}

const TERMS_CACHE = new Map<string, ReadonlySet<string>>();

function computeTerms(text: string): Set<string> {
  const terms = new Set<string>();
  // "Wi-Fi" and "e-mail" are the words "wifi" and "email", not two fragments.
  const joined = text.replace(/\b([a-z]{1,2})-([a-z]{2,4})\b/gi, '$1$2');
  for (const token of tokenize(joined, NO_EXTRAS)) {
    if (token.startsWith('w:')) {
      const word = token.slice(2);
      if (word.length > 1 && !isStopWord(word) && !/^\d+$/.test(word) && !GENERIC.has(token)) terms.add(token);
    } else if (token.startsWith('zc:') && token.length === 5 && !GENERIC.has(token)) terms.add(token);
    else if (token.startsWith('z:') && token.length > 4) terms.add(token);
  }
  return terms;
}

/**
 * The IT concepts a text names, in either language ("云桌面" and "Citrix virtual desktop" are one system), for
 * matching a report with an incident's title. Not for clustering reports: there "VPN" and "Wi-Fi" reports that
 * share the concept of a network would meet.
 */
export function conceptTermsOf(text: string): ReadonlySet<string> {
  const concepts = new Set<string>();
  for (const token of conceptTokens(text, { bigrams: false })) if (token.kind === 'concept' && !GENERIC_CONCEPTS.has(token.term)) concepts.add(token.term);
  return concepts;
}

// Concepts of what goes wrong or what is done ("error", "登不上", "sync", "reset"), not of a system: sharing them
// says nothing about sharing a problem ("can't log in to SAP" is not the Citrix logon outage).
const GENERIC_CONCEPTS = conceptsNamed(['error', 'connect', 'disconnect', 'login', 'reset', 'locked', 'sync', 'offline', 'update', 'permission', 'help desk', 'request']);
// Things everybody has ("my laptop", "my password"): naming one does not say which system is down.
const PERSONAL_CONCEPTS = conceptsNamed(['laptop', 'account', 'password']);

function conceptsNamed(firstForms: string[]): ReadonlySet<string> {
  return new Set(SYNONYM_GROUPS.flatMap((forms, index) => (firstForms.includes(forms[0]!) ? [conceptTerm(index)] : [])));
}

/** Whether a term from {@link conceptTermsOf} names a system or service ("remote desktop", "vpn", "email"), as a product name does. */
export function isSystemConcept(term: string): boolean {
  return term.startsWith('~') && !PERSONAL_CONCEPTS.has(term);
}

/** How alike two reports are: cosine of their term sets (binary weights) and how many terms they share. */
export type Similarity = { cosine: number; shared: number };

/**
 * Cosine of two term sets, |A ∩ B| / sqrt(|A| |B|) (0 when either is empty). Binary weights because
 * reports are short; a word said twice says no more about the problem.
 */
export function termSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): Similarity {
  if (a.size === 0 || b.size === 0) return { cosine: 0, shared: 0 };
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return { cosine: shared / Math.sqrt(a.size * b.size), shared };
}

/**
 * Whether two reports describe the same problem: cosine at least `threshold` and at least two shared
 * terms (one when a report has a single term), so "VPN will not connect" and "Wi-Fi will not connect"
 * do not meet on "connect" alone.
 */
export function isSimilar(a: ReadonlySet<string>, b: ReadonlySet<string>, threshold: number): boolean {
  const { cosine, shared } = termSimilarity(a, b);
  return cosine >= threshold && shared >= Math.min(2, a.size, b.size);
}

/** Similarity of two reports' texts. */
export function reportSimilarity(a: string, b: string): Similarity {
  return termSimilarity(reportTerms(a), reportTerms(b));
}
