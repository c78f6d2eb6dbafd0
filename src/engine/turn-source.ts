import type { PendingInbound, Store } from '../store/store';

/** How long a claimed message is this instance's (see EngineOptions.turnLeaseMs). */
export const TURN_LEASE_MS = 30_000;
/** Claims per round: a long round's last claims would run out before their turns came (16 turns take well under a second). */
const CLAIM_ROUND = 16;

/**
 * The next `size` messages to run. One instance: round robin over users, so a flood from one user does not
 * delay the others. Several instances (a store with claimInbound): claimed heads of conversations, oldest first.
 */
export function nextTurns(store: Store, now: Date, size: number, leaseMs = TURN_LEASE_MS): Promise<PendingInbound[]> {
  if (store.claimInbound) return store.claimInbound(now.toISOString(), Math.min(size, CLAIM_ROUND), leaseMs);
  return store.pendingInbound(size, 'fair');
}
