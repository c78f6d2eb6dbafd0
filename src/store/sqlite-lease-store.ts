import type Database from 'better-sqlite3';
import { leaseUntil, type LeaseStore } from './lease-store';
import type { Row } from './rows';
import { statementCache } from './statement-cache';

/**
 * Take the lease when free, expired, or already ours; one statement (an upsert whose update only applies
 * under that condition). Written so SQLite and PostgreSQL run the same text, with `?` or `$n` placeholders.
 */
export const ACQUIRE_LEASE = `INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
  ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
  WHERE leases.holder = excluded.holder OR leases.expires_at <= $4
  RETURNING holder`;
/** Extend only an unexpired lease of this holder. */
export const RENEW_LEASE = 'UPDATE leases SET expires_at = $3 WHERE name = $1 AND holder = $2 AND expires_at > $4';
export const RELEASE_LEASE = 'DELETE FROM leases WHERE name = $1 AND holder = $2';
export const LEASE_HOLDER = 'SELECT holder FROM leases WHERE name = $1 AND expires_at > $2';

/** LeaseStore on the SQLite database of a SqliteStore (table of migration 16). */
export class SqliteLeaseStore implements LeaseStore {
  private readonly stmt: (sql: string) => Database.Statement;

  constructor(db: Database.Database) {
    this.stmt = statementCache(db);
  }

  async acquire(name: string, holder: string, now: string, ttlMs: number): Promise<boolean> {
    // SQLite reads $1... as named parameters "1", "2"...: pass an object keyed by position.
    return this.stmt(ACQUIRE_LEASE).get(byPosition([name, holder, leaseUntil(now, ttlMs), now])) !== undefined;
  }

  async renew(name: string, holder: string, now: string, ttlMs: number): Promise<boolean> {
    return this.stmt(RENEW_LEASE).run(byPosition([name, holder, leaseUntil(now, ttlMs), now])).changes === 1;
  }

  async release(name: string, holder: string): Promise<void> {
    this.stmt(RELEASE_LEASE).run(byPosition([name, holder]));
  }

  /** Drop every lease: for a server holding the database file's lock, whose holders are therefore all gone. */
  async releaseAll(): Promise<number> {
    return this.stmt('DELETE FROM leases').run().changes;
  }

  async holder(name: string, now: string): Promise<string | null> {
    const row = this.stmt(LEASE_HOLDER).get(byPosition([name, now])) as Row | undefined;
    return row ? String(row.holder) : null;
  }
}

function byPosition(values: unknown[]): Record<string, unknown> {
  return Object.fromEntries(values.map((value, i) => [String(i + 1), value]));
}
