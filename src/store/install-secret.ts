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

/** The install secret on PostgreSQL: the first instance to ask makes it, every other one reads that same value. */
export async function pgInstallSecret(db: { one(sql: string, params?: unknown[]): Promise<Record<string, unknown> | undefined> }, now = new Date()): Promise<Buffer> {
  await db.one('INSERT INTO install_secrets (name, value, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING', ['main', randomBytes(32), now.toISOString()]);
  return (await db.one('SELECT value FROM install_secrets WHERE name = $1', ['main']))!.value as Buffer;
}

/** A key for one purpose, derived from the install secret, so one leaked key does not give the others. */
export function deriveKey(secret: Buffer, purpose: string): Buffer {
  return createHmac('sha256', secret).update(purpose).digest();
}
