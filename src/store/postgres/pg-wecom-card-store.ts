import { toStoredCard, type StoredCard, type WecomCardStore } from '../wecom-card-store';
import type { PgDatabase } from './pg-database';

/** WecomCardStore on PostgreSQL (migration 10). */
export class PgWecomCardStore implements WecomCardStore {
  constructor(private readonly db: PgDatabase) {}

  async saveCard(card: Omit<StoredCard, 'answeredAt'>, now: string): Promise<void> {
    await this.db.run(`INSERT INTO wecom_cards (task_id, kind, recipient, ticket, choices_json, response_code, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (task_id) DO NOTHING`, [card.taskId, card.kind, card.recipient, card.ticket, JSON.stringify(card.choices), card.responseCode, now]);
  }

  async card(taskId: string): Promise<StoredCard | null> {
    const row = await this.db.one('SELECT * FROM wecom_cards WHERE task_id = $1', [taskId]);
    return row ? toStoredCard(row) : null;
  }

  async setResponseCode(taskId: string, code: string | null): Promise<void> {
    await this.db.run('UPDATE wecom_cards SET response_code = $1 WHERE task_id = $2', [code, taskId]);
  }

  async takeResponseCode(taskId: string): Promise<string | null> {
    // The row lock makes a second taker wait and then read the NULL the first one left.
    const row = await this.db.one(`WITH old AS (SELECT task_id, response_code FROM wecom_cards WHERE task_id = $1 FOR UPDATE)
      UPDATE wecom_cards w SET response_code = NULL FROM old WHERE w.task_id = old.task_id RETURNING old.response_code`, [taskId]);
    return typeof row?.response_code === 'string' ? row.response_code : null;
  }

  async tier2CardOf(ticket: string): Promise<StoredCard | null> {
    const row = await this.db.one("SELECT * FROM wecom_cards WHERE kind = 'tier2' AND ticket = $1 ORDER BY created_at DESC, seq DESC LIMIT 1", [ticket]);
    return row ? toStoredCard(row) : null;
  }
}
