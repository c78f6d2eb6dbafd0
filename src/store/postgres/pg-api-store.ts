import { IDEMPOTENCY_IN_FLIGHT_MS, IDEMPOTENCY_KEEP_MS, type ApiCall, type ApiStore, type ApiToken, type IdempotencyClaim } from '../../api/api-store';
import { toApiCall, toApiToken } from '../../api/api-token-row';
import type { ApiScope } from '../../api/scopes';
import type { PgDatabase } from './pg-database';

/** The API's rows on PostgreSQL (migration 8), shared by every instance. */
export class PgApiStore implements ApiStore {
  constructor(private readonly db: PgDatabase) {}

  async addToken(name: string, tokenHash: string, scopes: readonly ApiScope[], createdAt: string, expiresAt: string | null): Promise<ApiToken | null> {
    const row = await this.db.one(
      'INSERT INTO api_tokens (name, token_hash, scopes, created_at, expires_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (name) DO NOTHING RETURNING *',
      [name, tokenHash, JSON.stringify(scopes), createdAt, expiresAt],
    );
    return row ? toApiToken(row) : null;
  }

  async listTokens(): Promise<ApiToken[]> {
    return (await this.db.rows('SELECT * FROM api_tokens ORDER BY id')).map(toApiToken);
  }

  async revokeToken(name: string, at: string): Promise<boolean> {
    return (await this.db.run('UPDATE api_tokens SET revoked_at = coalesce(revoked_at, $1) WHERE name = $2', [at, name])) > 0;
  }

  async tokenByHash(tokenHash: string): Promise<ApiToken | null> {
    const row = await this.db.one('SELECT * FROM api_tokens WHERE token_hash = $1', [tokenHash]);
    return row ? toApiToken(row) : null;
  }

  async touchToken(id: number, at: string): Promise<void> {
    await this.db.run('UPDATE api_tokens SET last_used_at = $1 WHERE id = $2', [at, id]);
  }

  /** The insert decides between instances: the loser's ON CONFLICT waits for the winner's commit, then reads its row locked. */
  async claimIdempotencyKey(tokenId: number, key: string, requestHash: string, now: Date): Promise<IdempotencyClaim> {
    return this.db.transaction(async (tx): Promise<IdempotencyClaim> => {
      await tx.run('DELETE FROM api_idempotency WHERE created_at < $1', [new Date(now.getTime() - IDEMPOTENCY_KEEP_MS).toISOString()]);
      const inserted = await tx.run('INSERT INTO api_idempotency (token_id, key, request_hash, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        [tokenId, key, requestHash, now.toISOString()]);
      if (inserted === 1) return { kind: 'new' };
      const row = await tx.one('SELECT request_hash, status, response_json, created_at FROM api_idempotency WHERE token_id = $1 AND key = $2 FOR UPDATE', [tokenId, key]);
      // Gone between our insert and our read (abandoned, or forgotten by another instance): still in someone's hands.
      if (!row) return { kind: 'in_flight' };
      if (row.request_hash !== requestHash) return { kind: 'other_request' };
      if (row.status !== null) return { kind: 'replay', status: Number(row.status), body: row.response_json === null ? '' : String(row.response_json) };
      if (Date.parse(String(row.created_at)) > now.getTime() - IDEMPOTENCY_IN_FLIGHT_MS) return { kind: 'in_flight' };
      await tx.run('UPDATE api_idempotency SET created_at = $1 WHERE token_id = $2 AND key = $3', [now.toISOString(), tokenId, key]);
      return { kind: 'new' };
    });
  }

  async finishIdempotencyKey(tokenId: number, key: string, status: number, body: string): Promise<void> {
    await this.db.run('UPDATE api_idempotency SET status = $1, response_json = $2 WHERE token_id = $3 AND key = $4', [status, body, tokenId, key]);
  }

  async abandonIdempotencyKey(tokenId: number, key: string): Promise<void> {
    await this.db.run('DELETE FROM api_idempotency WHERE token_id = $1 AND key = $2 AND status IS NULL', [tokenId, key]);
  }

  async recordCall(call: ApiCall): Promise<void> {
    await this.db.run('INSERT INTO api_calls (at, token_name, method, path, status, client) VALUES ($1, $2, $3, $4, $5, $6)',
      [call.at, call.tokenName, call.method, call.path, call.status, call.client]);
  }

  async recentCalls(limit: number): Promise<ApiCall[]> {
    return (await this.db.rows('SELECT * FROM api_calls ORDER BY id DESC LIMIT $1', [limit])).map(toApiCall);
  }
}
