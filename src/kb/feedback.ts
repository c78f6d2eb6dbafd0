import type Database from 'better-sqlite3';
import type { Article } from './article';

/**
 * When an article counts as poorly rated: at least `minNotHelpful` "did not solve it" answers AND a
 * helpful rate below `maxHelpfulRate`. The count floor keeps one or two unlucky offers from flagging
 * a good article; the rate keeps a popular article that also solves many problems off the list.
 */
export const POOR_RATING = { minNotHelpful: 3, maxHelpfulRate: 0.5 } as const;

/** One rating as stored in a ticket's kb_json or a conversation's intake.kbTried. */
export type KbRating = { id: string; helpful: boolean | null };

/** How often an article was offered and what users answered to "Did this solve it?". */
export type ArticleFeedback = {
  id: string;
  /** Times it was shown in an offer (one per ticket or open conversation). */
  offered: number;
  /** Offers answered "yes, solved" (a self-service resolution; every article of that offer counts). */
  helpful: number;
  /** Offers answered "no" (the user went on to the questions and a ticket). */
  notHelpful: number;
  /** Offers with no answer yet (conversation still waiting, or abandoned there). */
  unanswered: number;
  /** helpful / (helpful + notHelpful), null before any answer. */
  helpfulRate: number | null;
  poor: boolean;
};

/** A KB report line: the feedback plus the article's title and languages (null title: article since removed). */
export type KbReportRow = ArticleFeedback & { title: string | null; langs: string[] };

/** Whether counts meet the POOR_RATING thresholds. */
export function isPoor(helpful: number, notHelpful: number): boolean {
  const answered = helpful + notHelpful;
  return notHelpful >= POOR_RATING.minNotHelpful && answered > 0 && helpful / answered < POOR_RATING.maxHelpfulRate;
}

/** Count ratings per article; each list is one offer (a ticket's kb_json or a waiting conversation's kbTried). */
export function tallyFeedback(offers: Iterable<readonly KbRating[]>): ArticleFeedback[] {
  const counts = new Map<string, { offered: number; helpful: number; notHelpful: number; unanswered: number }>();
  for (const offer of offers) {
    for (const rating of offer) {
      const c = counts.get(rating.id) ?? { offered: 0, helpful: 0, notHelpful: 0, unanswered: 0 };
      c.offered += 1;
      if (rating.helpful === true) c.helpful += 1;
      else if (rating.helpful === false) c.notHelpful += 1;
      else c.unanswered += 1;
      counts.set(rating.id, c);
    }
  }
  return [...counts.entries()]
    .map(([id, c]) => {
      const answered = c.helpful + c.notHelpful;
      return { id, ...c, helpfulRate: answered ? c.helpful / answered : null, poor: isPoor(c.helpful, c.notHelpful) };
    })
    .sort((a, b) => b.offered - a.offered || a.id.localeCompare(b.id));
}

/** Time window on ticket creation / conversation activity (ISO strings, `until` exclusive). */
export type FeedbackWindow = { since?: string; until?: string };

/** The ratings of one offer, from its JSON text (a ticket's kb_json or a conversation's intake.kbTried). */
export const parseList = (json: unknown): KbRating[] => {
  if (typeof json !== 'string') return [];
  const value = JSON.parse(json) as unknown;
  return Array.isArray(value) ? value.filter((v): v is KbRating => typeof v?.id === 'string') : [];
};

/**
 * Per-article feedback from the SQLite database of a SqliteStore: every ticket's kb_json, offers in
 * conversations that have no ticket yet (waiting for the answer, or "no" and still in the questions), and
 * questions answered without a ticket (kb_answers).
 */
export function articleFeedback(db: Database.Database, window: FeedbackWindow = {}): ArticleFeedback[] {
  const since = window.since ?? '0000';
  const until = window.until ?? '9999';
  const tickets = db
    .prepare("SELECT kb_json FROM tickets WHERE kb_json <> '[]' AND created_at >= ? AND created_at < ?")
    .all(since, until) as { kb_json: string }[];
  const waiting = db
    .prepare(
      `SELECT json_extract(state_json, '$.intake.kbTried') AS tried FROM conversations
       WHERE json_extract(state_json, '$.phase') IN ('kb_offer', 'dialog') AND updated_at >= ? AND updated_at < ?`,
    )
    .all(since, until) as { tried: string | null }[];
  const answered = db.prepare('SELECT articles_json FROM kb_answers WHERE at >= ? AND at < ?').all(since, until) as { articles_json: string }[];
  return tallyFeedback([...tickets.map((r) => parseList(r.kb_json)), ...waiting.map((r) => parseList(r.tried)), ...answered.map((r) => answeredOffer(r.articles_json))]);
}

/** A question the articles answered (kb_answers.articles_json): each of them rated helpful. */
export function answeredOffer(json: string): KbRating[] {
  return (JSON.parse(json) as string[]).map((id) => ({ id, helpful: true }));
}

/**
 * Join feedback with the loaded articles: every article appears (never-offered ones with zeros, so gaps
 * show), ids no longer in the folder keep their counts with a null title. Poor ones first.
 */
export function kbReport(feedback: readonly ArticleFeedback[], articles: readonly Article[]): KbReportRow[] {
  const byId = new Map<string, { title: string; langs: string[] }>();
  for (const a of articles) {
    const entry = byId.get(a.id) ?? { title: a.title, langs: [] };
    if (a.lang === 'en') entry.title = a.title;
    entry.langs.push(a.lang);
    byId.set(a.id, entry);
  }
  const rows = new Map<string, KbReportRow>();
  for (const f of feedback) rows.set(f.id, { ...f, title: byId.get(f.id)?.title ?? null, langs: byId.get(f.id)?.langs.sort() ?? [] });
  for (const [id, a] of byId) {
    if (!rows.has(id)) rows.set(id, { id, offered: 0, helpful: 0, notHelpful: 0, unanswered: 0, helpfulRate: null, poor: false, title: a.title, langs: a.langs.sort() });
  }
  return [...rows.values()].sort((a, b) => Number(b.poor) - Number(a.poor) || b.offered - a.offered || a.id.localeCompare(b.id));
}

const pad = (s: string, n: number, right = false) => (right ? s.padStart(n) : s.padEnd(n));

/** The report as a fixed-width text table, with the thresholds stated under it. */
export function formatKbReportTable(rows: readonly KbReportRow[]): string {
  const head = ['article', 'offered', 'helpful', 'not', 'open', 'rate', 'flag'];
  const body = rows.map((r) => [
    r.title === null ? `${r.id} (removed)` : r.id,
    String(r.offered), String(r.helpful), String(r.notHelpful), String(r.unanswered),
    r.helpfulRate === null ? '-' : `${Math.round(r.helpfulRate * 100)}%`,
    r.poor ? 'POOR' : '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i], i > 0 && i < 6)).join('  ').trimEnd();
  const poor = rows.filter((r) => r.poor).length;
  return [
    line(head),
    ...body.map(line),
    '',
    `${rows.length} articles, ${poor} flagged POOR (not helpful >= ${POOR_RATING.minNotHelpful} and helpful rate < ${POOR_RATING.maxHelpfulRate * 100}%).`,
    '',
  ].join('\n');
}
