import { firstServiceUrl, type TeamsServiceUrlStore } from '../teams-service-url-store';
import type { PgDatabase } from './pg-database';

/** TeamsServiceUrlStore on PostgreSQL (migration 15). */
export class PgTeamsServiceUrlStore implements TeamsServiceUrlStore {
  constructor(private readonly db: PgDatabase) {}

  async saveServiceUrl(places: string[], url: string, now: string): Promise<void> {
    if (places.length === 0) return;
    await this.db.run(`INSERT INTO teams_service_urls (place, service_url, learnt_at) SELECT place, $2, $3 FROM unnest($1::text[]) AS place
      ON CONFLICT (place) DO UPDATE SET service_url = excluded.service_url, learnt_at = excluded.learnt_at`, [places, url, now]);
  }

  async serviceUrlOf(places: string[]): Promise<string | null> {
    if (places.length === 0) return null;
    return firstServiceUrl(places, await this.db.rows('SELECT place, service_url FROM teams_service_urls WHERE place = ANY($1::text[])', [places]));
  }
}
