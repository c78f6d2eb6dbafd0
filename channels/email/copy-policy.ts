/**
 * Who besides the sender gets a copy of our replies. Default: nobody (reply to the sender only), so an
 * outsider cannot make the helpdesk mail twenty strangers by putting them on Cc. Addresses in the
 * configured internal domains are copied, up to a cap; the rest are counted and the requester is told.
 */
export type CopyPolicy = {
  /** Domains whose addresses may be copied (a subdomain counts), lower case. */
  internalDomains: string[];
  /** Most addresses copied on one reply. */
  maxCopies: number;
  /** A colleague replying on someone else's thread: 'comment' (kept on the ticket only) or 'watch' (internal ones are also copied from then on). */
  thirdParty: 'comment' | 'watch';
};

/** The default: reply to the sender only. */
export const SENDER_ONLY: CopyPolicy = { internalDomains: [], maxCopies: 5, thirdParty: 'comment' };

/** Whether an address belongs to one of the internal domains. */
export function isInternal(address: string, policy: CopyPolicy): boolean {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  return policy.internalDomains.some((d) => domain === d || domain.endsWith(`.${d}`));
}

/** The copies a reply may carry, and how many candidates were left out (never silently). */
export function selectCopies(candidates: readonly string[], exclude: readonly string[], policy: CopyPolicy): { copies: string[]; left: number } {
  const unique = [...new Set(candidates.map((a) => a.toLowerCase()))].filter((a) => a && !exclude.includes(a));
  const internal = unique.filter((a) => isInternal(a, policy));
  const copies = internal.slice(0, policy.maxCopies);
  return { copies, left: unique.length - copies.length };
}
