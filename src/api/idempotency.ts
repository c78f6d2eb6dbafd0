import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { ApiProblem } from './problem';

/** What to do with a POST carrying an Idempotency-Key. */
export type IdempotencyStart = { kind: 'new' } | { kind: 'replay'; status: number; body: string };

/** Answers are kept this long; a key reused later is a new request. */
const KEEP_MS = 24 * 3_600_000;
/** A first request still unanswered after this long died with its server: the key may be taken over. */
const IN_FLIGHT_MS = 60_000;

/**
 * Idempotency-Key on POST (draft-ietf-httpapi-idempotency-key-header): the first answer is stored under
 * (token, key) with a hash of the method, path and body; the same request again gets that answer, another
 * body under the same key a 422, and a retry while the first is still running a 409.
 */
export class Idempotency {
  constructor(private readonly db: Database.Database) {}

  start(tokenId: number, key: string, method: string, path: string, body: Buffer, now: Date): IdempotencyStart {
    if (!/^[\x21-\x7e]{1,255}$/.test(key)) throw new ApiProblem(400, 'bad-idempotency-key', 'Idempotency-Key: use 1-255 visible ASCII characters (a UUID is ideal)');
    const hash = createHash('sha256').update(`${method} ${path}\n`).update(body).digest('hex');
    const at = now.toISOString();
    return this.db.transaction((): IdempotencyStart => {
      this.db.prepare('DELETE FROM api_idempotency WHERE created_at < ?').run(new Date(now.getTime() - KEEP_MS).toISOString());
      const row = this.db.prepare('SELECT request_hash, status, response_json, created_at FROM api_idempotency WHERE token_id = ? AND key = ?').get(tokenId, key) as
        { request_hash: string; status: number | null; response_json: string | null; created_at: string } | undefined;
      if (!row) {
        this.db.prepare('INSERT INTO api_idempotency (token_id, key, request_hash, created_at) VALUES (?, ?, ?, ?)').run(tokenId, key, hash, at);
        return { kind: 'new' };
      }
      if (row.request_hash !== hash) throw new ApiProblem(422, 'idempotency-key-reused', 'this Idempotency-Key was used for a different request: use a new key for a new request');
      if (row.status !== null) return { kind: 'replay', status: row.status, body: row.response_json ?? '' };
      if (Date.parse(row.created_at) > now.getTime() - IN_FLIGHT_MS) throw new ApiProblem(409, 'idempotency-in-flight', 'the first request with this Idempotency-Key is still being processed: retry shortly');
      this.db.prepare('UPDATE api_idempotency SET created_at = ? WHERE token_id = ? AND key = ?').run(at, tokenId, key);
      return { kind: 'new' };
    }).immediate();
  }

  /** Keep the answer (success or a client error) for replays. */
  finish(tokenId: number, key: string, status: number, body: string): void {
    this.db.prepare('UPDATE api_idempotency SET status = ?, response_json = ? WHERE token_id = ? AND key = ?').run(status, body, tokenId, key);
  }

  /** Forget the key (the request failed on our side): the client's retry runs it again. */
  abandon(tokenId: number, key: string): void {
    this.db.prepare('DELETE FROM api_idempotency WHERE token_id = ? AND key = ? AND status IS NULL').run(tokenId, key);
  }
}
