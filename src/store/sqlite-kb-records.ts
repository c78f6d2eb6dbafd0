import type Database from 'better-sqlite3';
import type { TurnCommit } from './store';

/**
 * What a turn records for the knowledge base, in the turn's transaction: a gap (a problem no article answered),
 * an answer (a question the articles solved, instead of a ticket), and the rating of the conversation's last
 * answer or the comment after it.
 */
export function writeKbRecords(stmt: (sql: string) => Database.Statement, commit: TurnCommit, channel: string): void {
  if (commit.kbGap) {
    stmt('INSERT INTO kb_gaps (at, conversation_id, channel, lang, query, category) VALUES (?, ?, ?, ?, ?, ?)')
      .run(commit.now, commit.conversationId, channel, commit.kbGap.lang, commit.kbGap.query, commit.kbGap.category ?? null);
  }
  if (commit.kbAnswer) {
    stmt('INSERT INTO kb_answers (at, conversation_id, channel, lang, category, articles_json) VALUES (?, ?, ?, ?, ?, ?)')
      .run(commit.now, commit.conversationId, channel, commit.kbAnswer.lang, commit.kbAnswer.category ?? null, JSON.stringify(commit.kbAnswer.articles));
  }
  if (commit.kbAnswerRating) {
    const { score = null, comment = null } = commit.kbAnswerRating;
    stmt('UPDATE kb_answers SET csat = coalesce(?, csat), csat_comment = coalesce(?, csat_comment) WHERE id = (SELECT max(id) FROM kb_answers WHERE conversation_id = ?)')
      .run(score, comment, commit.conversationId);
  }
}
