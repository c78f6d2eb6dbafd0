import { parseCommand } from '../dialog/commands';
import type { Directory, Group, Person } from '../directory/directory';
import type { PreTurnDecision } from '../engine/engine';
import { readState } from '../engine/state';
import type { TurnContext, TurnDeps } from '../engine/turn-types';
import type { Logger } from '../log';
import type { Lang } from '../types/conversation';
import type { Store } from '../store/store';
import type { AccountFlow } from './account-flow';
import { firstApprover } from './approver-routing';
import type { Approvals } from './approvals';
import { extractAnswers, fillGroup, matchCatalog, type CatalogEntry } from './catalog-schema';
import { channelIdentity } from './identity';
import type { RequestStore, RequestSession } from './request-store';
import { APPROVAL_CLICK as CLICK } from './approval-click';
import { requestSay, type RequestMessageKey } from './request-messages';
import { directorySlots, openRequestTicket, replyLang, requestDecision, say, selfServiceContext } from './request-tickets';

/** Phases in which a message may start a catalog request (not inside a dialog, an offer or a confirmation). */
const STARTING_PHASES = new Set(['new', 'awaiting_description', 'clarify', 'ticket_open', 'escalated', 'csat_comment']);
/** A question (or a code, or a denial reason) left unanswered this long no longer takes the next message as its answer. */
const SESSION_TTL_MS = 30 * 60_000;

/** Parts of the request desk. */
export type RequestDeskOptions = { store: Store; catalog: CatalogEntry[]; requests: RequestStore; directory: Directory; approvals: Approvals; account: AccountFlow; log: Logger };

/**
 * The engine's `preTurn` for catalog requests: recognises a request, asks its questions, routes it for
 * approval or to identity verification, and handles approvers' clicks and reasons. Anything else (or a
 * failure here) is left to decideTurn, so the conversation never stalls on this part.
 */
export class RequestDesk {
  private readonly byId: Map<string, CatalogEntry>;

  constructor(private readonly o: RequestDeskOptions) {
    this.byId = new Map(o.catalog.map((e) => [e.id, e]));
  }

  async preTurn(ctx: TurnContext, deps: TurnDeps): Promise<PreTurnDecision | null> {
    try {
      return await this.decide(ctx, deps);
    } catch (error) {
      this.o.log.error({ err: error, conversation: ctx.conversation.id }, 'request turn failed; the normal turn answers');
      return null;
    }
  }

  private async decide(ctx: TurnContext, deps: TurnDeps): Promise<PreTurnDecision | null> {
    const lang = replyLang(ctx);
    const click = CLICK.exec(ctx.message.action?.value ?? '');
    if (click) return this.approverClick(ctx, deps, Number(click[1]), click[2] as 'approve' | 'deny', lang);
    const session = await this.o.requests.session(ctx.conversation.id, new Date(deps.now.getTime() - SESSION_TTL_MS).toISOString());
    if (session?.step === 'deny_reason') return this.denyReason(ctx, deps, session, lang);
    if (ctx.conversation.mode !== 'bot') return null;
    const text = ctx.message.text.trim();
    const command = parseCommand(text);
    const entry = session?.catalogId ? this.byId.get(session.catalogId) : undefined;
    if (session && entry) {
      if (command?.kind === 'cancel') return this.cancel(ctx, deps, session, lang);
      if (command) {
        // "status" is answered by the normal turn and the question stays open; "a person" ends self-service.
        if (command.kind !== 'status') await this.o.requests.saveSession(ctx.conversation.id, null, deps.now.toISOString());
        return null;
      }
      if (session.step === 'code') return this.o.account.code(ctx, deps, entry, session, lang);
      const pending = entry.questions.find((q) => !session.answers?.[q.id]);
      const answers = { ...session.answers, ...(pending && text ? { [pending.id]: text.slice(0, 500) } : {}) };
      return this.advance(ctx, deps, entry, answers, lang, session.ticketId);
    }
    if (!STARTING_PHASES.has(readState(ctx.conversation.state).phase) || command || ctx.message.action) return null;
    const matched = matchCatalog(this.o.catalog, text);
    if (!matched) return null;
    return this.advance(ctx, deps, matched, extractAnswers(matched, text), lang, undefined);
  }

  /** Ask the next open question, or route the complete request. */
  private async advance(ctx: TurnContext, deps: TurnDeps, entry: CatalogEntry, answers: Record<string, string>, lang: Lang, ticketId: number | undefined): Promise<PreTurnDecision> {
    if (entry.verifyIdentity) return this.o.account.start(ctx, deps, entry, lang);
    const next = entry.questions.find((q) => !answers[q.id]);
    if (next) {
      const started = ticketId === undefined ? `${requestSay(lang, 'started', { title: entry.title[lang] })} ` : '';
      const decision = requestDecision(ctx, lang, 'request_question', {
        tickets: ticketId === undefined ? [openRequestTicket(ctx, deps, entry, answers, {}, lang, false)] : [{ kind: 'update', ticketId, fields: { slots: { catalog: entry.id, ...answers } } }],
        events: ticketId === undefined ? [{ ticketId: 'new', actor: 'bot', kind: 'opened', data: { channel: ctx.message.ref.channel, catalog: entry.id } }] : [],
        outbound: [say(`${started}${next.prompt[lang]}`)], phase: 'ticket_open',
      });
      return { decision, after: async (result) => this.o.requests.saveSession(ctx.conversation.id, { step: 'ask', catalogId: entry.id, answers, ticketId: ticketId ?? result.openedTicket?.id }, deps.now.toISOString()) };
    }
    return this.route(ctx, deps, entry, answers, lang, ticketId);
  }

