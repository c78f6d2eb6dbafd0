import { z } from 'zod';

/** A canned response as an agent writes it: shared with every agent, or personal. Placeholders: {{name}}, {{ticket}}, {{agent}}. */
export const CannedInput = z.object({
  title: z.string().trim().min(1).max(100),
  body: z.string().trim().min(1).max(4000),
  lang: z.enum(['en', 'zh']),
  shared: z.boolean().default(true),
});
export type CannedInput = z.infer<typeof CannedInput>;

/** A stored canned response; `ownerId` null means shared. */
export type CannedResponse = {
  id: number; title: string; body: string; lang: 'en' | 'zh'; ownerId: string | null; createdBy: string; updatedAt: string;
};

/** What is written: a new response (no id) or a change to one, by an agent. */
export type CannedWrite = { id?: number; title: string; body: string; lang: 'en' | 'zh'; ownerId: string | null; by: string };

/** A queue search an agent saved under a name; `query` is the queue's query string (q, status, priority...). */
export type SavedView = { id: number; agentId: string; name: string; query: string; createdAt: string };

/** A view's name as the agent types it. */
export const ViewName = z.string().trim().min(1).max(60);

/** Maps a stored row (SQLite or PostgreSQL, same column names) to a CannedResponse. */
export function toCanned(row: Record<string, unknown>): CannedResponse {
  return {
    id: Number(row.id), title: String(row.title), body: String(row.body), lang: row.lang === 'zh' ? 'zh' : 'en',
    ownerId: row.owner_id === null || row.owner_id === undefined ? null : String(row.owner_id), createdBy: String(row.created_by), updatedAt: String(row.updated_at),
  };
}

/** Maps a stored row to a SavedView. */
export function toSavedView(row: Record<string, unknown>): SavedView {
  return { id: Number(row.id), agentId: String(row.agent_id), name: String(row.name), query: String(row.query), createdAt: String(row.created_at) };
}
