import { announceQueued, Tier2MirrorQueue } from '../../src/handoff/tier2-mirror-queue';
import { tier2CatchUpJob } from '../../src/handoff/tier2-catch-up';
import { runChatAgentAction } from '../../src/handoff/chat-agent-action';
import type { EventEmitter } from 'node:events';
import type { AppExtension } from '../../src/app';
import type { EngineEvents } from '../../src/engine/engine';
import * as actions from '../../src/handoff/agent-actions';
import type { Logger } from '../../src/log';
import { AgentId, type Agent, type AgentStore } from '../../src/store/agent-store';
import type { AgentThreadStore, Tier2Row } from '../../src/store/agent-thread-store';
import type { Store, TurnResult } from '../../src/store/store';
import type { StoredCard, WecomCardStore } from '../../src/store/wecom-card-store';
import type { Lang, OutboundMessage } from '../../src/types/conversation';
import type { Ticket, TicketEvent } from '../../src/types/ticket';
import { escalationCard, escalationSummary, mirrorLine } from '../slack/slack-escalation-text';
import { classifyAgentMessage, TIER2_ACTIONS } from '../slack/slack-tier2';
import { agentText, unicodeEmoji } from './wecom-agent-text';
import { WecomChannel, type WecomTier2Handler } from './wecom.channel';

/** What the WeCom agents module needs; `events` is `engine.events`. */
export type WecomAgentsOptions = {
  store: Store;
  agentStore: AgentStore;
  /** Escalation cursors (wecom_tier2) and the agents' outbox rows, on the database every instance shares. */
  threads: AgentThreadStore;
  /** The template cards sent (clicks bring their response_code here). */
  cards: WecomCardStore;
  wecom: WecomChannel;
  events: EventEmitter<EngineEvents>;
  clock: () => Date;
  log: Logger;
  lang: Lang;
  consoleUrl?: (ticketNumber: string) => string;
};

/** The one place WeCom tier-2 posts go: the agents (WECOM_AGENT_USERS), as the app. */
const AGENTS = '@agents';

/** Events that change what the escalation card shows. */
const CARD_EVENTS = new Set(['taken_over', 'resolved', 'closed', 'auto_closed', 'reopened', 'transferred', 'released', 'escalated', 'withdrawn', 'details_added']);
/** The escalation card's field labels (Slack's English wording) as agent texts. */
const TICKET_PREFIX = /^\s*([A-Z]{2,6}-\d{3,10})\s+([\s\S]+)$/;

/**
 * Tier-2 agents working from WeCom. Group-robot webhooks and app chats (appchat/send) only send: WeCom
 * delivers no click or message from a group to the app, so agents could read there but never act. So an
 * escalation goes to the agents (WECOM_AGENT_USERS) as a template card from the app itself, with Take
 * over / Resolve buttons whose clicks come back as template_card_event from the agent; the card is
 * updated in place for all of them (update_template_card). What the requester says later is mirrored to
 * the agents as text; an agent writes to the user by starting a message to the app with the ticket number.
 * A WeCom user acts as the console agent whose id is their UserID (lower-cased) or their e-mail's local part.
 */
export class WecomAgents implements WecomTier2Handler {
  private readonly mirrors: Tier2MirrorQueue;
  /** Agents who pressed Resolve: their next message is the resolution (like Slack's Resolve modal). */
  private readonly awaitingResolution = new Map<string, string>();

  constructor(private readonly o: WecomAgentsOptions) {
    this.mirrors = new Tier2MirrorQueue((ticketId) => this.mirror(ticketId), o.log, 'wecom tier-2 mirror failed');
  }

  /** Listener for `engine.events.on('committed', …)`: posts escalations, mirrors what follows. */
  readonly onCommitted = (result: TurnResult): void => this.mirrors.committed(result);

  /** Mirror one ticket in turn with the commits (the catch-up sweep's way in); resolves when done. */
  mirrorInTurn(ticketId: number): Promise<void> {
    return this.mirrors.mirrorInTurn(ticketId);
  }

  /** Resolves when every committed turn seen so far has been mirrored. */
  idle(): Promise<void> {
    return this.mirrors.idle();
  }

  async cardClick(agentUserId: string, card: StoredCard, key: string, responseCode?: string): Promise<void> {
    // Each click brings a fresh code; the card update the click causes uses it.
    if (responseCode) await this.o.cards.setResponseCode(card.taskId, responseCode);
    const index = /^c(\d)$/.exec(key)?.[1];
    const action = index === undefined ? undefined : card.choices[Number(index)]?.value;
    const ticket = card.ticket;
    if (!ticket || !action) return;
    if (action === TIER2_ACTIONS.resolve) {
      const agent = await this.agentFor(agentUserId);
      if (!agent) return this.o.wecom.notify(agentUserId, agentText(this.o.lang, 'notAgent'));
      this.awaitingResolution.set(agentUserId, ticket);
      return this.o.wecom.notify(agentUserId, agentText(this.o.lang, 'askResolution', { ticket }));
    }
    if (action === TIER2_ACTIONS.takeOver) {
      const outcome = await this.act(agentUserId, (agent, now) => actions.takeOver(this.o.store, ticket, agent, now));
      if (!outcome.ok) await this.o.wecom.notify(agentUserId, outcome.message ?? agentText(this.o.lang, 'failed', { ticket }));
    }
  }

