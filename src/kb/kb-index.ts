import type { Lang } from '../types/conversation';
import type { Category } from '../types/ticket';
import { detectLang } from '../lang';
import type { Article } from './article';
import { makeExcerpt } from './excerpt';
import { DEFAULT_PARAMS, buildPostings, type KbIndexParams, type Postings } from './postings';
import { type Token, tokenize } from './tokenize';
import { TypoVocabulary } from './typo';

/** One search hit: the article in the user's language when that version exists. */
export type KbResult = {
  id: string;
  title: string;
  /** 0..1, comparable across queries: share of the query's weight the article answers. */
  score: number;
  /** Raw BM25F score, for ranking diagnostics only. */
  rawScore: number;
  /** 0..1: share of the query's word weight (after stop words) that the article contains at all. */
  coverage: number;
  /** score >= KB_CONFIDENT_SCORE: a plain-score hint for tools; the chat decides with offer-decision.ts. */
  confident: boolean;
  lang: Lang;
  excerpt: string;
  category: Category;
};

/** Search options. */
export type KbSearchOptions = { limit?: number; lang?: Lang };

/**
 * Normalised score from which a hit "looks answerable". Calibrated on the real articles: 44 of 46
 * realistic questions score their right article above it, 15 of 18 off-topic ones ("canteen", "pizza")
 * stay below. One-word queries ("time") can pass it: pair it with the classifier for those.
 */
export const KB_CONFIDENT_SCORE = 0.35;

type Group = { id: string; versions: Partial<Record<Lang, number>> };
type QueryTerm = { id: number; weight: number; unigram: boolean };

/** Ranked retrieval over knowledge-base articles (BM25F + stems + synonyms + typos + Chinese). */
export class KbIndex {
  private readonly groups: Group[] = [];
  private readonly groupById = new Map<string, number>();
  private readonly docGroup: Int32Array;
  private readonly typos: TypoVocabulary;
  // Scratch arrays reused by every query, so a search allocates almost nothing.
  private readonly scores: Float64Array;
  private readonly covered: Float64Array;
  private readonly touched: Int32Array;
  private readonly groupBest: Float64Array;
  private readonly groupRaw: Float64Array;
  private readonly groupCoverage: Float64Array;
  /** 0 English, 1 Chinese: indexes the per-language score ceiling. */
  private readonly docLang: Uint8Array;
  private readonly groupDoc: Int32Array;
  private readonly groupTouched: Int32Array;

  private constructor(
    private readonly articles: readonly Article[],
    private readonly postings: Postings,
    private readonly params: KbIndexParams,
  ) {
    this.docGroup = new Int32Array(articles.length);
    articles.forEach((article, d) => {
      let g = this.groupById.get(article.id);
      if (g === undefined) {
        g = this.groups.push({ id: article.id, versions: {} }) - 1;
        this.groupById.set(article.id, g);
      }
      this.groups[g].versions[article.lang] = d;
      this.docGroup[d] = g;
    });
    // In a large knowledge base a word seen in one article only is more likely a name or asset tag
    // than a word users misspell; leaving those out keeps typo repair fast and precise.
    const minDf = articles.length >= 1000 ? 2 : 1;
    this.typos = new TypoVocabulary(postings.surfaces, (_word, stem) => this.df(stem) >= minDf);
    this.scores = new Float64Array(articles.length);
    this.covered = new Float64Array(articles.length);
    this.touched = new Int32Array(articles.length);
    this.groupBest = new Float64Array(this.groups.length);
    this.groupRaw = new Float64Array(this.groups.length);
    this.groupCoverage = new Float64Array(this.groups.length);
    this.docLang = Uint8Array.from(articles, (a) => (a.lang === 'zh' ? 1 : 0));
    this.groupDoc = new Int32Array(this.groups.length);
    this.groupTouched = new Int32Array(this.groups.length);
  }

  /** Index articles (both language versions of an id share one result). */
  static build(articles: readonly Article[], params: Partial<KbIndexParams> = {}): KbIndex {
    const merged = { ...DEFAULT_PARAMS, ...params };
    return new KbIndex(articles, buildPostings(articles, merged), merged);
  }

  /** Number of distinct article ids. */
  get size(): number {
    return this.groups.length;
  }

  /** One version of an article: the requested language, else the other one. */
  get(id: string, lang: Lang = 'en'): Article | undefined {
    const g = this.groupById.get(id);
    if (g === undefined) return undefined;
    const group = this.groups[g];
    const d = group.versions[lang] ?? group.versions[lang === 'en' ? 'zh' : 'en'];
    return d === undefined ? undefined : this.articles[d];
  }

