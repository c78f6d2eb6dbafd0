import type Database from 'better-sqlite3';
import { articleFeedback, type ArticleFeedback, type FeedbackWindow } from './feedback';
import { loadGaps, type GapRecord } from './gaps/gap-topics';

/** What users told the knowledge base (ratings of offered articles, searches that found nothing), on SQLite or PostgreSQL. */
export interface KbFeedbackStore {
  /** Per-article ratings of tickets created, and offers waiting in conversations active, in the window. */
  articleFeedback(window?: FeedbackWindow): Promise<ArticleFeedback[]>;
  /** Searches that found nothing to offer in the window, oldest first. */
  gaps(window?: FeedbackWindow): Promise<GapRecord[]>;
}

/** KB feedback in the SQLite file (tickets' kb_json, conversations' state, kb_gaps). */
export class SqliteKbFeedbackStore implements KbFeedbackStore {
  constructor(private readonly db: Database.Database) {}

  async articleFeedback(window: FeedbackWindow = {}): Promise<ArticleFeedback[]> {
    return articleFeedback(this.db, window);
  }

  async gaps(window: FeedbackWindow = {}): Promise<GapRecord[]> {
    return loadGaps(this.db, window);
  }
}
