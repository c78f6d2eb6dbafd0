import { PorterStemmer } from 'natural/lib/natural/stemmers';

/** Which token families to emit; the defaults are what the shipped model and the benchmarks use. */
export type TokenOptions = {
  /** Adjacent word pairs (English stems, Chinese words). */
  bigrams: boolean;
  /** Character n-grams inside Latin words, lengths [min, max]; null for none. */
  charNgrams: [number, number] | null;
};

/** Defaults tuned on the it_service_tickets train split (see bench.ts). */
export const DEFAULT_TOKEN_OPTIONS: TokenOptions = { bigrams: true, charNgrams: [3, 5] };

const HAN_RUN = /[\u3400-\u9fff\uf900-\ufaff]+/g;
const LATIN_WORD = /[a-z][a-z0-9]*|[0-9]+[a-z][a-z0-9]*/g;
// One segmenter for the process: construction costs ~1 ms and it is stateless.
const zhSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const stemCache = new Map<string, string>();

function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = word.length > 2 ? PorterStemmer.stem(word) : word;
    // The cache is bounded so a long-running server reading arbitrary text does not grow without end.
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

function pushLatin(text: string, out: string[], opts: TokenOptions): void {
  const words = text.toLowerCase().match(LATIN_WORD) ?? [];
  let prev = '';
  for (const word of words) {
    const s = stem(word);
    out.push('w:' + s);
    if (opts.bigrams && prev) out.push('b:' + prev + '_' + s);
    prev = s;
    if (opts.charNgrams) pushCharNgrams(word, opts.charNgrams, out);
  }
}

function pushCharNgrams(word: string, [min, max]: [number, number], out: string[]): void {
  const padded = '<' + word + '>';
  for (let n = min; n <= max; n++) {
    for (let i = 0; i + n <= padded.length; i++) out.push('c:' + padded.slice(i, i + n));
  }
}

function pushHan(run: string, out: string[], opts: TokenOptions): void {
  // Segmenter words catch "打印" and "电脑"; character bigrams catch what it splits wrongly ("打印|机").
  let prev = '';
  for (const seg of zhSegmenter.segment(run)) {
    if (!seg.isWordLike) continue;
    out.push('z:' + seg.segment);
    if (opts.bigrams && prev) out.push('zb:' + prev + '_' + seg.segment);
    prev = seg.segment;
  }
  for (const ch of run) out.push('zc:' + ch);
  for (let i = 0; i + 1 < run.length; i++) out.push('zc:' + run.slice(i, i + 2));
}

/**
 * Turn a message into feature names. Latin words (English, or product names inside Chinese) are
 * lowercased and Porter-stemmed; Han runs give segmenter words, single characters and character bigrams.
 */
export function tokenize(text: string, opts: TokenOptions = DEFAULT_TOKEN_OPTIONS): string[] {
  const out: string[] = [];
  pushLatin(text.replace(HAN_RUN, ' '), out, opts);
  for (const run of text.match(HAN_RUN) ?? []) pushHan(run, out, opts);
  return out;
}
