import { PorterStemmer } from 'natural/lib/natural/stemmers';
import { SYNONYM_GROUPS, conceptTerm } from './synonyms';

/** What produced a term; query weighting and typo repair depend on it. */
export type TokenKind = 'word' | 'bigram' | 'concept' | 'han';

/** One index or query term. `surface` is the unstemmed word for `word` tokens (typo repair needs it). */
export type Token = { term: string; kind: TokenKind; surface?: string; covered?: boolean };

// natural ships no typings for this file, and its util index would load the storage backends.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- typed right here
const englishStopWords = (require('natural/lib/natural/util/stopwords') as { words: string[] }).words;

// Chat filler that carries no topic: users type "hi, please help, my ..." far more than article text does.
const EXTRA_STOP = [
  'hi', 'hello', 'hey', 'please', 'pls', 'plz', 'thanks', 'thank', 'thx', 'help', 'need', 'want', 'know', 'just',
  'dont', 'doesnt', 'didnt', 'cant', 'isnt', 'im', 'ive', 'id', 'us', 'anyone', 'someone', 'somebody', 'anybody',
  'getting', 'say', 'says', 'keep', 'keeps', 'trying', 'try', 'tried', 'able', 'unable', 'also', 'etc', 'eg', 'ie', 'yes', 'no', 'not',
];
const STOP = new Set<string>([...englishStopWords, ...EXTRA_STOP]);
// Function characters: a bigram touching one ("我的", "的电", "么办") joins two words, not one.
// 不, 一, 会, 能 stay out: 连不上, 一直, 会议, 不能 carry meaning.
const HAN_STOP = new Set(Array.from('的地得了吗呢吧啊嗯嘛哇么怎我你他她它们这那哪谁是在和与及或把被就都也很还又请吧着'));

const LATIN_OR_HAN = /[a-z0-9]+(?:['’][a-z]+)*|[\u3400-\u9fff\uf900-\ufaff]+/g;
const HAN_CHAR = /^[\u3400-\u9fff\uf900-\ufaff]/;
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

const stemCache = new Map<string, string>();
/** Porter stem of a lower-case word, cached because the stemmer is the slowest step of indexing. */
export function stem(word: string): string {
  let out = stemCache.get(word);
  if (out === undefined) {
    out = /\d/.test(word) || word.length < 3 ? word : PorterStemmer.stem(word);
    if (stemCache.size < 200_000) stemCache.set(word, out);
  }
  return out;
}

/** Whether a lower-case English word is a stop word. */
export function isStopWord(word: string): boolean {
  return STOP.has(word);
}

type Phrase = { stems: string[]; concept: string };
const phrasesByFirstStem = new Map<string, Phrase[]>();
const hanForms = new Map<string, string>();
/** First character -> lengths of the Chinese forms starting with it, longest first (keeps the scan cheap). */
const hanFormLengths = new Map<string, number[]>();
SYNONYM_GROUPS.forEach((forms, index) => {
  const concept = conceptTerm(index);
  for (const form of forms) {
    const lower = form.normalize('NFKC').toLowerCase();
    if (HAN_CHAR.test(lower)) {
      hanForms.set(lower, concept);
      const lengths = hanFormLengths.get(lower[0]) ?? [];
      if (!lengths.includes(lower.length)) lengths.push(lower.length);
      hanFormLengths.set(lower[0], lengths.sort((a, b) => b - a));
      continue;
    }
    const stems = (lower.match(LATIN_OR_HAN) ?? []).map((w) => stem(w.replace(/['’]/g, '')));
    if (stems.length === 0) continue;
    const list = phrasesByFirstStem.get(stems[0]) ?? [];
    list.push({ stems, concept });
    phrasesByFirstStem.set(stems[0], list);
  }
});

function latinTokens(words: string[], out: Token[], bigrams: boolean): void {
  const stems = words.map(stem);
  let previous: string | undefined;
  for (let i = 0; i < words.length; i++) {
    let lastConcept = '';
    for (const phrase of phrasesByFirstStem.get(stems[i]) ?? []) {
      if (phrase.concept === lastConcept || !phrase.stems.every((s, k) => stems[i + k] === s)) continue;
      out.push({ term: phrase.concept, kind: 'concept' });
      lastConcept = phrase.concept;
    }
    if (STOP.has(words[i])) continue;
    out.push({ term: stems[i], kind: 'word', surface: words[i] });
    if (bigrams && previous !== undefined) out.push({ term: `${previous}_${stems[i]}`, kind: 'bigram' });
    previous = stems[i];
  }
}

function hanTokens(run: string, out: Token[]): void {
  // Concepts: the longest synonym form starting at each character, so "打印机" counts printer once.
  // `span` marks characters a concept explains; search uses it to judge English versions fairly.
  const span = new Uint8Array(run.length);
  for (let i = 0; i < run.length; i++) {
    for (const n of hanFormLengths.get(run[i]) ?? []) {
      if (i + n > run.length) continue;
      const concept = hanForms.get(run.slice(i, i + n));
      if (concept === undefined) continue;
      out.push({ term: concept, kind: 'concept' });
      span.fill(1, i, i + n);
      i += n - 1;
      break;
    }
  }
  // Character bigrams catch words the segmenter splits badly; longer segmenter words add precision.
  for (let i = 0; i + 1 < run.length; i++) {
    if (HAN_STOP.has(run[i]) || HAN_STOP.has(run[i + 1])) continue;
    out.push({ term: run.slice(i, i + 2), kind: 'han', covered: span[i] + span[i + 1] === 2 });
  }
  if (run.length === 1 && !HAN_STOP.has(run)) out.push({ term: run, kind: 'han', covered: span[0] === 1 });
  let at = 0;
  // Only runs of 3+ characters can hold a word the bigrams miss; the segmenter is the costly step.
  if (run.length < 3) return;
  for (const { segment } of segmenter.segment(run)) {
    if (segment.length >= 3) out.push({ term: segment, kind: 'han', covered: span.subarray(at, at + segment.length).every((c) => c === 1) });
    at += segment.length;
  }
}

/** Turn text into index/query tokens: stemmed English words, synonym concepts, Chinese bigrams and words. */
export function tokenize(text: string, options: { bigrams?: boolean } = {}): Token[] {
  const out: Token[] = [];
  const bigrams = options.bigrams ?? true;
  let latin: string[] = [];
  for (const match of text.normalize('NFKC').toLowerCase().matchAll(LATIN_OR_HAN)) {
    const piece = match[0];
    if (HAN_CHAR.test(piece)) {
      if (latin.length > 0) latinTokens(latin, out, bigrams);
      latin = [];
      hanTokens(piece, out);
    } else {
      latin.push(piece.replace(/['’]/g, ''));
    }
  }
  if (latin.length > 0) latinTokens(latin, out, bigrams);
  return out;
}
