import type { ContextPackage } from '../handoff/context';
import { detectLang, hasLanguageSignal } from '../lang';
import type { TurnContext, TurnDecision, TurnDeps } from '../engine/turn-types';
import type { Person } from '../directory/directory';
import type { TicketChange } from '../store/store';
import type { Lang, OutboundMessage } from '../types/conversation';
import type { Priority } from '../types/ticket';
import type { CatalogEntry } from './catalog-schema';

/** The language to answer in: the message's when it has words, else the conversation's. */
export function replyLang(ctx: TurnContext): Lang {
  const text = ctx.message.text.trim();
  return hasLanguageSignal(text) ? detectLang(text, ctx.conversation.lang) : ctx.conversation.lang;
}

/** What the directory says about the requester, as ticket slots (department, manager, office, VIP). */
export function directorySlots(person: Person | null, manager: Person | null): Record<string, string> {
  if (!person) return {};
  return {
    requester_dn: person.dn,
    ...(person.department ? { department: person.department } : {}),
    ...(manager ? { manager: manager.name, manager_email: manager.email ?? '' } : {}),
    ...(person.office ? { office: person.office } : {}),
    ...(person.phone ? { phone: person.phone } : {}),
    ...(person.vip ? { vip: 'yes' } : {}),
  };
}

/** One line naming the request and its answers ("Access to a shared folder: finance"). */
export function requestSummary(entry: CatalogEntry, answers: Record<string, string>, lang: Lang): string {
  const details = entry.questions.map((q) => answers[q.id]).filter(Boolean).join(', ');
  return `${entry.title[lang]}${details ? `: ${details}` : ''}`.slice(0, 300);
}

/**
 * The REQ ticket of a catalog request. A VIP's requests are P3 instead of P4 (the directory's flag feeds
 * priority); the group is the category's, or the first manual task's.
 */
export function openRequestTicket(ctx: TurnContext, deps: TurnDeps, entry: CatalogEntry, answers: Record<string, string>, slots: Record<string, string>, lang: Lang, escalated: boolean): TicketChange {
  const priority: Priority = slots.vip === 'yes' ? 'P3' : 'P4';
  const due = deps.dueTimes(priority, deps.now);
  const group = entry.fulfilment.kind === 'manual' ? entry.fulfilment.tasks[0].group : deps.routeGroup(entry.category);
  return {
    kind: 'open',
    draft: {
      type: 'service_request', category: entry.category, impact: 3, urgency: slots.vip === 'yes' ? 2 : 3, priority, lang, group,
      summary: requestSummary(entry, answers, lang),
      description: ctx.message.text.slice(0, 40_000) || entry.title[lang],
      slots: { catalog: entry.id, ...answers, ...slots },
      responseDueAt: due.responseDueAt, resolveDueAt: due.resolveDueAt,
      status: escalated ? 'escalated' : 'new',
    },
  };
}

/** The `escalated` event of a request a person has to finish, with why. */
export function selfServiceContext(ctx: TurnContext, entry: CatalogEntry, answers: Record<string, string>, why: string): ContextPackage {
  const who = ctx.user.name ?? ctx.user.email ?? 'A user';
  return {
    summary: `${who} asked for ${entry.title.en.toLowerCase()}; self-service stopped: ${why}`,
    reason: 'self_service',
    answers,
    classification: { category: entry.category, type: 'service_request', confidence: 1 },
    kbTried: [],
    requester: { name: ctx.user.name, email: ctx.user.email, department: ctx.user.department, channel: ctx.message.ref.channel },
    recentTickets: ctx.recentTickets.slice(0, 5).map((t) => ({ number: t.number, summary: t.summary, status: t.status, createdAt: t.createdAt })),
  };
}

/** A decision on the requester's conversation. */
export function requestDecision(ctx: TurnContext, lang: Lang, outcome: string, parts: { tickets?: TicketChange[]; events?: TurnDecision['events']; outbound: OutboundMessage[]; phase?: string }): TurnDecision {
  return {
    mode: ctx.conversation.mode, lang,
    state: { ...ctx.conversation.state, ...(parts.phase ? { phase: parts.phase } : {}), langSet: true },
    outcome, tickets: parts.tickets ?? [], events: parts.events ?? [], outbound: parts.outbound,
  };
}

/** A plain text reply. */
export const say = (text: string): OutboundMessage => ({ kind: 'text', text });
