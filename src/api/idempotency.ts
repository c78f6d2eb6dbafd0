import { createHash } from 'node:crypto';
import type { ApiStore } from './api-store';
import { ApiProblem } from './problem';

/** What to do with a POST carrying an Idempotency-Key. */
export type IdempotencyStart = { kind: 'new' } | { kind: 'replay'; status: number; body: string };

/**
 * Idempotency-Key on POST (draft-ietf-httpapi-idempotency-key-header): the first answer is stored under
 * (token, key) with a hash of the method, path and body; the same request again gets that answer, another
 * body under the same key a 422, and a retry while the first is still running (on any instance) a 409.
 */
export class Idempotency {
  constructor(private readonly store: ApiStore) {}

  async start(tokenId: number, key: string, method: string, path: string, body: Buffer, now: Date): Promise<IdempotencyStart> {
    if (!/^[\x21-\x7e]{1,255}$/.test(key)) throw new ApiProblem(400, 'bad-idempotency-key', 'Idempotency-Key: use 1-255 visible ASCII characters (a UUID is ideal)');
    const hash = createHash('sha256').update(`${method} ${path}\n`).update(body).digest('hex');
    const claim = await this.store.claimIdempotencyKey(tokenId, key, hash, now);
    if (claim.kind === 'other_request') throw new ApiProblem(422, 'idempotency-key-reused', 'this Idempotency-Key was used for a different request: use a new key for a new request');
    if (claim.kind === 'in_flight') throw new ApiProblem(409, 'idempotency-in-flight', 'the first request with this Idempotency-Key is still being processed: retry shortly');
    return claim;
  }

  /** Keep the answer (success or a client error) for replays. */
  finish(tokenId: number, key: string, status: number, body: string): Promise<void> {
    return this.store.finishIdempotencyKey(tokenId, key, status, body);
  }

  /** Forget the key (the request failed on our side): the client's retry runs it again. */
  abandon(tokenId: number, key: string): Promise<void> {
    return this.store.abandonIdempotencyKey(tokenId, key);
  }
}
