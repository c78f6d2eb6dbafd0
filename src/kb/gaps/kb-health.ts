import type { Article } from '../article';
import { type FeedbackWindow, kbReport, type KbReportRow } from '../feedback';
import type { KbFeedbackStore } from '../kb-feedback-store';
import { clusterGaps, type GapTopic } from './gap-topics';
import { type StaleArticle, staleArticles } from './stale-articles';

/** What the knowledge base lacks: unanswered topics, poorly rated articles, stale articles. */
export type KbHealth = {
  /** Searches that found nothing to offer in the window. */
  gaps: number;
  topics: GapTopic[];
  poor: KbReportRow[];
  staleDays: number;
  stale: StaleArticle[];
};

/** Gather the three lists from the database and the loaded articles. */
export async function kbHealth(feedback: KbFeedbackStore, articles: readonly Article[], opts: { window?: FeedbackWindow; now: Date; staleDays: number; topics?: number }): Promise<KbHealth> {
  const gaps = await feedback.gaps(opts.window);
  return {
    gaps: gaps.length,
    topics: clusterGaps(gaps, opts.topics ?? 10),
    poor: kbReport(await feedback.articleFeedback(opts.window), articles).filter((r) => r.poor),
    staleDays: opts.staleDays,
    stale: staleArticles(articles, opts.now, opts.staleDays),
  };
}

const langText = (langs: Record<string, number>) => Object.entries(langs).map(([l, n]) => `${l} ${n}`).join(', ');

/** The gap and staleness sections of `kb report`'s table (the ratings table comes first). */
export function formatKbHealth(h: KbHealth): string {
  const topics = h.topics.length
    ? h.topics.map((t, i) => `${String(i + 1).padStart(2)}. ${t.terms.join(' ') || '(no common words)'}  x${t.count} (${langText(t.langs)}${t.category ? `; ${t.category}` : ''})\n${t.examples.map((e) => `      "${e}"`).join('\n')}`)
    : ['    none: every search found an article to offer'];
  const stale = h.stale.length
    ? h.stale.map((s) => `    ${s.id}${s.lang === 'zh' ? '.zh' : ''}  updated ${s.updated} (${s.ageDays} days)  ${s.title}`)
    : ['    none'];
  return [
    `Unanswered topics (${h.gaps} searches found nothing to offer):`,
    ...topics,
    '',
    `Stale articles (updated more than ${h.staleDays} days ago; KB_STALE_DAYS or --stale-days):`,
    ...stale,
    '',
  ].join('\n');
}
