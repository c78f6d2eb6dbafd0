/** How failed logins slow further attempts on one key (an account or a client address). */
export type LoginDelayPolicy = { freeFailures: number; maxDelayMs: number; forgetAfterMs: number };

/** Failures older than this are forgotten: a shared office address starts clean the next hour. */
export const FORGET_FAILURES_AFTER_MS = 60 * 60_000;

/**
 * The wait after the `failures`-th failure: none while within the free failures, then 1 s, 2 s, 4 s...
 * up to `maxDelayMs`. Progressive rather than a lockout: anyone can make an account wait a little, nobody
 * can shut it for long, and a guesser gets only a few dozen tries an hour.
 */
export function loginDelayMs(failures: number, policy: LoginDelayPolicy): number {
  if (failures < policy.freeFailures) return 0;
  return Math.min(policy.maxDelayMs, 1000 * 2 ** Math.min(30, failures - policy.freeFailures));
}
