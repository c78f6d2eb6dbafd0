import { createHash, randomBytes } from 'node:crypto';
import { DirectoryRefusedError, type Person } from '../directory/directory';
import type { PreTurnDecision } from '../engine/engine';
import type { TurnContext, TurnDeps } from '../engine/turn-types';
import type { Logger } from '../log';
import type { Lang } from '../types/conversation';
import type { CatalogEntry } from './catalog-schema';
import type { CodeSender } from './code-sender';
import type { DirectoryActions } from './directory-actions';
import { channelIdentity } from './identity';
import type { RequestStore, RequestSession } from './request-store';
import { maskEmail, requestSay, type RequestMessageKey } from './request-messages';
import { directorySlots, openRequestTicket, requestDecision, say, selfServiceContext } from './request-tickets';

/** A one-time password page is valid this long. */
export const RESET_PAGE_TTL_MS = 15 * 60_000;

/** The hash under which a password page's token is stored (the token itself is only in the link). */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Parts of the account flow. */
export type AccountFlowOptions = {
  requests: RequestStore; actions: DirectoryActions; verifier: import('./verification').Verifier; sender: CodeSender | null;
  publicUrl: string; lockMinutes: number; log: Logger;
};

/**
 * Unlock and password reset on the requester's own account: the channel identity must map to a directory
 * entry, then a one-time code goes to the second factor the directory holds. Anything that stops the flow
 * (web chat, unverified mail, no second factor, a lock, the rate limit, the directory down) hands the
 * ticket to a person with a clear reason; nothing is changed in the directory until the code is right.
 */
export class AccountFlow {
  constructor(private readonly o: AccountFlowOptions) {}

  /** The first turn: check who it is and send the code. */
  async start(ctx: TurnContext, deps: TurnDeps, entry: CatalogEntry, lang: Lang): Promise<PreTurnDecision> {
    const identity = channelIdentity(ctx);
    const actor = `${ctx.message.ref.channel}:${ctx.user.platformUserId}`;
    if (!identity.ok) {
      await this.o.actions.record(deps.now, actor, 'identify', ctx.user.platformUserId, `refused_${identity.reason}`);
      return this.toHuman(ctx, deps, entry, lang, identity.reason === 'webchat' ? 'refusedWebchat' : identity.reason === 'mail' ? 'refusedMail' : 'refusedUnknown', `identity: ${identity.reason}`);
    }
    let person: Person | null;
    try {
      person = await this.o.actions.directory.findByEmail(identity.email);
    } catch {
      return this.toHuman(ctx, deps, entry, lang, 'directoryDown', 'directory unavailable');
    }
    if (!person) return this.toHuman(ctx, deps, entry, lang, 'refusedUnknown', 'no directory entry for the profile email');
    const slots = directorySlots(person, null);
    if (await this.o.verifier.locked(person.dn, deps.now)) return this.toHuman(ctx, deps, entry, lang, 'stillLocked', 'verification locked', slots);
    if (!(await this.o.actions.allowed(person.dn, deps.now))) {
      await this.o.actions.record(deps.now, actor, entry.fulfilment.kind, person.dn, 'rate_limited');
      return this.toHuman(ctx, deps, entry, lang, 'rateLimited', 'rate limit', slots);
    }
    if (!person.secondFactorEmail || !this.o.sender) return this.toHuman(ctx, deps, entry, lang, 'noSecondFactor', 'no second factor', slots);
    const code = await this.o.verifier.issue(person.dn, deps.now);
    try {
      await this.o.actions.run(deps.now, actor, 'code_sent', person.dn, undefined, () => this.o.sender!.send(person.secondFactorEmail!, code, lang));
    } catch {
      return this.toHuman(ctx, deps, entry, lang, 'codeNotSent', 'the code could not be sent', slots);
    }
    const decision = requestDecision(ctx, lang, 'verification_code_sent', {
      tickets: [openRequestTicket(ctx, deps, entry, {}, slots, lang, false)],
      events: [{ ticketId: 'new', actor: 'bot', kind: 'opened', data: { channel: ctx.message.ref.channel, catalog: entry.id } },
        { ticketId: 'new', actor: 'bot', kind: 'verification_code_sent', data: { to: maskEmail(person.secondFactorEmail) } }],
      outbound: [say(`${requestSay(lang, 'started', { title: entry.title[lang] })} ${requestSay(lang, 'codeSent', { masked: maskEmail(person.secondFactorEmail) })}`)],
      phase: 'ticket_open',
    });
    const dn = person.dn;
    return { decision, after: async (result) => this.o.requests.saveSession(ctx.conversation.id, { step: 'code', catalogId: entry.id, personDn: dn, ticketId: result.openedTicket?.id }, deps.now.toISOString()) };
  }

