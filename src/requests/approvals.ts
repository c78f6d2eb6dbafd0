import { ConflictError } from '../errors';
import { DirectoryRefusedError, DirectoryUnavailableError, type Directory } from '../directory/directory';
import type { Logger } from '../log';
import type { Store, TurnResult } from '../store/store';
import { commitOnTicket, type TicketTurnPlan } from '../tickets/ticket-turn';
import type { Ticket } from '../types/ticket';
import type { Lang, OutboundMessage } from '../types/conversation';
import { fillGroup, type CatalogEntry } from './catalog-schema';
import type { DirectoryActions } from './directory-actions';
import { nextApprover, type Approver } from './approver-routing';
import type { ApprovalRow, RequestStore } from './request-store';
import { requestSay } from './request-messages';
import { requestSummary } from './request-tickets';

/** Settings and parts of the approval service. */
export type ApprovalsOptions = {
  store: Store; requests: RequestStore; directory: Directory; actions: DirectoryActions; catalog: Map<string, CatalogEntry>;
  log: Logger; remindMs: number; timeoutMs: number; announce: (result: TurnResult) => void;
  /** Mails approvers who have no chat conversation with the bot: the request with a signed link. */
  mailer?: { sendMail?(to: string, subject: string, text: string): Promise<void> } | null;
  /** Builds an approver's signed link (approval-links.ts). */
  link?: (row: ApprovalRow) => string;
  /** Whether an active console agent has this work e-mail: their approvals wait in the console. */
  inConsole?: (email: string) => Promise<boolean>;
};

/** What an approver's decision did, for the approver's own reply. */
export type DecisionOutcome = { done: (lang: Lang) => string };

const MAX_RETRIES = 5;
const groupList = (entry: CatalogEntry) => (entry.fulfilment.kind === 'manual' ? entry.fulfilment.tasks.map((t) => t.group).join(', ') : '');

/**
 * Approvals: asks an approver on their own channel (Approve / Deny buttons), carries out the decision on
 * the request's ticket (fulfilment, audit, the requester told), and reminds or escalates on timeout.
 * Every step is a row or an event in the database, so the approval monitor picks up after a restart.
 */
export class Approvals {
  constructor(private readonly o: ApprovalsOptions) {}

  /** Create the approval row of a logged request and ask the approver. */
  async ask(ticketId: number, entry: CatalogEntry, answers: Record<string, string>, requesterEmail: string, approver: Approver, step: number, now: Date): Promise<ApprovalRow> {
    const row = await this.o.requests.createApproval({
      ticketId, catalogId: entry.id, request: answers, requesterEmail: requesterEmail.toLowerCase(), approverEmail: approver.email.toLowerCase(), approverName: approver.name, step,
      remindAt: new Date(now.getTime() + this.o.remindMs).toISOString(), escalateAt: new Date(now.getTime() + this.o.timeoutMs).toISOString(), createdAt: now.toISOString(),
    });
    await this.deliver(row, 'approverPrompt', now);
    return row;
  }

  /** Whether the approver can be reached: a chat with the bot, the console, or mail with a signed link. */
  async reachable(email: string): Promise<boolean> {
    if ((await this.o.requests.conversationOfEmail(email)) !== null || Boolean(this.o.mailer?.sendMail && this.o.link)) return true;
    return (await this.o.inConsole?.(email)) ?? false;
  }