  /** A complete request: find the requester, the group and the approver, and ask them. */
  private async route(ctx: TurnContext, deps: TurnDeps, entry: CatalogEntry, answers: Record<string, string>, lang: Lang, ticketId: number | undefined): Promise<PreTurnDecision> {
    const identity = channelIdentity(ctx);
    if (!identity.ok) return this.toHuman(ctx, deps, entry, answers, lang, ticketId, 'refusedUnknown', {}, `identity: ${identity.reason}`);
    let person: Person | null;
    let group: Group | null = null;
    let routed: Awaited<ReturnType<typeof firstApprover>>;
    const f = entry.fulfilment;
    const groupName = f.kind === 'add_member' || f.kind === 'remove_member' ? fillGroup(f.group, answers) : null;
    try {
      person = await this.o.directory.findByEmail(identity.email);
      if (!person) return this.toHuman(ctx, deps, entry, answers, lang, ticketId, 'refusedUnknown', {}, 'no directory entry for the profile email');
      if (groupName) group = await this.o.directory.findGroup(groupName);
      if (groupName && !group) return this.toHuman(ctx, deps, entry, answers, lang, ticketId, 'groupNotFound', { name: groupName }, `no group ${groupName}`);
      routed = await firstApprover(this.o.directory, entry, person, group);
    } catch {
      return this.toHuman(ctx, deps, entry, answers, lang, ticketId, 'directoryDown', {}, 'directory unavailable');
    }
    const { approver, selfRouted } = routed;
    if (!approver) return this.toHuman(ctx, deps, entry, answers, lang, ticketId, 'noApprover', {}, 'no approver found');
    if (!(await this.o.approvals.reachable(approver.email))) return this.toHuman(ctx, deps, entry, answers, lang, ticketId, 'unreachable', { approver: approver.name }, `approver ${approver.email} not reachable`);
    const slots = { ...directorySlots(person, entry.approval.kind === 'manager' && !selfRouted ? { ...person, name: approver.name, email: approver.email } : null), approver: approver.email };
    const opened = ticketId === undefined;
    const target: number | 'new' = ticketId ?? 'new';
    const decision = requestDecision(ctx, lang, 'approval_requested', {
      tickets: opened ? [openRequestTicket(ctx, deps, entry, answers, slots, lang, false)] : [{ kind: 'update', ticketId, fields: { slots: { catalog: entry.id, ...answers, ...slots }, status: 'pending_user' } }],
      events: [
        ...(opened ? [{ ticketId: 'new' as const, actor: 'bot', kind: 'opened', data: { channel: ctx.message.ref.channel, catalog: entry.id } }] : []),
        ...(selfRouted ? [{ ticketId: target, actor: 'bot', kind: 'self_approval_refused', data: { requester: identity.email } }] : []),
        { ticketId: target, actor: 'bot', kind: 'approval_requested', data: { approver: approver.email, rule: entry.approval.kind } },
      ],
      outbound: [say(`${opened ? `${requestSay(lang, 'started', { title: entry.title[lang] })} ` : ''}${requestSay(lang, selfRouted ? 'selfApprovalRouted' : 'approvalAsked', { approver: approver.name, ticket: opened ? '{ticket}' : ctx.currentTicket?.number ?? '' })}`)],
      phase: 'ticket_open',
    });
    const requesterEmail = person.email ?? identity.email;
    return {
      decision,
      after: async (result) => {
        await this.o.requests.saveSession(ctx.conversation.id, null, deps.now.toISOString());
        const id = ticketId ?? result.openedTicket?.id;
        if (id !== undefined) await this.o.approvals.ask(id, entry, answers, requesterEmail, approver, 0, deps.now);
      },
    };
  }

