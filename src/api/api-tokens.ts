import type Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import type { ApiScope } from './scopes';

/** A token as listed (never its secret or hash). */
export type ApiToken = { id: number; name: string; scopes: ApiScope[]; createdAt: string; expiresAt: string | null; revokedAt: string | null; lastUsedAt: string | null };

/** Token names appear in audit actors (`agent:api:<name>`): lower-case words only. */
const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

type Row = Record<string, unknown>;
const toToken = (r: Row): ApiToken => ({
  id: Number(r.id), name: String(r.name), scopes: JSON.parse(String(r.scopes)) as ApiScope[], createdAt: String(r.created_at),
  expiresAt: r.expires_at === null ? null : String(r.expires_at), revokedAt: r.revoked_at === null ? null : String(r.revoked_at),
  lastUsedAt: r.last_used_at === null ? null : String(r.last_used_at),
});

/** API tokens on the Frontdesk database (migration 13): stored as SHA-256 hashes, shown once at creation. */
export class ApiTokens {
  constructor(private readonly db: Database.Database) {}

  /** Create a token; returns the secret (print it once: only its hash is kept). */
  add(name: string, scopes: ApiScope[], now: Date, expiresInMs?: number): { token: string; record: ApiToken } {
    if (!NAME.test(name)) throw new ValidationError('token name: use 1-64 lower-case letters, digits, ".", "_" or "-"');
    if (this.db.prepare('SELECT 1 FROM api_tokens WHERE name = ?').get(name)) throw new ConflictError(`a token named ${name} exists: revoke it or pick another name`);
    const token = `fdk_${randomBytes(32).toString('base64url')}`;
    const expiresAt = expiresInMs === undefined ? null : new Date(now.getTime() + expiresInMs).toISOString();
    const info = this.db.prepare('INSERT INTO api_tokens (name, token_hash, scopes, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(name, hash(token), JSON.stringify(scopes), now.toISOString(), expiresAt);
    return { token, record: toToken(this.db.prepare('SELECT * FROM api_tokens WHERE id = ?').get(info.lastInsertRowid) as Row) };
  }

  /** Every token, oldest first (revoked and expired ones included). */
  list(): ApiToken[] {
    return (this.db.prepare('SELECT * FROM api_tokens ORDER BY id').all() as Row[]).map(toToken);
  }

  /** Revoke by name; a revoked token is refused from the next request on. */
  revoke(name: string, now: Date): void {
    const info = this.db.prepare('UPDATE api_tokens SET revoked_at = coalesce(revoked_at, ?) WHERE name = ?').run(now.toISOString(), name);
    if (info.changes === 0) throw new NotFoundError(`no token named ${name}: see "frontdesk tokens list"`);
  }

  /** The live (not revoked, not expired) token with this secret, or null. */
  verify(token: string, now: Date): ApiToken | null {
    const row = this.db.prepare('SELECT * FROM api_tokens WHERE token_hash = ?').get(hash(token)) as Row | undefined;
    if (!row) return null;
    const record = toToken(row);
    if (record.revokedAt !== null || (record.expiresAt !== null && record.expiresAt <= now.toISOString())) return null;
    // At most once a minute: a busy integration should not write on every read.
    if (!record.lastUsedAt || Date.parse(record.lastUsedAt) < now.getTime() - 60_000) {
      this.db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(now.toISOString(), record.id);
    }
    return record;
  }
}
