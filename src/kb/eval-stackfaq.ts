import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { z } from 'zod';
import { NotFoundError } from '../errors';
import type { Article } from './article';
import { KbIndex } from './kb-index';
import type { KbIndexParams } from './postings';

const Thread = z.object({ thread_id: z.number(), question: z.string(), answers: z.array(z.string()) });
const Query = z.object({ query: z.string(), thread_id: z.number() });

/** Ranking quality over a query set. */
export type RankFigures = { mrr: number; r1: number; r5: number; r10: number; queries: number };

/** StackFAQ figures for our engine and minisearch, measured in the same run. */
export type StackFaqFigures = {
  threads: number;
  ours: RankFigures;
  /** Ours on the even threads' queries (the ranking knobs were chosen there) and the odd ones (held out). */
  oursTuningHalf: RankFigures;
  oursHeldOutHalf: RankFigures;
  minisearch: RankFigures;
  minisearchPlain: RankFigures;
  referenceBm25Mrr: number;
};

function readJsonl<T>(file: string, schema: z.ZodType<T>): T[] {
  if (!existsSync(file)) throw new NotFoundError(`${file} not found; pass --eval-dir or set FRONTDESK_EVAL_DIR to the shared eval folder`);
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      const parsed = schema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues[0].message}; is this the StackFAQ file?`);
      return parsed.data;
    });
}

/** StackFAQ threads as knowledge-base articles: question as title, answers as body. */
export function stackFaqArticles(evalDir: string): Article[] {
  return readJsonl(join(evalDir, 'stackfaq_threads.jsonl'), Thread).map((t) => ({
    id: `thread-${t.thread_id}`,
    title: t.question,
    category: 'other',
    tags: [],
    questions: [],
    updated: '2018-01-01',
    lang: 'en',
    body: t.answers.join('\n\n'),
  }));
}

/** The StackFAQ paraphrase queries with the article id each should find. */
export function stackFaqQueries(evalDir: string): { query: string; id: string }[] {
  return readJsonl(join(evalDir, 'stackfaq_queries.jsonl'), Query).map((q) => ({ query: q.query, id: `thread-${q.thread_id}` }));
}

/** MRR and recall at 1/5/10 from the 1-based rank of the right answer (0 = not found). */
export function rankFigures(ranks: readonly number[]): RankFigures {
  const share = (k: number): number => ranks.filter((r) => r > 0 && r <= k).length / Math.max(1, ranks.length);
  const mrr = ranks.reduce((sum, r) => sum + (r > 0 ? 1 / r : 0), 0) / Math.max(1, ranks.length);
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return { mrr: round(mrr), r1: round(share(1)), r5: round(share(5)), r10: round(share(10)), queries: ranks.length };
}

/** Rank of `id` in a ranked list of ids (1-based, 0 when missing). */
function rankOf(ids: readonly string[], id: string): number {
  return ids.indexOf(id) + 1;
}

/** Our engine's figures on given articles and queries (exposed so parameter studies use the same code). */
export function evalOurs(articles: Article[], queries: { query: string; id: string }[], params: Partial<KbIndexParams> = {}): RankFigures {
  const index = KbIndex.build(articles, params);
  return rankFigures(queries.map((q) => rankOf(index.search(q.query, { limit: articles.length }).map((r) => r.id), q.id)));
}

/** minisearch with its documented defaults plus prefix and fuzzy search, on the same articles. */
export function evalMinisearch(articles: Article[], queries: { query: string; id: string }[], plain = false): RankFigures {
  const mini = new MiniSearch<Article>({ fields: ['title', 'body'], idField: 'id' });
  mini.addAll(articles);
  const options = plain ? {} : { prefix: true, fuzzy: 0.2 };
  return rankFigures(queries.map((q) => rankOf(mini.search(q.query, options).map((r) => String(r.id)), q.id)));
}

/** Index the 125 StackFAQ threads, run the 1,250 paraphrase queries, report ours beside minisearch. */
export async function evalStackFaq(evalDir: string): Promise<StackFaqFigures> {
  const articles = stackFaqArticles(evalDir);
  const queries = stackFaqQueries(evalDir);
  const half = (parity: number) => queries.filter((q) => Number(q.id.slice('thread-'.length)) % 2 === parity);
  return {
    threads: articles.length,
    ours: evalOurs(articles, queries),
    oursTuningHalf: evalOurs(articles, half(0)),
    oursHeldOutHalf: evalOurs(articles, half(1)),
    minisearch: evalMinisearch(articles, queries),
    minisearchPlain: evalMinisearch(articles, queries, true),
    referenceBm25Mrr: 0.769,
  };
}
