import { toCanned, toSavedView, type CannedResponse, type CannedWrite, type SavedView } from '../workspace-store';
import type { PgQueries } from './pg-database';

/** Canned responses and saved views on PostgreSQL (migration 8); the PgAgentStore delegates here. */
export class PgWorkspace {
  constructor(private readonly db: PgQueries) {}

  /** Shared responses and the agent's own, by title (case-insensitive, as SQLite's NOCASE). */
  async listCanned(agentId: string): Promise<CannedResponse[]> {
    return (await this.db.rows('SELECT * FROM canned_responses WHERE owner_id IS NULL OR owner_id = $1 ORDER BY lower(title) COLLATE "C", id', [agentId])).map(toCanned);
  }

  async getCanned(id: number): Promise<CannedResponse | null> {
    const row = await this.db.one('SELECT * FROM canned_responses WHERE id = $1', [id]);
    return row ? toCanned(row) : null;
  }

  async saveCanned(write: CannedWrite, now: string): Promise<CannedResponse | null> {
    const row = write.id === undefined
      ? await this.db.one('INSERT INTO canned_responses (owner_id, title, body, lang, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING *',
        [write.ownerId, write.title, write.body, write.lang, write.by, now])
      : await this.db.one('UPDATE canned_responses SET owner_id = $1, title = $2, body = $3, lang = $4, updated_at = $5 WHERE id = $6 RETURNING *',
        [write.ownerId, write.title, write.body, write.lang, now, write.id]);
    return row ? toCanned(row) : null;
  }

  async deleteCanned(id: number): Promise<boolean> {
    return (await this.db.run('DELETE FROM canned_responses WHERE id = $1', [id])) === 1;
  }

  async listViews(agentId: string): Promise<SavedView[]> {
    return (await this.db.rows('SELECT * FROM saved_views WHERE agent_id = $1 ORDER BY lower(name) COLLATE "C", id', [agentId])).map(toSavedView);
  }

  /** Save under a name; the same name again replaces the query. */
  async saveView(agentId: string, name: string, query: string, now: string): Promise<SavedView> {
    const row = await this.db.one(
      `INSERT INTO saved_views (agent_id, name, query, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (agent_id, name) DO UPDATE SET query = excluded.query RETURNING *`, [agentId, name, query, now]);
    return toSavedView(row as Record<string, unknown>);
  }

  async deleteView(agentId: string, id: number): Promise<boolean> {
    return (await this.db.run('DELETE FROM saved_views WHERE agent_id = $1 AND id = $2', [agentId, id])) === 1;
  }
}
