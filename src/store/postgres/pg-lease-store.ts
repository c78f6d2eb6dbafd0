import { leaseUntil, type LeaseStore } from '../lease-store';
import { ACQUIRE_LEASE, LEASE_HOLDER, RELEASE_LEASE, RENEW_LEASE } from '../sqlite-lease-store';
import type { PgDatabase } from './pg-database';

/**
 * LeaseStore on PostgreSQL, with the very statements of the SQLite one. Two instances acquiring at once:
 * the second's upsert waits for the first's row, then re-checks the WHERE on it and takes nothing.
 */
export class PgLeaseStore implements LeaseStore {
  constructor(private readonly db: PgDatabase) {}

  async acquire(name: string, holder: string, now: string, ttlMs: number): Promise<boolean> {
    return (await this.db.one(ACQUIRE_LEASE, [name, holder, leaseUntil(now, ttlMs), now])) !== undefined;
  }

  async renew(name: string, holder: string, now: string, ttlMs: number): Promise<boolean> {
    return (await this.db.run(RENEW_LEASE, [name, holder, leaseUntil(now, ttlMs), now])) === 1;
  }

  async release(name: string, holder: string): Promise<void> {
    await this.db.run(RELEASE_LEASE, [name, holder]);
  }

  async holder(name: string, now: string): Promise<string | null> {
    const row = await this.db.one(LEASE_HOLDER, [name, now]);
    return row ? String(row.holder) : null;
  }
}
