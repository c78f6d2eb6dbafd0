import MiniSearch from 'minisearch';
import { performance } from 'node:perf_hooks';
import type { Article } from './article';
import { loadArticles } from './article';
import { chatOfferReport } from './eval-offer';
import { evalStackFaq } from './eval-stackfaq';
import { KbIndex } from './kb-index';
import { KnowledgeBase } from './knowledge-base';

/** Latency percentiles in milliseconds. */
export type Latency = { p50: number; p99: number; mean: number };

/** Latency of ours and minisearch on the same synthetic corpus, same queries, same run. */
export type KbLatencyFigures = {
  articles: number;
  queries: number;
  method: string;
  buildMs: { ours: number; minisearch: number };
  ours: Latency;
  minisearch: Latency;
};

/** Deterministic pseudo-random numbers (mulberry32) so every run measures the same corpus. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `size` article versions built from the real ones: each copy swaps about a tenth of its body words
 * for other words of the corpus and gains site/asset tokens, so vocabulary and postings grow like a real KB.
 */
export function syntheticCorpus(articles: readonly Article[], size = 10_000, seed = 7): Article[] {
  const next = random(seed);
  const vocabulary = [...new Set(articles.flatMap((a) => a.body.split(/\s+/)).filter((w) => /^[A-Za-z]{4,}$/.test(w)))];
  const out: Article[] = [];
  for (let i = 0; out.length < size; i++) {
    const source = articles[i % articles.length];
    const copy = Math.floor(i / articles.length);
    const site = `site${copy.toString(36)}`;
    const body = source.body
      .split(' ')
      .map((word) => (next() < 0.1 ? vocabulary[Math.floor(next() * vocabulary.length)] : word))
      .join(' ');
    const assets = Array.from({ length: 5 }, () => `asset${Math.floor(next() * 1e6).toString(36)}`).join(' ');
    out.push({ ...source, id: `${source.id}-${copy}`, title: `${source.title} ${site}`, body: `${body}\n${assets}`, tags: [...source.tags, site] });
  }
  return out;
}

function percentiles(times: number[]): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return { p50: round(at(0.5)), p99: round(at(0.99)), mean: round(sorted.reduce((s, t) => s + t, 0) / sorted.length) };
}

/** Per-query latency: the median of `repeats` runs, so one scheduler hiccup on a busy CI box is not a p99. */
function time(queries: readonly string[], run: (query: string) => void, repeats: number): number[] {
  for (const query of queries.slice(0, 20)) run(query); // warm the JIT before measuring
  return queries.map((query) => {
    const runs: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const start = performance.now();
      run(query);
      runs.push(performance.now() - start);
    }
    return runs.sort((a, b) => a - b)[Math.floor(repeats / 2)];
  });
}

/** Queries users would type: each article's own `questions`, plus a misspelt variant of some. */
function benchQueries(articles: readonly Article[]): string[] {
  const questions = articles.flatMap((a) => a.questions);
  const misspelt = questions.filter((_, i) => i % 3 === 0).map((q) => q.replace(/([a-z])([a-z])([a-z]{3,})/, '$2$1$3'));
  // Every third one: minisearch's fuzzy search takes ~0.2 s a query at this size, and bench must stay short.
  return [...questions, ...misspelt].filter((_, i) => i % 3 === 0);
}

/** p50/p99 search latency of ours and minisearch (prefix + fuzzy 0.2) on a 10,000-article synthetic corpus. */
export function benchKbLatency(articles: readonly Article[], size = 10_000): KbLatencyFigures {
  const corpus = syntheticCorpus(articles, size);
  const queries = benchQueries(articles);
  let start = performance.now();
  const ours = KbIndex.build(corpus);
  const oursBuild = performance.now() - start;
  start = performance.now();
  const mini = new MiniSearch<Article>({ fields: ['title', 'questions', 'tags', 'body'], idField: 'key', extractField: (doc, field) => {
    const value = field === 'key' ? `${doc.id}.${doc.lang}` : (doc as Record<string, unknown>)[field];
    return Array.isArray(value) ? value.join(' ') : String(value ?? '');
  } });
  mini.addAll(corpus);
  const miniBuild = performance.now() - start;
  let sink = 0; // keep results alive so neither engine's work is optimised away
  const oursTimes = time(queries, (q) => {
    const results = ours.search(q, { limit: 10 });
    sink += results.length + (results[0]?.excerpt.length ?? 0);
  }, 3);
  const miniTimes = time(queries, (q) => {
    sink += mini.search(q, { prefix: true, fuzzy: 0.2 }).slice(0, 10).length;
  }, 1);
  if (sink < 0) throw new Error('unreachable');
  const round = (x: number): number => Math.round(x);
  return {
    articles: corpus.length,
    queries: queries.length,
    method: 'top 10 incl. first excerpt; ours median of 3 runs per query, minisearch 1 run (prefix, fuzzy 0.2)',
    buildMs: { ours: round(oursBuild), minisearch: round(miniBuild) },
    ours: percentiles(oursTimes),
    minisearch: percentiles(miniTimes),
  };
}

/**
 * Knowledge-base figures for `npm run bench`: StackFAQ quality, 10k-article latency, and what the chat
 * shows for the held-out labelled messages by language (right article, wrong article, "none" precision).
 */
export async function kbBenchFigures(opts: { kbDir: string; evalDir: string }): Promise<Record<string, unknown>> {
  const articles = loadArticles(opts.kbDir);
  const { model, heldOut } = chatOfferReport(KnowledgeBase.load(opts.kbDir));
  return { kbArticles: articles.length, stackfaq: await evalStackFaq(opts.evalDir), latency: benchKbLatency(articles), chatOffer: { model, heldOut } };
}
