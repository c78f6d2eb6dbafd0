import type Database from 'better-sqlite3';
import { SqliteStore } from '../../src/store/sqlite-store';
import type { Store } from '../../src/store/store';
import type { Choice } from '../../src/types/conversation';

/** A template card we sent: who got it, what its buttons mean, and the code that lets us update it. */
export type StoredCard = {
  taskId: string;
  kind: 'choice' | 'tier2';
  /** The UserID it was sent to; '@agents' for a tier-2 card sent to the agents. */
  recipient: string;
  ticket: string | null;
  choices: Choice[];
  responseCode: string | null;
  answeredAt: string | null;
};

type Row = Record<string, unknown>;

/** The wecom_cards and wecom_tier2 tables (migration 15). */
export class WecomCardDb {
  constructor(private readonly db: Database.Database) {}

  /** Record a card WeCom accepted (message/send answered its response_code). */
  saveCard(card: Omit<StoredCard, 'answeredAt'>, now: string): void {
    this.db.prepare(`INSERT INTO wecom_cards (task_id, kind, recipient, ticket, choices_json, response_code, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (task_id) DO NOTHING`).run(card.taskId, card.kind, card.recipient, card.ticket, JSON.stringify(card.choices), card.responseCode, now);
  }

  card(taskId: string): StoredCard | null {
    const row = this.db.prepare('SELECT * FROM wecom_cards WHERE task_id = ?').get(taskId) as Row | undefined;
    if (!row) return null;
    return {
      taskId, kind: row.kind as StoredCard['kind'], recipient: String(row.recipient), ticket: row.ticket === null ? null : String(row.ticket),
      choices: JSON.parse(String(row.choices_json)) as Choice[], responseCode: row.response_code === null ? null : String(row.response_code),
      answeredAt: row.answered_at === null ? null : String(row.answered_at),
    };
  }

  /** Mark a choice card answered, once: false when it was answered already (a second click answers nothing). */
  markAnswered(taskId: string, now: string): boolean {
    return this.db.prepare('UPDATE wecom_cards SET answered_at = ? WHERE task_id = ? AND answered_at IS NULL').run(now, taskId).changes === 1;
  }

  /** Keep the newest response_code (each click brings one; each is usable once). */
  setResponseCode(taskId: string, code: string | null): void {
    this.db.prepare('UPDATE wecom_cards SET response_code = ? WHERE task_id = ?').run(code, taskId);
  }

  /** Take the response_code to update a card with, so no other update uses it again. */
  takeResponseCode(taskId: string): string | null {
    return this.db.transaction(() => {
      const code = (this.db.prepare('SELECT response_code FROM wecom_cards WHERE task_id = ?').get(taskId) as Row | undefined)?.response_code;
      this.db.prepare('UPDATE wecom_cards SET response_code = NULL WHERE task_id = ?').run(taskId);
      return typeof code === 'string' ? code : null;
    }).immediate();
  }

  /** The newest tier-2 card of a ticket. */
  tier2CardOf(ticket: string): StoredCard | null {
    const row = this.db.prepare("SELECT task_id FROM wecom_cards WHERE kind = 'tier2' AND ticket = ? ORDER BY created_at DESC, rowid DESC LIMIT 1").get(ticket) as Row | undefined;
    return row ? this.card(String(row.task_id)) : null;
  }

  /** Claim a ticket's escalation for WeCom; false when it was claimed already. */
  claimEscalation(ticketId: number, lastEventId: number, now: string): boolean {
    return this.db.prepare('INSERT OR IGNORE INTO wecom_tier2 (ticket_id, last_event_id, created_at) VALUES (?, ?, ?)').run(ticketId, lastEventId, now).changes === 1;
  }

  /** The mirror cursor of an escalated ticket, or null when it was never escalated to WeCom. */
  cursorOf(ticketId: number): number | null {
    const row = this.db.prepare('SELECT last_event_id FROM wecom_tier2 WHERE ticket_id = ?').get(ticketId) as Row | undefined;
    return row ? Number(row.last_event_id) : null;
  }

  /** Move the cursor forward; false when another mirror moved it past `lastEventId` already. */
  advance(ticketId: number, lastEventId: number): boolean {
    return this.db.prepare('UPDATE wecom_tier2 SET last_event_id = ? WHERE ticket_id = ? AND last_event_id < ?').run(lastEventId, ticketId, lastEventId).changes === 1;
  }

  /** Run `fn` in one immediate transaction. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }
}

/** The WeCom tables on a SqliteStore's database. */
export function wecomCardDb(store: Store): WecomCardDb {
  if (!(store instanceof SqliteStore)) throw new Error('WeCom cards need the SQLite store: set DATABASE_PATH to a SQLite file');
  return new WecomCardDb(store.db);
}
