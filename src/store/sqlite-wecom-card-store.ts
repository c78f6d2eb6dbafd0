import type Database from 'better-sqlite3';
import type { Row } from './rows';
import { toStoredCard, type StoredCard, type WecomCardStore } from './wecom-card-store';

/** WecomCardStore on the SQLite file (migration 15). */
export class SqliteWecomCardStore implements WecomCardStore {
  constructor(private readonly db: Database.Database) {}

  async saveCard(card: Omit<StoredCard, 'answeredAt'>, now: string): Promise<void> {
    this.db.prepare(`INSERT INTO wecom_cards (task_id, kind, recipient, ticket, choices_json, response_code, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (task_id) DO NOTHING`).run(card.taskId, card.kind, card.recipient, card.ticket, JSON.stringify(card.choices), card.responseCode, now);
  }

  async card(taskId: string): Promise<StoredCard | null> {
    const row = this.db.prepare('SELECT * FROM wecom_cards WHERE task_id = ?').get(taskId) as Row | undefined;
    return row ? toStoredCard(row) : null;
  }

  async setResponseCode(taskId: string, code: string | null): Promise<void> {
    this.db.prepare('UPDATE wecom_cards SET response_code = ? WHERE task_id = ?').run(code, taskId);
  }

  async takeResponseCode(taskId: string): Promise<string | null> {
    return this.db.transaction(() => {
      const code = (this.db.prepare('SELECT response_code FROM wecom_cards WHERE task_id = ?').get(taskId) as Row | undefined)?.response_code;
      this.db.prepare('UPDATE wecom_cards SET response_code = NULL WHERE task_id = ?').run(taskId);
      return typeof code === 'string' ? code : null;
    }).immediate();
  }

  async tier2CardOf(ticket: string): Promise<StoredCard | null> {
    const row = this.db.prepare("SELECT * FROM wecom_cards WHERE kind = 'tier2' AND ticket = ? ORDER BY created_at DESC, rowid DESC LIMIT 1").get(ticket) as Row | undefined;
    return row ? toStoredCard(row) : null;
  }
}
