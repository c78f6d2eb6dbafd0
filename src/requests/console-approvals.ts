import type { Store } from '../store/store';
import type { Approvals } from './approvals';
import type { CatalogEntry } from './catalog-schema';
import type { RequestStore } from './request-store';

/** One pending approval as the console lists it for its approver. */
export type ConsoleApproval = {
  id: number; ticket: string; title: { en: string; zh: string }; requester: string; details: Record<string, string>;
  askedAt: string; escalateAt: string;
};

/** What a decision from the console came to. */
export type ConsoleDecision = 'approved' | 'denied' | 'decided_already' | 'not_yours' | 'own_request' | 'reason_needed' | 'not_found';

/**
 * Approvals for approvers who work in the console: the pending requests addressed to an agent's work
 * e-mail, and their decisions. The same checks as a chat click or a mail link: only the named approver
 * decides, never on their own request, a denial has a reason, and a settled approval stays settled.
 */
export class ConsoleApprovals {
  constructor(private readonly o: { requests: RequestStore; approvals: Approvals; store: Store; catalog: Map<string, CatalogEntry> }) {}

  /** Pending approvals addressed to this e-mail, oldest first. */
  async pendingFor(email: string): Promise<ConsoleApproval[]> {
    const rows = await this.o.requests.pendingFor(email.toLowerCase());
    return Promise.all(rows.map(async (row) => {
      const ticket = await this.o.store.getTicket(row.ticketId);
      const requester = ticket ? await this.o.store.getUser(ticket.requesterId) : null;
      const entry = this.o.catalog.get(row.catalogId);
      return {
        id: row.id, ticket: ticket?.number ?? '', title: entry?.title ?? { en: row.catalogId, zh: row.catalogId },
        requester: requester?.name ?? row.requesterEmail, details: row.request, askedAt: row.createdAt, escalateAt: row.escalateAt,
      };
    }));
  }

  /** Approve, or deny with a reason, as the agent with this work e-mail. */
  async decide(id: number, decision: 'approve' | 'deny', reason: string, email: string, now: Date): Promise<ConsoleDecision> {
    const row = await this.o.requests.approval(id);
    const by = email.toLowerCase();
    if (!row) return 'not_found';
    if (row.requesterEmail === by) return 'own_request';
    if (row.approverEmail !== by) return 'not_yours';
    if (row.status !== 'pending') return 'decided_already';
    if (decision === 'deny') {
      const why = reason.trim().slice(0, 500);
      if (!why) return 'reason_needed';
      return (await this.o.approvals.deny(row, by, why, now)) ? 'denied' : 'decided_already';
    }
    return (await this.o.approvals.approve(row, by, now)) ? 'approved' : 'decided_already';
  }
}
