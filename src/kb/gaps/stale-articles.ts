import type { Article } from '../article';

/** An article not reviewed for longer than the desk allows. */
export type StaleArticle = { id: string; lang: string; title: string; updated: string; ageDays: number };

const DAY_MS = 86_400_000;

/** Articles whose `updated` date is more than `maxAgeDays` before `now`, oldest first. */
export function staleArticles(articles: readonly Article[], now: Date, maxAgeDays: number): StaleArticle[] {
  return articles
    .map((a) => ({ id: a.id, lang: a.lang, title: a.title, updated: a.updated, ageDays: Math.floor((now.getTime() - Date.parse(`${a.updated}T00:00:00Z`)) / DAY_MS) }))
    .filter((a) => a.ageDays > maxAgeDays)
    .sort((a, b) => b.ageDays - a.ageDays || a.id.localeCompare(b.id) || a.lang.localeCompare(b.lang));
}
