import type Database from 'better-sqlite3';
import type { Row } from '../store/rows';
import { IDEMPOTENCY_IN_FLIGHT_MS, IDEMPOTENCY_KEEP_MS, type ApiCall, type ApiStore, type ApiToken, type IdempotencyClaim } from './api-store';
import { toApiCall, toApiToken } from './api-token-row';
import type { ApiScope } from './scopes';

/** The API's rows in the SQLite file (migration 13); one writer at a time, so a claim is one IMMEDIATE transaction. */
export class SqliteApiStore implements ApiStore {
  constructor(private readonly db: Database.Database) {}

  async addToken(name: string, tokenHash: string, scopes: readonly ApiScope[], createdAt: string, expiresAt: string | null): Promise<ApiToken | null> {
    const info = this.db.prepare('INSERT INTO api_tokens (name, token_hash, scopes, created_at, expires_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING')
      .run(name, tokenHash, JSON.stringify(scopes), createdAt, expiresAt);
    if (info.changes === 0) return null;
    return toApiToken(this.db.prepare('SELECT * FROM api_tokens WHERE id = ?').get(info.lastInsertRowid) as Row);
  }

  async listTokens(): Promise<ApiToken[]> {
    return (this.db.prepare('SELECT * FROM api_tokens ORDER BY id').all() as Row[]).map(toApiToken);
  }

  async revokeToken(name: string, at: string): Promise<boolean> {
    return this.db.prepare('UPDATE api_tokens SET revoked_at = coalesce(revoked_at, ?) WHERE name = ?').run(at, name).changes > 0;
  }

  async tokenByHash(tokenHash: string): Promise<ApiToken | null> {
    const row = this.db.prepare('SELECT * FROM api_tokens WHERE token_hash = ?').get(tokenHash) as Row | undefined;
    return row ? toApiToken(row) : null;
  }

  async touchToken(id: number, at: string): Promise<void> {
    this.db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(at, id);
  }

  async claimIdempotencyKey(tokenId: number, key: string, requestHash: string, now: Date): Promise<IdempotencyClaim> {
    const at = now.toISOString();
    return this.db.transaction((): IdempotencyClaim => {
      this.db.prepare('DELETE FROM api_idempotency WHERE created_at < ?').run(new Date(now.getTime() - IDEMPOTENCY_KEEP_MS).toISOString());
      const row = this.db.prepare('SELECT request_hash, status, response_json, created_at FROM api_idempotency WHERE token_id = ? AND key = ?').get(tokenId, key) as
        { request_hash: string; status: number | null; response_json: string | null; created_at: string } | undefined;
      if (!row) {
        this.db.prepare('INSERT INTO api_idempotency (token_id, key, request_hash, created_at) VALUES (?, ?, ?, ?)').run(tokenId, key, requestHash, at);
        return { kind: 'new' };
      }
      if (row.request_hash !== requestHash) return { kind: 'other_request' };
      if (row.status !== null) return { kind: 'replay', status: row.status, body: row.response_json ?? '' };
      if (Date.parse(row.created_at) > now.getTime() - IDEMPOTENCY_IN_FLIGHT_MS) return { kind: 'in_flight' };
      this.db.prepare('UPDATE api_idempotency SET created_at = ? WHERE token_id = ? AND key = ?').run(at, tokenId, key);
      return { kind: 'new' };
    }).immediate();
  }

  async finishIdempotencyKey(tokenId: number, key: string, status: number, body: string): Promise<void> {
    this.db.prepare('UPDATE api_idempotency SET status = ?, response_json = ? WHERE token_id = ? AND key = ?').run(status, body, tokenId, key);
  }

  async abandonIdempotencyKey(tokenId: number, key: string): Promise<void> {
    this.db.prepare('DELETE FROM api_idempotency WHERE token_id = ? AND key = ? AND status IS NULL').run(tokenId, key);
  }

  async recordCall(call: ApiCall): Promise<void> {
    this.db.prepare('INSERT INTO api_calls (at, token_name, method, path, status, client) VALUES (?, ?, ?, ?, ?, ?)')
      .run(call.at, call.tokenName, call.method, call.path, call.status, call.client);
  }

  async recentCalls(limit: number): Promise<ApiCall[]> {
    return (this.db.prepare('SELECT * FROM api_calls ORDER BY id DESC LIMIT ?').all(limit) as Row[]).map(toApiCall);
  }
}
