import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { CodeRow, RequestStore } from './request-store';

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
  constructor(private readonly requests: RequestStore, private readonly key: Buffer, private readonly lockMs: number) {}

  /** Whether the entry is locked out of self-service at `now`. */
  async locked(subject: string, now: Date): Promise<boolean> {
    const row = await this.requests.code(subject);
    return Boolean(row?.lockedUntil && row.lockedUntil > now.toISOString());
  }

  /** A fresh 6-digit code (replacing any earlier one); the caller sends it. */
  async issue(subject: string, now: Date): Promise<string> {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await this.requests.saveCode({ subject, codeHash: this.hash(subject, code), expiresAt: new Date(now.getTime() + CODE_TTL_MS).toISOString(), tries: 0, lockedUntil: null }, now.toISOString());
    return code;
  }

  /**
   * Check a typed code. Any instance can check what another sent (the state is in the database); each
   * outcome is written only if no other check changed the state since it was read, else the check runs
   * again on the new state: a right code works once, and every wrong one counts, even when checks race.
   */
  async check(subject: string, typed: string, now: Date): Promise<CodeCheck> {
    for (;;) {
      const row = await this.requests.code(subject);
      const iso = now.toISOString();
      if (!row?.codeHash || !row.expiresAt) return { result: 'expired' };
      if (row.lockedUntil && row.lockedUntil > iso) return { result: 'locked' };
      if (row.expiresAt <= iso) return { result: 'expired' };
      const digits = typed.replace(/[\s-]/g, '');
      const expected = Buffer.from(row.codeHash, 'hex');
      const given = Buffer.from(this.hash(subject, digits), 'hex');
      let next: CodeRow;
      let answer: CodeCheck;
      if (timingSafeEqual(expected, given)) {
        // Used once: the same code cannot run a second action.
        next = { ...row, codeHash: null, expiresAt: null, tries: 0 };
        answer = { result: 'ok' };
      } else if (row.tries + 1 >= MAX_TRIES) {
        next = { ...row, codeHash: null, expiresAt: null, tries: row.tries + 1, lockedUntil: new Date(now.getTime() + this.lockMs).toISOString() };
        answer = { result: 'locked' };
      } else {
        next = { ...row, tries: row.tries + 1 };
        answer = { result: 'wrong', left: MAX_TRIES - row.tries - 1 };
      }
      if (await this.requests.replaceCode(next, row, iso)) return answer;
    }
  }

  private hash(subject: string, code: string): string {
    return createHmac('sha256', this.key).update(`${subject}\n${code}`).digest('hex');
  }
}
