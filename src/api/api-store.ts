import type { ApiScope } from './scopes';

/** A token as listed (never its secret or hash). */
export type ApiToken = { id: number; name: string; scopes: ApiScope[]; createdAt: string; expiresAt: string | null; revokedAt: string | null; lastUsedAt: string | null };

/** What to do with a POST whose (token, Idempotency-Key) was claimed: run it, replay its answer, or refuse. */
export type IdempotencyClaim =
  | { kind: 'new' }
  | { kind: 'replay'; status: number; body: string }
  | { kind: 'in_flight' }
  | { kind: 'other_request' };

/** One recorded API call (the audit of who called what). */
export type ApiCall = { at: string; tokenName: string | null; method: string; path: string; status: number; client: string };

/** Answers are kept this long; a key reused later is a new request. */
export const IDEMPOTENCY_KEEP_MS = 24 * 3_600_000;
/** A first request still unanswered after this long died with its server: the key may be taken over. */
export const IDEMPOTENCY_IN_FLIGHT_MS = 60_000;

/**
 * The REST API's own rows (tokens, Idempotency-Keys, the call log) on SQLite or PostgreSQL. Every instance
 * behind a load balancer shares them: a key claimed on one instance is seen as claimed on all.
 */
export interface ApiStore {
  /** Insert a token; null when the name is taken (names are unique). */
  addToken(name: string, tokenHash: string, scopes: readonly ApiScope[], createdAt: string, expiresAt: string | null): Promise<ApiToken | null>;
  /** Every token, oldest first. */
  listTokens(): Promise<ApiToken[]>;
  /** Set revoked_at unless already set; false when no token has this name. */
  revokeToken(name: string, at: string): Promise<boolean>;
  /** The token with this SHA-256 hash, revoked or not, or null. */
  tokenByHash(tokenHash: string): Promise<ApiToken | null>;
  /** Record a use of the token. */
  touchToken(id: number, at: string): Promise<void>;
  /**
   * Claim (token, key) for a request with this hash, atomically across instances: the first claim runs, the
   * same request again replays the stored answer or waits (in flight), another request under the key is refused.
   * Claims older than IDEMPOTENCY_KEEP_MS are forgotten; an unanswered one older than IDEMPOTENCY_IN_FLIGHT_MS is taken over.
   */
  claimIdempotencyKey(tokenId: number, key: string, requestHash: string, now: Date): Promise<IdempotencyClaim>;
  /** Keep the answer of a claimed request for replays. */
  finishIdempotencyKey(tokenId: number, key: string, status: number, body: string): Promise<void>;
  /** Forget an unanswered claim (the request failed on our side): the client's retry runs it again. */
  abandonIdempotencyKey(tokenId: number, key: string): Promise<void>;
  /** Append one call to the API audit log. */
  recordCall(call: ApiCall): Promise<void>;
  /** The latest `limit` calls, newest first. */
  recentCalls(limit: number): Promise<ApiCall[]>;
}
