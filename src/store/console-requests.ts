/** What to do with a console request carrying an Idempotency-Key (both stores answer the same). */
export type RequestClaim =
  | { kind: 'new' }
  | { kind: 'replay'; responseJson: string }
  | { kind: 'in_flight' }
  | { kind: 'other_request' };

/** Keys are kept this long; the same key later is a new request. */
export const REQUEST_KEY_KEEP_MS = 24 * 3_600_000;
/** A first request unanswered after this long died with its server: its key may run again. */
export const REQUEST_IN_FLIGHT_MS = 60_000;