  /** Best articles for a query, best first. */
  search(query: string, options: KbSearchOptions = {}): KbResult[] {
    const limit = Math.max(1, options.limit ?? 5);
    const tokens = tokenize(query);
    const { terms, maxScore, unigramMass } = this.queryTerms(tokens);
    // Per-language ceiling: an English version can only meet Chinese text through synonym concepts, so
    // Chinese terms a concept already explains do not count against it; the rest of the text does.
    const [common, uncovered, covered] = maxScore;
    const boosted = 1 + this.params.coverageBoost;
    const ceiling = [(common + uncovered) * boosted, (common + uncovered + covered) * boosted];
    if (terms.length === 0) return [];
    const touchedCount = this.accumulate(terms);
    const boost = this.params.coverageBoost;
    // Fold language versions into their article: an article scores as its best version.
    let groupCount = 0;
    for (let i = 0; i < touchedCount; i++) {
      const d = this.touched[i];
      const raw = this.scores[d] * (1 + (boost * this.covered[d]) / unigramMass);
      const score = raw / ceiling[this.docLang[d]];
      const g = this.docGroup[d];
      if (this.groupBest[g] === 0) this.groupTouched[groupCount++] = g;
      if (score > this.groupBest[g]) {
        this.groupBest[g] = score;
        this.groupRaw[g] = raw;
        this.groupCoverage[g] = this.covered[d] / unigramMass;
        this.groupDoc[g] = d;
      }
      this.scores[d] = 0;
      this.covered[d] = 0;
    }
    const top = this.topGroups(groupCount, limit);
    const lang = options.lang ?? detectLang(query);
    const results = top.map(([g, score]) => this.result(g, score, tokens, lang));
    for (let i = 0; i < groupCount; i++) this.groupBest[this.groupTouched[i]] = 0;
    return results;
  }

  private queryTerms(tokens: Token[]): { terms: QueryTerm[]; maxScore: [number, number, number]; unigramMass: number } {
    const weights = new Map<number, QueryTerm>();
    const { bigramWeight, conceptWeight, typoWeight, k1 } = this.params;
    // [terms any version can match, Chinese terms no concept explains, Chinese terms a concept explains]
    const maxScore: [number, number, number] = [1e-9, 0, 0];
    let unigramMass = 0;
    const add = (term: string, weight: number, unigram: boolean, part: 0 | 1 | 2 = 0): void => {
      const id = this.postings.termIds.get(term);
      const idf = id === undefined ? this.postings.maxIdf : this.postings.idf[id];
      // Unknown words still count against the maximum: a query about something we lack is not answerable.
      if (unigram) {
        maxScore[part] += weight * idf * (k1 + 1);
        unigramMass += weight * idf;
      }
      if (id === undefined || weight <= 0) return;
      const existing = weights.get(id);
      if (existing) existing.weight += weight;
      else weights.set(id, { id, weight, unigram });
    };
    for (const token of tokens) {
      if (token.kind === 'bigram') add(token.term, bigramWeight, false);
      else if (token.kind === 'concept') add(token.term, conceptWeight, true);
      else if (token.kind === 'han') add(token.term, 1, true, token.covered ? 2 : 1);
      else if (this.postings.termIds.has(token.term)) add(token.term, 1, true);
      else this.addTypoRepairs(token, add);
    }
    return { terms: [...weights.values()], maxScore, unigramMass: Math.max(unigramMass, 1e-9) };
  }

  private addTypoRepairs(token: Token, add: (term: string, weight: number, unigram: boolean) => void): void {
    const repairs = this.typos.correct(token.surface ?? token.term);
    if (repairs.length === 0) return add(token.term, 1, true);
    // Several equally close words: keep the two most common, each sharing the weight.
    const stems = [...new Set(repairs.map((r) => r.stem))]
      .sort((a, b) => this.df(b) - this.df(a))
      .slice(0, 2);
    const weight = this.params.typoWeight[repairs[0].distance - 1] / stems.length;
    for (const stem of stems) add(stem, weight, true);
  }

  private df(term: string): number {
    const id = this.postings.termIds.get(term);
    return id === undefined ? 0 : this.postings.docs[id].length;
  }

  private accumulate(terms: QueryTerm[]): number {
    let touchedCount = 0;
    const { scores, covered, touched } = this;
    for (const term of terms) {
      const docs = this.postings.docs[term.id];
      const impacts = this.postings.impacts[term.id];
      const mass = term.unigram ? term.weight * this.postings.idf[term.id] : 0;
      for (let i = 0; i < docs.length; i++) {
        const d = docs[i];
        if (scores[d] === 0) touched[touchedCount++] = d;
        scores[d] += term.weight * impacts[i];
        covered[d] += mass;
      }
    }
    return touchedCount;
  }

  private topGroups(count: number, limit: number): [number, number][] {
    const top: [number, number][] = [];
    for (let i = 0; i < count; i++) {
      const g = this.groupTouched[i];
      const score = this.groupBest[g];
      if (top.length === limit && score <= top[limit - 1][1]) continue;
      let at = top.length;
      while (at > 0 && (top[at - 1][1] < score || (top[at - 1][1] === score && top[at - 1][0] > g))) at--;
      top.splice(at, 0, [g, score]);
      if (top.length > limit) top.pop();
    }
    return top;
  }

  private result(g: number, score: number, tokens: Token[], lang: Lang | undefined): KbResult {
    const group = this.groups[g];
    const d = (lang !== undefined ? group.versions[lang] : undefined) ?? this.groupDoc[g];
    const article = this.articles[d];
    const rounded = Math.round(Math.min(1, score) * 1000) / 1000;
    let excerpt: string | undefined;
    // The excerpt is the costly part of a hit; most callers read it for the first result or two only.
    return {
      id: group.id,
      title: article.title,
      score: rounded,
      rawScore: Math.round(this.groupRaw[g] * 1000) / 1000,
      coverage: Math.round(Math.min(1, this.groupCoverage[g]) * 1000) / 1000,
      confident: rounded >= KB_CONFIDENT_SCORE,
      lang: article.lang,
      get excerpt(): string {
        return (excerpt ??= makeExcerpt(article.body, tokens));
      },
      category: article.category,
    };
  }
}
