import type { Row } from '../store/rows';
import type { ApiCall, ApiToken } from './api-store';
import type { ApiScope } from './scopes';

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** An api_calls row as an ApiCall. */
export function toApiCall(r: Row): ApiCall {
  return { at: String(r.at), tokenName: text(r.token_name), method: String(r.method), path: String(r.path), status: Number(r.status), client: String(r.client ?? '') };
}

/** An api_tokens row (either database) as an ApiToken. */
export function toApiToken(r: Row): ApiToken {
  return {
    id: Number(r.id), name: String(r.name), scopes: JSON.parse(String(r.scopes)) as ApiScope[], createdAt: String(r.created_at),
    expiresAt: text(r.expires_at), revokedAt: text(r.revoked_at), lastUsedAt: text(r.last_used_at),
  };
}
