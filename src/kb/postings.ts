import type { Lang } from '../types/conversation';
import type { Article } from './article';
import { tokenize } from './tokenize';

/** Searchable fields of an article, in index order. */
export const FIELDS = ['title', 'questions', 'tags', 'body'] as const;
/** One searchable field. */
export type Field = (typeof FIELDS)[number];

/** Ranking knobs; the defaults were chosen once on StackFAQ and the fixture articles, never per query. */
export type KbIndexParams = {
  k1: number;
  weights: Record<Field, number>;
  b: Record<Field, number>;
  /** Query weight of adjacent-word pairs: a cheap phrase/proximity bonus. */
  bigramWeight: number;
  /** Query weight of synonym concepts relative to the literal word. */
  conceptWeight: number;
  /** Query weight of a typo-repaired word, by edit distance 1 and 2. */
  typoWeight: [number, number];
  /** Reward for covering more of the query's idf mass: score * (1 + boost * covered share). */
  coverageBoost: number;
};

/** Default ranking knobs. */
export const DEFAULT_PARAMS: KbIndexParams = {
  // A high k1 and a heavy title: chosen on the even StackFAQ threads' queries, checked on the odd ones.
  k1: 6,
  weights: { title: 12, questions: 8, tags: 4, body: 1 },
  b: { title: 0.4, questions: 0.6, tags: 0.3, body: 0.75 },
  bigramWeight: 0.3,
  conceptWeight: 0.8,
  typoWeight: [0.6, 0.4],
  coverageBoost: 0,
};

/** The precomputed part of the index: per term, the docs containing it and their BM25F impact. */
export type Postings = {
  termIds: Map<string, number>;
  docs: Int32Array[];
  impacts: Float32Array[];
  idf: Float64Array;
  /** Surface word -> stem, for typo repair. */
  surfaces: Map<string, string>;
  maxIdf: number;
};

/** Text of a field as the tokenizer should see it: links keep their words, lose their targets. */
export function fieldText(article: Article, field: Field): string {
  if (field === 'questions') return article.questions.join('\n');
  if (field === 'tags') return article.tags.join('\n');
  if (field === 'title') return article.title;
  return article.body.replace(/\]\((?:kb:|https?:)[^)]*\)/g, ']').replace(/[`*_#>|]/g, ' ');
}

type DocFields = { lang: Lang; terms: Int32Array[]; counts: Int32Array[]; lengths: number[] };

/** Reusable term-frequency scratch: a Map per field made indexing 10,000 articles GC-bound. */
class TermCounter {
  private tf = new Int32Array(1024);
  private readonly seen: number[] = [];

  count(text: string, termIds: Map<string, number>, surfaces: Map<string, string>): [Int32Array, Int32Array, number] {
    let length = 0;
    for (const token of tokenize(text)) {
      let id = termIds.get(token.term);
      if (id === undefined) termIds.set(token.term, (id = termIds.size));
      if (id >= this.tf.length) this.grow(id);
      if (this.tf[id]++ === 0) this.seen.push(id);
      if (token.kind !== 'bigram') length++;
      if (token.surface !== undefined && !surfaces.has(token.surface)) surfaces.set(token.surface, token.term);
    }
    const terms = Int32Array.from(this.seen);
    const counts = Int32Array.from(this.seen, (id) => this.tf[id]);
    for (const id of this.seen) this.tf[id] = 0;
    this.seen.length = 0;
    return [terms, counts, length];
  }

  private grow(id: number): void {
    const bigger = new Int32Array(Math.max(id + 1, this.tf.length * 2));
    bigger.set(this.tf);
    this.tf = bigger;
  }
}

/** Tokenize every article and compute per-term postings with BM25F impacts. */
export function buildPostings(articles: readonly Article[], params: KbIndexParams): Postings {
  const termIds = new Map<string, number>();
  const surfaces = new Map<string, string>();
  const counter = new TermCounter();
  const docs: DocFields[] = articles.map((article) => {
    const doc: DocFields = { lang: article.lang, terms: [], counts: [], lengths: [] };
    for (const field of FIELDS) {
      const [terms, counts, length] = counter.count(fieldText(article, field), termIds, surfaces);
      doc.terms.push(terms);
      doc.counts.push(counts);
      doc.lengths.push(length);
    }
    return doc;
  });
  // Chinese text yields more terms per sentence than English: normalise lengths within each language.
  const avg = new Map<Lang, number[]>();
  for (const lang of ['en', 'zh'] as const) {
    const mine = docs.filter((d) => d.lang === lang);
    avg.set(lang, FIELDS.map((_, f) => Math.max(1, mine.reduce((s, d) => s + d.lengths[f], 0) / Math.max(1, mine.length))));
  }
  const postDocs: number[][] = Array.from({ length: termIds.size }, () => []);
  const postTf: number[][] = Array.from({ length: termIds.size }, () => []);
  const pseudo = new Map<number, number>();
  docs.forEach((doc, d) => {
    pseudo.clear();
    const avgLen = avg.get(doc.lang)!;
    FIELDS.forEach((field, f) => {
      const norm = 1 - params.b[field] + (params.b[field] * doc.lengths[f]) / avgLen[f];
      const weight = params.weights[field] / norm;
      const terms = doc.terms[f];
      for (let i = 0; i < terms.length; i++) pseudo.set(terms[i], (pseudo.get(terms[i]) ?? 0) + weight * doc.counts[f][i]);
    });
    for (const [term, tf] of pseudo) {
      postDocs[term].push(d);
      postTf[term].push(tf);
    }
  });
  const n = docs.length;
  const idf = new Float64Array(termIds.size);
  const impacts = postTf.map((tfs, t) => {
    idf[t] = Math.log(1 + (n - tfs.length + 0.5) / (tfs.length + 0.5));
    return Float32Array.from(tfs, (tf) => (idf[t] * (params.k1 + 1) * tf) / (params.k1 + tf));
  });
  return {
    termIds,
    docs: postDocs.map((list) => Int32Array.from(list)),
    impacts,
    idf,
    surfaces,
    maxIdf: Math.log(1 + (n + 0.5) / 0.5),
  };
}
