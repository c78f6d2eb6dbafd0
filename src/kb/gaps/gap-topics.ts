import type Database from 'better-sqlite3';
import { tokenize } from '../tokenize';
import type { FeedbackWindow } from '../feedback';

/** One recorded gap as the report reads it. */
export type GapRecord = { at: string; lang: string; query: string; category: string | null };

/** A cluster of similar unanswered questions: its words, how often, in which languages, and examples. */
export type GapTopic = {
  /** The words most of its questions share (what to write an article about). */
  terms: string[];
  count: number;
  langs: Record<string, number>;
  /** Most common area the classifier gave these questions. */
  category: string | null;
  /** Up to three different questions, newest first. */
  examples: string[];
  lastAt: string;
};

/** Share of a question's terms a topic must already hold for the question to join it. */
const JOIN_SHARE = 0.5;

/** Gaps recorded in a window (ISO strings, `until` exclusive), oldest first. */
export function loadGaps(db: Database.Database, window: FeedbackWindow = {}): GapRecord[] {
  return db
    .prepare('SELECT at, lang, query, category FROM kb_gaps WHERE at >= ? AND at < ? ORDER BY at, id')
    .all(window.since ?? '0000', window.until ?? '9999') as GapRecord[];
}

/** Topic terms of a question: stemmed English words, synonym concepts (so "VPN" and "虚拟专用网" meet), Chinese words and bigrams. */
function termsOf(query: string): { terms: Set<string>; surface: Map<string, string> } {
  const surface = new Map<string, string>();
  const terms = new Set<string>();
  for (const token of tokenize(query, { bigrams: false })) {
    if (/^\d+$/.test(token.term)) continue;
    terms.add(token.term);
    if (token.kind === 'word' && token.surface) surface.set(token.term, token.surface);
    else if (token.kind === 'han') surface.set(token.term, token.term);
  }
  return { terms, surface };
}

type Cluster = { members: GapRecord[]; termCounts: Map<string, number>; surface: Map<string, string> };

function share(terms: Set<string>, cluster: Cluster): number {
  let sum = 0;
  for (const t of terms) sum += (cluster.termCounts.get(t) ?? 0) / cluster.members.length;
  return sum / terms.size;
}

const mostCommon = (values: (string | null)[]): string | null => {
  const counts = new Map<string | null, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
};

/**
 * Group similar questions by shared terms (greedy, in time order: a question joins the topic whose members
 * already use most of its terms, else starts a topic). Biggest topics first.
 */
export function clusterGaps(gaps: readonly GapRecord[], limit = 10): GapTopic[] {
  const clusters: Cluster[] = [];
  for (const gap of gaps) {
    const { terms, surface } = termsOf(gap.query);
    if (terms.size === 0) continue;
    let best: Cluster | undefined;
    let bestShare = JOIN_SHARE;
    for (const c of clusters) {
      const s = share(terms, c);
      if (s >= bestShare) [best, bestShare] = [c, s];
    }
    const cluster: Cluster = best ?? { members: [], termCounts: new Map(), surface: new Map() };
    if (!best) clusters.push(cluster);
    cluster.members.push(gap);
    for (const t of terms) cluster.termCounts.set(t, (cluster.termCounts.get(t) ?? 0) + 1);
    for (const [t, s] of surface) if (!cluster.surface.has(t)) cluster.surface.set(t, s);
  }
  return clusters
    .map((c) => {
      const n = c.members.length;
      // Readable terms most members share; synonym concepts have no surface word and are left out of the label.
      const terms = [...c.termCounts.entries()].filter(([t, k]) => c.surface.has(t) && (n === 1 || (k >= 2 && k / n >= JOIN_SHARE)))
        .sort((a, b) => b[1] - a[1]).slice(0, 4).map(([t]) => c.surface.get(t) as string);
      const langs: Record<string, number> = {};
      for (const m of c.members) langs[m.lang] = (langs[m.lang] ?? 0) + 1;
      const newest = [...c.members].reverse();
      return {
        terms, count: n, langs, category: mostCommon(c.members.map((m) => m.category)),
        examples: [...new Set(newest.map((m) => m.query))].slice(0, 3), lastAt: newest[0].at,
      };
    })
    .sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt))
    .slice(0, limit);
}
