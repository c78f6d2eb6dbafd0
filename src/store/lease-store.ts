/**
 * Cluster leases for background work (SLA monitor, retention, IMAP watcher...): whoever holds the unexpired
 * lease of a name runs that work; the others wait. A holder renews well inside the TTL; a dead holder's lease
 * simply runs out and the next `acquire` takes it. Each call is one atomic statement, so two instances asking
 * at once never both get it. Times are the callers' clocks (ISO strings), so instances need synchronised
 * clocks (NTP): skew eats into the TTL.
 */
export interface LeaseStore {
  /** Take `name` for `holder` until now + ttlMs when it is free, expired, or already this holder's. True when held now. */
  acquire(name: string, holder: string, now: string, ttlMs: number): Promise<boolean>;
  /** Extend a lease this holder still holds unexpired; false when it ran out (acquire again) or another took it. */
  renew(name: string, holder: string, now: string, ttlMs: number): Promise<boolean>;
  /** Give the lease up at once (a clean stop), if this holder has it. */
  release(name: string, holder: string): Promise<void>;
  /** Who holds `name` unexpired at `now`, or null. */
  holder(name: string, now: string): Promise<string | null>;
}

/** The expiry of a lease taken at `now` for `ttlMs`. */
export function leaseUntil(now: string, ttlMs: number): string {
  return new Date(Date.parse(now) + ttlMs).toISOString();
}