  private toHuman(ctx: TurnContext, deps: TurnDeps, entry: CatalogEntry, answers: Record<string, string>, lang: Lang, ticketId: number | undefined, key: RequestMessageKey, params: Record<string, string>, why: string): PreTurnDecision {
    const opened = ticketId === undefined;
    const target: number | 'new' = ticketId ?? 'new';
    const number = opened ? '{ticket}' : ctx.currentTicket?.number ?? '';
    const decision = requestDecision(ctx, lang, 'request_to_human', {
      tickets: opened ? [openRequestTicket(ctx, deps, entry, answers, {}, lang, true)] : [{ kind: 'update', ticketId, fields: { status: 'escalated', escalatedAt: deps.now.toISOString(), slots: { catalog: entry.id, ...answers } } }],
      events: [
        ...(opened ? [{ ticketId: 'new' as const, actor: 'bot', kind: 'opened', data: { channel: ctx.message.ref.channel, catalog: entry.id } }] : []),
        { ticketId: target, actor: 'bot', kind: 'self_service_stopped', data: { why } },
        { ticketId: target, actor: 'bot', kind: 'escalated', data: selfServiceContext(ctx, entry, answers, why) },
      ],
      outbound: [say(`${opened ? `${requestSay(lang, 'started', { title: entry.title[lang] })} ` : ''}${requestSay(lang, key, { ...params, ticket: number })}`)], phase: 'escalated',
    });
    return { decision, after: async () => this.o.requests.saveSession(ctx.conversation.id, null, deps.now.toISOString()) };
  }

  private cancel(ctx: TurnContext, deps: TurnDeps, session: RequestSession, lang: Lang): PreTurnDecision {
    const ticketId = session.ticketId;
    const decision = requestDecision(ctx, lang, 'request_cancelled', {
      tickets: ticketId ? [{ kind: 'update', ticketId, fields: { status: 'closed', closedAt: deps.now.toISOString() } }] : [],
      events: ticketId ? [{ ticketId, actor: `user:${ctx.user.id}`, kind: 'withdrawn', data: {} }] : [],
      outbound: [say(requestSay(lang, 'cancelled', { ticket: ctx.currentTicket?.number ?? '' }))], phase: 'awaiting_description',
    });
    return { decision, after: async () => this.o.requests.saveSession(ctx.conversation.id, null, deps.now.toISOString()) };
  }

  /** Approve / Deny clicked on an approval request. */
  private async approverClick(ctx: TurnContext, deps: TurnDeps, id: number, verb: 'approve' | 'deny', lang: Lang): Promise<PreTurnDecision> {
    const row = await this.o.requests.approval(id);
    const clicker = ctx.user.email?.toLowerCase();
    const answer = (key: RequestMessageKey, params: Record<string, string> = {}, outcome = 'approval_answer') => ({ decision: requestDecision(ctx, lang, outcome, { outbound: [say(requestSay(lang, key, params))] }) });
    if (!row || row.status !== 'pending') return answer('alreadyDecided');
    if (clicker && clicker === row.requesterEmail) {
      // Recorded by this turn's own commit: the requester's ticket may live in this very conversation.
      return { decision: requestDecision(ctx, lang, 'self_approval_refused', {
        events: [{ ticketId: row.ticketId, actor: `approver:${clicker}`, kind: 'self_approval_refused', data: { approval: row.id, by: clicker } }],
        outbound: [say(requestSay(lang, 'selfApproval'))],
      }) };
    }
    if (!clicker || clicker !== row.approverEmail) return answer('notYours', { approver: row.approverName ?? row.approverEmail });
    if (verb === 'deny') {
      const requester = (await this.requesterName(row.ticketId)) ?? row.requesterEmail;
      const decision = requestDecision(ctx, lang, 'approval_reason_asked', { outbound: [say(requestSay(lang, 'askReason', { requester }))] });
      return { decision, after: async () => this.o.requests.saveSession(ctx.conversation.id, { step: 'deny_reason', approvalId: id }, deps.now.toISOString()) };
    }
    const outcome = await this.o.approvals.approve(row, clicker, deps.now);
    return outcome ? answer('thanksApproved', { done: outcome.done(lang) }, 'approval_approved') : answer('alreadyDecided');
  }

  /** The approver's reason for a denial. */
  private async denyReason(ctx: TurnContext, deps: TurnDeps, session: RequestSession, lang: Lang): Promise<PreTurnDecision> {
    const row = session.approvalId ? await this.o.requests.approval(session.approvalId) : null;
    const clear = async () => this.o.requests.saveSession(ctx.conversation.id, null, deps.now.toISOString());
    const reason = ctx.message.text.trim().slice(0, 500);
    if (!row || !reason) return { decision: requestDecision(ctx, lang, 'approval_answer', { outbound: [say(requestSay(lang, 'alreadyDecided'))] }), after: clear };
    const denied = await this.o.approvals.deny(row, ctx.user.email?.toLowerCase() ?? row.approverEmail, reason, deps.now);
    const requester = (await this.requesterName(row.ticketId)) ?? row.requesterEmail;
    return { decision: requestDecision(ctx, lang, 'approval_denied', { outbound: [say(requestSay(lang, denied ? 'thanksDenied' : 'alreadyDecided', { requester }))] }), after: clear };
  }

  private async requesterName(ticketId: number): Promise<string | null> {
    const ticket = await this.o.store.getTicket(ticketId);
    return ticket ? ((await this.o.store.getUser(ticket.requesterId))?.name ?? null) : null;
  }
}
