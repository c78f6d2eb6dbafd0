import type Database from 'better-sqlite3';
import type { Row } from './rows';

/**
 * The Bot Connector address (`serviceUrl`) Teams last sent for each place (teams_service_urls), on the database
 * every instance shares: a post after a restart, or from another instance, goes where Teams last said.
 * A place is `tenant:<id>`, `place:<team or channel id>` or `latest`.
 */
export interface TeamsServiceUrlStore {
  /** Record `url` as the address of each of `places` (replacing what they had). */
  saveServiceUrl(places: string[], url: string, now: string): Promise<void>;
  /** The address of the first of `places` that has one, or null. */
  serviceUrlOf(places: string[]): Promise<string | null>;
}

/** The address of the first place in `places` order among the rows found (both databases). */
export function firstServiceUrl(places: string[], rows: Row[]): string | null {
  const byPlace = new Map(rows.map((row) => [String(row.place), String(row.service_url)]));
  for (const place of places) {
    const url = byPlace.get(place);
    if (url) return url;
  }
  return null;
}

/** TeamsServiceUrlStore on the SQLite file (migration 26). */
export class SqliteTeamsServiceUrlStore implements TeamsServiceUrlStore {
  constructor(private readonly db: Database.Database) {}

  async saveServiceUrl(places: string[], url: string, now: string): Promise<void> {
    const upsert = this.db.prepare(`INSERT INTO teams_service_urls (place, service_url, learnt_at) VALUES (?, ?, ?)
      ON CONFLICT (place) DO UPDATE SET service_url = excluded.service_url, learnt_at = excluded.learnt_at`);
    this.db.transaction(() => {
      for (const place of places) upsert.run(place, url, now);
    })();
  }

  async serviceUrlOf(places: string[]): Promise<string | null> {
    if (places.length === 0) return null;
    const rows = this.db.prepare(`SELECT place, service_url FROM teams_service_urls WHERE place IN (${places.map(() => '?').join(', ')})`).all(...places) as Row[];
    return firstServiceUrl(places, rows);
  }
}
