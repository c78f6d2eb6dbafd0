import type { Row } from '../store/rows';
import type { ApiToken } from './api-store';
import type { ApiScope } from './scopes';

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** An api_tokens row (either database) as an ApiToken. */
export function toApiToken(r: Row): ApiToken {
  return {
    id: Number(r.id), name: String(r.name), scopes: JSON.parse(String(r.scopes)) as ApiScope[], createdAt: String(r.created_at),
    expiresAt: text(r.expires_at), revokedAt: text(r.revoked_at), lastUsedAt: text(r.last_used_at),
  };
}
