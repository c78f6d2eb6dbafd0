import type { Directory, Group, Person } from '../directory/directory';
import type { CatalogEntry } from './catalog-schema';

/** Someone who can approve: a directory person, or a named address from the catalog. */
export type Approver = { email: string; name: string; dn?: string };

const sameEmail = (a?: string, b?: string) => Boolean(a && b && a.toLowerCase() === b.toLowerCase());

function asApprover(person: Person | null): Approver | null {
  return person?.email ? { email: person.email.toLowerCase(), name: person.name, dn: person.dn } : null;
}

/**
 * The first approver of a request: the requester's manager, the owner of the target group, a named person
 * or the first member of an approvers' group. Nobody may approve their own request: when the rule names the
 * requester, the approver's own manager is asked instead (`selfRouted`).
 */
export async function firstApprover(directory: Directory, entry: CatalogEntry, requester: Person, group: Group | null): Promise<{ approver: Approver | null; selfRouted: boolean }> {
  const a = entry.approval;
  let approver: Approver | null = null;
  if (a.kind === 'manager' && requester.managerDn) approver = asApprover(await directory.get(requester.managerDn));
  if (a.kind === 'owner' && group?.ownerDns[0]) approver = asApprover(await directory.get(group.ownerDns[0]));
  if (a.kind === 'named') approver = asApprover(await directory.findByEmail(a.email)) ?? { email: a.email.toLowerCase(), name: a.email };
  if (a.kind === 'group') {
    const approvers = await directory.findGroup(a.group);
    for (const dn of approvers?.memberDns ?? []) {
      if (dn.toLowerCase() === requester.dn.toLowerCase()) continue;
      approver = asApprover(await directory.get(dn));
      if (approver) break;
    }
  }
  if (approver && sameEmail(approver.email, requester.email)) {
    return { approver: await nextApprover(directory, approver, requester.email ?? ''), selfRouted: true };
  }
  return { approver, selfRouted: false };
}

/** Who is asked when an approver is the requester or does not answer: their manager (never the requester). */
export async function nextApprover(directory: Directory, current: Approver, requesterEmail: string): Promise<Approver | null> {
  const person = current.dn ? await directory.get(current.dn) : await directory.findByEmail(current.email);
  if (!person?.managerDn) return null;
  const next = asApprover(await directory.get(person.managerDn));
  return next && !sameEmail(next.email, requesterEmail) ? next : null;
}
