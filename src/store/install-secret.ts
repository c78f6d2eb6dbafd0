import { createHmac, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * A random 32-byte secret made on first use and kept in the database (migration 7), so keys derived from
 * it (web chat session ids) survive restarts without anyone having to configure a secret.
 */
export function installSecret(db: Database.Database, now = new Date()): Buffer {
  db.prepare('INSERT OR IGNORE INTO install_secrets (name, value, created_at) VALUES (?, ?, ?)').run('main', randomBytes(32), now.toISOString());
  return db.prepare('SELECT value FROM install_secrets WHERE name = ?').pluck().get('main') as Buffer;
}

/** A key for one purpose, derived from the install secret, so one leaked key does not give the others. */
export function deriveKey(secret: Buffer, purpose: string): Buffer {
  return createHmac('sha256', secret).update(purpose).digest();
}
