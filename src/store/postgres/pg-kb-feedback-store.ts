import { answeredOffer, parseList, tallyFeedback, type ArticleFeedback, type FeedbackWindow } from '../../kb/feedback';
import type { GapRecord } from '../../kb/gaps/gap-topics';
import type { KbFeedbackStore } from '../../kb/kb-feedback-store';
import type { PgDatabase } from './pg-database';

/** A window bound as a time PostgreSQL reads in UTC whatever the session's zone ('2026-11-01' is that day's midnight UTC); null: open. */
function bound(value: string | undefined): string | null {
  if (value === undefined) return null;
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00.000Z` : value;
}

/** KB feedback on PostgreSQL: the same reads as feedback.ts and gap-topics.ts do on SQLite. */
export class PgKbFeedbackStore implements KbFeedbackStore {
  constructor(private readonly db: PgDatabase) {}

  async articleFeedback(window: FeedbackWindow = {}): Promise<ArticleFeedback[]> {
    const range = [bound(window.since), bound(window.until)];
    const tickets = await this.db.rows(`SELECT kb_json FROM tickets WHERE kb_json <> '[]'
      AND ($1::timestamptz IS NULL OR created_at >= $1) AND ($2::timestamptz IS NULL OR created_at < $2)`, range);
    // json, not jsonb: the state is kept as written, and jsonb refuses a "\u0000" a pasted message may carry.
    const waiting = await this.db.rows(`SELECT (state_json::json -> 'intake' -> 'kbTried')::text AS tried FROM conversations
      WHERE state_json::json ->> 'phase' IN ('kb_offer', 'dialog')
      AND ($1::timestamptz IS NULL OR updated_at >= $1) AND ($2::timestamptz IS NULL OR updated_at < $2)`, range);
    const answered = await this.db.rows(`SELECT articles_json FROM kb_answers
      WHERE ($1::timestamptz IS NULL OR at >= $1) AND ($2::timestamptz IS NULL OR at < $2)`, range);
    return tallyFeedback([...tickets.map((r) => parseList(r.kb_json)), ...waiting.map((r) => parseList(r.tried)), ...answered.map((r) => answeredOffer(String(r.articles_json)))]);
  }

  async gaps(window: FeedbackWindow = {}): Promise<GapRecord[]> {
    const rows = await this.db.rows(`SELECT at, lang, query, category FROM kb_gaps
      WHERE ($1::timestamptz IS NULL OR at >= $1) AND ($2::timestamptz IS NULL OR at < $2) ORDER BY at, id`, [bound(window.since), bound(window.until)]);
    return rows.map((r) => ({ at: String(r.at), lang: String(r.lang), query: String(r.query), category: r.category === null ? null : String(r.category) }));
  }
}
