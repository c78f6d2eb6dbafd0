import type Database from 'better-sqlite3';
import { toCanned, toSavedView, type CannedResponse, type CannedWrite, type SavedView } from './workspace-store';

/** Canned responses and saved views on SQLite (migration 21); the SqliteAgentStore delegates here. */
export class SqliteWorkspace {
  constructor(private readonly db: Database.Database) {}

  /** Shared responses and the agent's own, by title. */
  listCanned(agentId: string): CannedResponse[] {
    return (this.db.prepare('SELECT * FROM canned_responses WHERE owner_id IS NULL OR owner_id = ? ORDER BY title COLLATE NOCASE, id').all(agentId) as Record<string, unknown>[]).map(toCanned);
  }

  getCanned(id: number): CannedResponse | null {
    const row = this.db.prepare('SELECT * FROM canned_responses WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    return row ? toCanned(row) : null;
  }

  saveCanned(write: CannedWrite, now: string): CannedResponse | null {
    if (write.id === undefined) {
      const info = this.db.prepare('INSERT INTO canned_responses (owner_id, title, body, lang, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(write.ownerId, write.title, write.body, write.lang, write.by, now, now);
      return this.getCanned(Number(info.lastInsertRowid));
    }
    const info = this.db.prepare('UPDATE canned_responses SET owner_id = ?, title = ?, body = ?, lang = ?, updated_at = ? WHERE id = ?')
      .run(write.ownerId, write.title, write.body, write.lang, now, write.id);
    return info.changes === 1 ? this.getCanned(write.id) : null;
  }

  deleteCanned(id: number): boolean {
    return this.db.prepare('DELETE FROM canned_responses WHERE id = ?').run(id).changes === 1;
  }

  listViews(agentId: string): SavedView[] {
    return (this.db.prepare('SELECT * FROM saved_views WHERE agent_id = ? ORDER BY name COLLATE NOCASE, id').all(agentId) as Record<string, unknown>[]).map(toSavedView);
  }

  /** Save under a name; the same name again replaces the query. */
  saveView(agentId: string, name: string, query: string, now: string): SavedView {
    const row = this.db.prepare(
      `INSERT INTO saved_views (agent_id, name, query, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (agent_id, name) DO UPDATE SET query = excluded.query RETURNING *`,
    ).get(agentId, name, query, now) as Record<string, unknown>;
    return toSavedView(row);
  }

  deleteView(agentId: string, id: number): boolean {
    return this.db.prepare('DELETE FROM saved_views WHERE agent_id = ? AND id = ?').run(agentId, id).changes === 1;
  }
}
