import { createHash, randomBytes } from 'node:crypto';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import type { ApiStore, ApiToken } from './api-store';
import type { ApiScope } from './scopes';

export type { ApiToken } from './api-store';

/** Token names appear in audit actors (`agent:api:<name>`): lower-case words only. */
const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** API tokens in the API store: stored as SHA-256 hashes, shown once at creation. */
export class ApiTokens {
  constructor(private readonly store: ApiStore) {}

  /** Create a token; returns the secret (print it once: only its hash is kept). */
  async add(name: string, scopes: ApiScope[], now: Date, expiresInMs?: number): Promise<{ token: string; record: ApiToken }> {
    if (!NAME.test(name)) throw new ValidationError('token name: use 1-64 lower-case letters, digits, ".", "_" or "-"');
    const token = `fdk_${randomBytes(32).toString('base64url')}`;
    const expiresAt = expiresInMs === undefined ? null : new Date(now.getTime() + expiresInMs).toISOString();
    const record = await this.store.addToken(name, hash(token), scopes, now.toISOString(), expiresAt);
    if (!record) throw new ConflictError(`a token named ${name} exists: revoke it or pick another name`);
    return { token, record };
  }

  /** Every token, oldest first (revoked and expired ones included). */
  list(): Promise<ApiToken[]> {
    return this.store.listTokens();
  }

  /** Revoke by name; a revoked token is refused from the next request on. */
  async revoke(name: string, now: Date): Promise<void> {
    if (!(await this.store.revokeToken(name, now.toISOString()))) throw new NotFoundError(`no token named ${name}: see "frontdesk tokens list"`);
  }

  /** The live (not revoked, not expired) token with this secret, or null. */
  async verify(token: string, now: Date): Promise<ApiToken | null> {
    const record = await this.store.tokenByHash(hash(token));
    if (!record) return null;
    if (record.revokedAt !== null || (record.expiresAt !== null && record.expiresAt <= now.toISOString())) return null;
    // At most once a minute: a busy integration should not write on every read.
    if (!record.lastUsedAt || Date.parse(record.lastUsedAt) < now.getTime() - 60_000) await this.store.touchToken(record.id, now.toISOString());
    return record;
  }
}