  /** Post the question (or the reminder) with Approve / Deny into the approver's conversation. */
  async deliver(row: ApprovalRow, key: 'approverPrompt' | 'approverReminder', now: Date): Promise<boolean> {
    const conversationId = await this.o.requests.conversationOfEmail(row.approverEmail);
    const ticket = await this.o.store.getTicket(row.ticketId);
    const entry = this.o.catalog.get(row.catalogId);
    if (!ticket || !entry) return false;
    const requester = await this.o.store.getUser(ticket.requesterId);
    if (conversationId === null) {
      // An approver without a chat: the console lists it (if they work there), and the mail brings the link.
      const inConsole = (await this.o.inConsole?.(row.approverEmail)) ?? false;
      if (inConsole) await this.onTicket(row.ticketId, 'approvals', now, () => ({ events: [{ kind: key === 'approverPrompt' ? 'approval_sent' : 'approval_reminded', data: { approval: row.id, approver: row.approverEmail, channel: 'console' } }] }));
      return (await this.mail(row, key, entry, ticket, requester?.name ?? row.requesterEmail, now)) || inConsole;
    }
    for (let attempt = 0; ; attempt++) {
      const conversation = await this.o.store.getConversation(conversationId);
      if (!conversation) return false;
      const lang = conversation.lang;
      const details = Object.values(row.request).filter(Boolean).join(', ');
      const message: OutboundMessage = {
        kind: 'choice',
        text: requestSay(lang, key, { requester: requester?.name ?? row.requesterEmail, title: entry.title[lang], details: details ? ` (${details})` : '', ticket: ticket.number }),
        choices: [{ value: `approval:${row.id}:approve`, label: requestSay(lang, 'approve') }, { value: `approval:${row.id}:deny`, label: requestSay(lang, 'deny') }],
      };
      try {
        const result = await this.o.store.commitTurn({
          conversationId, expectedVersion: conversation.version, mode: conversation.mode, lang, state: conversation.state, tickets: [],
          events: [{ ticketId: row.ticketId, actor: 'approvals', kind: key === 'approverPrompt' ? 'approval_sent' : 'approval_reminded', data: { approval: row.id, approver: row.approverEmail, channel: conversation.ref.channel } }],
          outbound: [message], now: now.toISOString(),
        });
        this.o.announce(result);
        return true;
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= MAX_RETRIES) throw error;
      }
    }
  }

  /** The request by mail, English and Chinese, with the signed link to the approval page. */
  private async mail(row: ApprovalRow, key: 'approverPrompt' | 'approverReminder', entry: CatalogEntry, ticket: Ticket, requester: string, now: Date): Promise<boolean> {
    if (!this.o.mailer?.sendMail || !this.o.link) return false;
    const details = Object.values(row.request).filter(Boolean).join(', ');
    const line = (lang: Lang) => requestSay(lang, key, { requester, title: entry.title[lang], details: details ? ` (${details})` : '', ticket: ticket.number }).replace(/\*\*/g, '');
    await this.o.mailer.sendMail(row.approverEmail, `${ticket.number}: ${entry.title.en} / ${entry.title.zh}`, `${line('en')}\n${line('zh')}\n\n${this.o.link(row)}\n`);
    await this.onTicket(row.ticketId, 'approvals', now, () => ({ events: [{ kind: key === 'approverPrompt' ? 'approval_sent' : 'approval_reminded', data: { approval: row.id, approver: row.approverEmail, channel: 'email' } }] }));
    return true;
  }

  /** Approve: settle the row, run the fulfilment, tell the requester. Null when it was settled already. */
  async approve(row: ApprovalRow, by: string, now: Date): Promise<DecisionOutcome | null> {
    if (!(await this.o.requests.settle(row.id, 'approved', null, now.toISOString()))) return null;
    const entry = this.o.catalog.get(row.catalogId) as CatalogEntry;
    const approved = { kind: 'approval_approved', data: { approval: row.id, by } };
    const approverName = row.approverName ?? row.approverEmail;
    const f = entry.fulfilment;
    if (f.kind === 'manual') {
      const groups = groupList(entry);
      await this.onTicket(row.ticketId, `approver:${by}`, now, (lang, ticket) => ({
        fields: { status: 'escalated', escalatedAt: now.toISOString(), group: f.tasks[0].group },
        events: [approved, { kind: 'manual_tasks', data: { tasks: f.tasks.map((t) => ({ group: t.group, task: t.task.en })) } },
          { kind: 'escalated', data: { summary: `${requestSummary(entry, row.request, 'en')} (approved by ${approverName})`, reason: 'self_service', answers: row.request, classification: { category: ticket.category, type: 'service_request', confidence: 1 }, kbTried: [], requester: { email: row.requesterEmail, channel: 'approval' }, recentTickets: [] } }],
        outbound: [{ kind: 'text', text: requestSay(lang, 'approvedManual', { approver: approverName, ticket: ticket.number, groups }) }],
      }));
      return { done: (lang) => requestSay(lang, 'withGroups', { groups }) };
    }
    try {
      const answer = await this.fulfil(entry, row, now);
      await this.onTicket(row.ticketId, `approver:${by}`, now, (lang, ticket) => ({
        fields: { status: 'closed', resolvedAt: now.toISOString(), closedAt: now.toISOString() },
        events: [approved, { kind: 'fulfilled', data: { action: entry.fulfilment.kind, group: answer.group, directory: answer.result } }, { kind: 'resolved', data: { note: 'fulfilled by self-service after approval' } }],
        outbound: [{ kind: 'text', text: requestSay(lang, 'approvedDone', { approver: approverName, ticket: ticket.number, done: answer.words(lang) }) }],
        phase: 'awaiting_description',
      }));
      return { done: answer.words };
    } catch (error) {
      if (!(error instanceof DirectoryUnavailableError || error instanceof DirectoryRefusedError)) throw error;
      await this.toDesk(row, entry, now, [approved, { kind: 'fulfilment_failed', data: { error: (error as Error).message.slice(0, 300) } }], (lang, number) => requestSay(lang, 'approvedFailed', { approver: approverName, ticket: number }));
      return { done: (lang) => requestSay(lang, 'directoryLate') };
    }
  }

  /** Deny with a reason: settle the row, close the ticket, tell the requester why. */
  async deny(row: ApprovalRow, by: string, reason: string, now: Date): Promise<boolean> {
    if (!(await this.o.requests.settle(row.id, 'denied', reason, now.toISOString()))) return false;
    await this.onTicket(row.ticketId, `approver:${by}`, now, (lang, ticket) => ({
      fields: { status: 'closed', resolvedAt: now.toISOString(), closedAt: now.toISOString() },
      events: [{ kind: 'approval_denied', data: { approval: row.id, by, reason } }],
      outbound: [{ kind: 'text', text: requestSay(lang, 'denied', { approver: row.approverName ?? row.approverEmail, ticket: ticket.number, reason }) }],
      phase: 'awaiting_description',
    }));
    return true;
  }

  /** Timeout: the approver's manager is asked next, or the desk gets the ticket. */
  async timeout(row: ApprovalRow, now: Date): Promise<void> {
    if (!(await this.o.requests.settle(row.id, 'expired', null, now.toISOString()))) return;
    const entry = this.o.catalog.get(row.catalogId) as CatalogEntry;
    const timedOut = { kind: 'approval_timed_out', data: { approval: row.id, approver: row.approverEmail } };
    const name = row.approverName ?? row.approverEmail;
    let next: Approver | null = null;
    try {
      next = row.step === 0 ? await nextApprover(this.o.directory, { email: row.approverEmail, name }, row.requesterEmail) : null;
    } catch (error) {
      this.o.log.warn({ err: error, approval: row.id }, 'next approver lookup failed; the desk takes it');
    }
    if (next && (await this.reachable(next.email))) {
      const chosen = next;
      await this.onTicket(row.ticketId, 'approvals', now, (lang, ticket) => ({
        events: [timedOut], outbound: [{ kind: 'text', text: requestSay(lang, 'timedOut', { approver: name, next: chosen.name, ticket: ticket.number }) }],
      }));
      await this.ask(row.ticketId, entry, row.request, row.requesterEmail, chosen, row.step + 1, now);
      return;
    }
    await this.toDesk(row, entry, now, [timedOut], (lang, number) => requestSay(lang, 'timedOutDesk', { approver: name, ticket: number }));
  }

  private async fulfil(entry: CatalogEntry, row: ApprovalRow, now: Date): Promise<{ group: string; result: string; words: (lang: Lang) => string }> {
    const f = entry.fulfilment;
    if (f.kind !== 'add_member' && f.kind !== 'remove_member') throw new DirectoryRefusedError(`${entry.id} has no directory fulfilment`);
    const groupName = fillGroup(f.group, row.request);
    const names = { person: row.requesterEmail, group: groupName };
    // Lookups and change are one audited action: whichever the directory fails, it is on the trail.
    const result = await this.o.actions.run(now, `approval:${row.id}`, f.kind, row.requesterEmail, row.ticketId, async () => {
      const person = await this.o.directory.findByEmail(row.requesterEmail);
      const group = await this.o.directory.findGroup(groupName);
      if (!person || !group) throw new DirectoryRefusedError(`${person ? 'group' : 'person'} not found in the directory`);
      Object.assign(names, { person: person.name, group: group.name });
      return f.kind === 'add_member' ? this.o.directory.addMember(group, person) : this.o.directory.removeMember(group, person);
    });
    const already = result === 'already' || result === 'absent';
    return { group: names.group, result, words: (lang) => requestSay(lang, already ? 'alreadyIn' : 'addedTo', names) };
  }

  private async toDesk(row: ApprovalRow, entry: CatalogEntry, now: Date, events: { kind: string; data: Record<string, unknown> }[], text: (lang: Lang, number: string) => string): Promise<void> {
    await this.onTicket(row.ticketId, 'approvals', now, (lang, ticket) => ({
      fields: { status: 'escalated', escalatedAt: now.toISOString() },
      events: [...events, { kind: 'escalated', data: { summary: `${requestSummary(entry, row.request, 'en')}: self-service could not finish it`, reason: 'self_service', answers: row.request, classification: { category: ticket.category, type: 'service_request', confidence: 1 }, kbTried: [], requester: { email: row.requesterEmail, channel: 'approval' }, recentTickets: [] } }],
      outbound: [{ kind: 'text', text: text(lang, ticket.number) }],
      phase: 'escalated',
    }));
  }

  private async onTicket(ticketId: number, actor: string, now: Date, plan: (lang: Lang, ticket: Ticket) => TicketTurnPlan): Promise<void> {
    const result = await commitOnTicket(this.o.store, ticketId, actor, now, ({ ticket, conversation }) => plan(conversation.lang, ticket));
    if (result) this.o.announce(result);
  }
}