  /** The answer to "type the code": check it, then unlock or hand out the one-time password page. */
  async code(ctx: TurnContext, deps: TurnDeps, entry: CatalogEntry, session: RequestSession, lang: Lang): Promise<PreTurnDecision> {
    const dn = session.personDn as string;
    const ticketId = session.ticketId as number;
    const actor = `${ctx.message.ref.channel}:${ctx.user.platformUserId}`;
    const checked = await this.o.verifier.check(dn, ctx.message.text, deps.now);
    const event = (kind: string, data: Record<string, unknown> = {}) => ({ ticketId, actor: `user:${ctx.user.id}`, kind, data });
    const end = (decision: ReturnType<typeof requestDecision>): PreTurnDecision => ({ decision, after: async () => this.o.requests.saveSession(ctx.conversation.id, null, deps.now.toISOString()) });
    if (checked.result === 'wrong') {
      await this.o.actions.record(deps.now, actor, 'verify', dn, 'wrong_code', ticketId);
      return { decision: requestDecision(ctx, lang, 'verification_wrong', { events: [event('verification_failed', { left: checked.left })], outbound: [say(requestSay(lang, 'codeWrong', { left: checked.left }))] }) };
    }
    if (checked.result === 'expired') {
      return end(requestDecision(ctx, lang, 'verification_expired', {
        tickets: [{ kind: 'update', ticketId, fields: { status: 'closed', resolvedAt: deps.now.toISOString(), closedAt: deps.now.toISOString() } }],
        events: [event('verification_expired')], outbound: [say(requestSay(lang, 'codeExpired'))], phase: 'awaiting_description',
      }));
    }
    if (checked.result === 'locked') {
      await this.o.actions.record(deps.now, actor, 'verify', dn, 'locked', ticketId);
      return end(this.escalate(ctx, deps, entry, lang, ticketId, [event('verification_locked')], requestSay(lang, 'codeLocked', { minutes: this.o.lockMinutes, ticket: '{ticket}' }), 'five wrong codes'));
    }
    await this.o.actions.record(deps.now, actor, 'verify', dn, 'ok', ticketId);
    if (entry.fulfilment.kind === 'reset_password') {
      const token = randomBytes(32).toString('base64url');
      await this.o.requests.createToken({ tokenHash: tokenHash(token), ticketId, personDn: dn, expiresAt: new Date(deps.now.getTime() + RESET_PAGE_TTL_MS).toISOString() }, deps.now.toISOString());
      const url = `${this.o.publicUrl.replace(/\/+$/, '')}/reset/${token}`;
      return end(requestDecision(ctx, lang, 'reset_page_issued', {
        tickets: [{ kind: 'update', ticketId, fields: { status: 'in_progress' } }],
        events: [event('verified'), event('reset_page_issued', { validMinutes: RESET_PAGE_TTL_MS / 60_000 })], outbound: [say(requestSay(lang, 'resetLink', { url }))],
      }));
    }
    try {
      const wasLocked = await this.o.actions.run(deps.now, actor, 'unlock', dn, ticketId, async () => {
        const person = await this.o.actions.directory.get(dn);
        if (!person) throw new DirectoryRefusedError('the entry vanished');
        if (person.locked) await this.o.actions.directory.unlock(person);
        return person.locked;
      });
      const key = wasLocked ? 'unlocked' : 'notLocked';
      return end(requestDecision(ctx, lang, 'account_unlocked', {
        tickets: [{ kind: 'update', ticketId, fields: { status: 'closed', resolvedAt: deps.now.toISOString(), closedAt: deps.now.toISOString() } }],
        events: [event('verified'), { ticketId, actor: 'bot', kind: 'fulfilled', data: { action: 'unlock', directory: wasLocked ? 'unlocked' : 'not_locked' } }, { ticketId, actor: 'bot', kind: 'resolved', data: { note: 'unlocked by self-service' } }],
        outbound: [say(requestSay(lang, key).replace(/\{ticket\}/g, (await this.numberOf(ctx, ticketId)) ?? ''))], phase: 'awaiting_description',
      }));
    } catch (error) {
      return end(this.escalate(ctx, deps, entry, lang, ticketId, [event('verified'), { ticketId, actor: 'bot', kind: 'fulfilment_failed', data: { error: (error as Error).message.slice(0, 300) } }], requestSay(lang, 'directoryDown', { ticket: '{ticket}' }), 'directory unavailable'));
    }
  }

  private async numberOf(ctx: TurnContext, ticketId: number): Promise<string | null> {
    return ctx.currentTicket?.id === ticketId ? ctx.currentTicket.number : null;
  }

  /** Hand the already logged request to a person, with the sentence saying why. */
  private escalate(ctx: TurnContext, deps: TurnDeps, entry: CatalogEntry, lang: Lang, ticketId: number, events: ReturnType<typeof requestDecision>['events'], text: string, why: string) {
    const number = ctx.currentTicket?.id === ticketId ? ctx.currentTicket.number : '';
    return requestDecision(ctx, lang, 'request_to_human', {
      tickets: [{ kind: 'update', ticketId, fields: { status: 'escalated', escalatedAt: deps.now.toISOString() } }],
      events: [...events, { ticketId, actor: 'bot', kind: 'escalated', data: selfServiceContext(ctx, entry, {}, why) }],
      outbound: [say(text.replace(/\{ticket\}/g, number))], phase: 'escalated',
    });
  }

  /** Open the request's ticket already in a person's hands, and say why. */
  toHuman(ctx: TurnContext, deps: TurnDeps, entry: CatalogEntry, lang: Lang, key: RequestMessageKey, why: string, slots: Record<string, string> = {}): PreTurnDecision {
    const decision = requestDecision(ctx, lang, 'request_to_human', {
      tickets: [openRequestTicket(ctx, deps, entry, {}, slots, lang, true)],
      events: [{ ticketId: 'new', actor: 'bot', kind: 'opened', data: { channel: ctx.message.ref.channel, catalog: entry.id } },
        { ticketId: 'new', actor: 'bot', kind: 'self_service_stopped', data: { why } },
        { ticketId: 'new', actor: 'bot', kind: 'escalated', data: selfServiceContext(ctx, entry, {}, why) }],
      outbound: [say(requestSay(lang, key, { minutes: this.o.lockMinutes }))], phase: 'escalated',
    });
    return { decision, after: async () => this.o.requests.saveSession(ctx.conversation.id, null, deps.now.toISOString()) };
  }
}
