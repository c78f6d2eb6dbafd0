import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { RequestDb } from './request-db';

/** A code is valid this long. */
export const CODE_TTL_MS = 10 * 60_000;
/** Wrong codes allowed before account actions lock. */
export const MAX_TRIES = 5;

/** What checking a code found. */
export type CodeCheck = { result: 'ok' } | { result: 'wrong'; left: number } | { result: 'expired' } | { result: 'locked' };

/**
 * One-time codes for a directory entry: stored only as an HMAC (keyed by the installation's secret), valid
 * 10 minutes, 5 tries; the fifth wrong one locks self-service account actions for `lockMs`.
 */
export class Verifier {
  constructor(private readonly db: RequestDb, private readonly key: Buffer, private readonly lockMs: number) {}

  /** Whether the entry is locked out of self-service at `now`. */
  locked(subject: string, now: Date): boolean {
    const row = this.db.code(subject);
    return Boolean(row?.lockedUntil && row.lockedUntil > now.toISOString());
  }

  /** A fresh 6-digit code (replacing any earlier one); the caller sends it. */
  issue(subject: string, now: Date): string {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    this.db.saveCode({ subject, codeHash: this.hash(subject, code), expiresAt: new Date(now.getTime() + CODE_TTL_MS).toISOString(), tries: 0, lockedUntil: null }, now.toISOString());
    return code;
  }

  check(subject: string, typed: string, now: Date): CodeCheck {
    const row = this.db.code(subject);
    const iso = now.toISOString();
    if (!row?.codeHash || !row.expiresAt) return { result: 'expired' };
    if (row.lockedUntil && row.lockedUntil > iso) return { result: 'locked' };
    if (row.expiresAt <= iso) return { result: 'expired' };
    const digits = typed.replace(/[\s-]/g, '');
    const expected = Buffer.from(row.codeHash, 'hex');
    const given = Buffer.from(this.hash(subject, digits), 'hex');
    if (timingSafeEqual(expected, given)) {
      // Used once: the same code cannot run a second action.
      this.db.saveCode({ ...row, codeHash: null, expiresAt: null, tries: 0 }, iso);
      return { result: 'ok' };
    }
    const tries = row.tries + 1;
    if (tries >= MAX_TRIES) {
      this.db.saveCode({ ...row, codeHash: null, expiresAt: null, tries, lockedUntil: new Date(now.getTime() + this.lockMs).toISOString() }, iso);
      return { result: 'locked' };
    }
    this.db.saveCode({ ...row, tries }, iso);
    return { result: 'wrong', left: MAX_TRIES - tries };
  }

  private hash(subject: string, code: string): string {
    return createHmac('sha256', this.key).update(`${subject}\n${code}`).digest('hex');
  }
}