  async agentText(agentUserId: string, text: string): Promise<void> {
    const pending = this.awaitingResolution.get(agentUserId);
    if (pending) {
      this.awaitingResolution.delete(agentUserId);
      const outcome = await this.act(agentUserId, (agent, now) => actions.resolve(this.o.store, pending, agent, { resolution: text }, now));
      if (!outcome.ok) await this.o.wecom.notify(agentUserId, outcome.message ?? agentText(this.o.lang, 'failed', { ticket: pending }));
      return;
    }
    const addressed = TICKET_PREFIX.exec(text);
    if (!addressed) return this.o.wecom.notify(agentUserId, agentText(this.o.lang, 'hint', { example: 'INC-000123' }));
    const [, ticket, body] = addressed;
    const found = await this.o.store.getTicketByNumber(ticket);
    const agent = await this.agentFor(agentUserId);
    const { kind, text: clean } = classifyAgentMessage({ sender: agent?.id ?? '', owner: found?.agentId ?? null, text: body, relayPrefix: '>>' });
    const outcome = await this.act(agentUserId, (a, now) => (kind === 'reply'
      ? actions.reply(this.o.store, ticket, a, clean, now, { colleague: true })
      : actions.note(this.o.store, ticket, a, clean, now, { colleague: true })));
    if (!outcome.ok) await this.o.wecom.notify(agentUserId, outcome.message ?? agentText(this.o.lang, 'failed', { ticket }));
  }

  /** The console agent a WeCom user acts as, or null. */
  async agentFor(userId: string): Promise<Agent | null> {
    for (const candidate of [userId.toLowerCase(), (await this.o.wecom.users.profile(userId))?.email?.split('@')[0]?.toLowerCase() ?? '']) {
      if (!AgentId.safeParse(candidate).success) continue;
      const agent = await this.o.agentStore.getAgent(candidate);
      if (agent) return agent;
    }
    return null;
  }

  private async act(userId: string, run: (agent: Agent, now: Date) => Promise<actions.ActionResult>): Promise<{ ok: boolean; message?: string }> {
    return runChatAgentAction(await this.agentFor(userId), agentText(this.o.lang, 'notAgent'), run, this.o.clock, this.o.events);
  }

  private async mirror(ticketId: number): Promise<void> {
    const ticket = await this.o.store.getTicket(ticketId);
    if (!ticket) return;
    const events = await this.o.store.ticketEvents(ticketId);
    const escalated = [...events].reverse().find((e) => e.kind === 'escalated');
    if (!escalated) return;
    const now = this.o.clock().toISOString();
    const lastEventId = events[events.length - 1].id;
    const thread = await this.o.threads.threadOf('wecom', ticketId);
    if (thread === null) {
      if (ticket.status === 'closed') return;
      return this.queued(await this.o.threads.queueEscalation('wecom', ticket, AGENTS, await this.card(ticket, escalated, false), lastEventId, now));
    }
    const fresh = events.filter((e) => e.id > thread.lastEventId);
    if (fresh.length === 0) return;
    const requester = (await this.o.store.getUser(ticket.requesterId))?.name ?? (this.o.lang === 'zh' ? '用户' : 'The user');
    const rows: Tier2Row[] = fresh
      .map((event) => mirrorLine(event, ticket, requester, this.o.lang))
      .filter((line): line is string => line !== null)
      .map((text) => ({ role: 'thread', message: { kind: 'text', text: unicodeEmoji(text) } }));
    if (fresh.some((e) => CARD_EVENTS.has(e.kind))) rows.push({ role: 'card', message: await this.card(ticket, escalated, true) });
    await this.queued(await this.o.threads.queueFollowUps('wecom', ticket, AGENTS, rows, lastEventId, now));
  }

  /** The escalation card as the ticket stands now, in the agents' language. */
  private async card(ticket: Ticket, escalated: TicketEvent, live: boolean): Promise<OutboundMessage> {
    const user = await this.o.store.getUser(ticket.requesterId);
    const owner = ticket.agentId ? (await this.o.agentStore.getAgent(ticket.agentId))?.name ?? ticket.agentId : null;
    return escalationCard(escalationSummary(ticket, escalated, user, this.o.consoleUrl?.(ticket.number), this.o.lang), live ? { status: ticket.status, owner } : undefined, this.o.lang);
  }

  private async queued(rows: { conversationId: number; outboxIds: number[] } | null): Promise<void> {
    return announceQueued(this.o.store, this.o.events, rows);
  }
}

/**
 * The app extension: gives the WeCom channel its card table (so clicks find their cards after a restart)
 * and, with WECOM_AGENT_USERS set, escalations go to those agents.
 */
export const wecomExtension: AppExtension = (core) => {
  const wecom = core.channels.get('wecom');
  if (!(wecom instanceof WecomChannel)) return null;
  wecom.cards = core.wecomCards;
  if (wecom.agentUsers.length === 0) return null;
  const agents = new WecomAgents({
    store: core.store, agentStore: core.agentStore, threads: core.agentThreads, cards: core.wecomCards, wecom, events: core.engine.events, clock: core.clock,
    log: core.log.child({ module: 'wecom-agents' }), lang: wecom.config.lang,
    consoleUrl: (number) => `${core.config.PUBLIC_URL.replace(/\/$/, '')}/console#${number}`,
  });
  core.engine.events.on('committed', agents.onCommitted);
  wecom.tier2 = agents;
  return tier2CatchUpJob(core, 'wecom', (ticketId) => agents.mirrorInTurn(ticketId), () => agents.idle());
};
