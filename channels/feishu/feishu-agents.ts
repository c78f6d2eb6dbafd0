import { announceQueued, Tier2MirrorQueue } from '../../src/handoff/tier2-mirror-queue';
import { tier2CatchUpJob } from '../../src/handoff/tier2-catch-up';
import { runChatAgentAction } from '../../src/handoff/chat-agent-action';
import type { Lang } from '../../src/types/conversation';
import type { EventEmitter } from 'node:events';
import type { AppExtension } from '../../src/app';
import type { EngineEvents } from '../../src/engine/engine';
import * as actions from '../../src/handoff/agent-actions';
import type { Logger } from '../../src/log';
import { AgentId, type Agent, type AgentStore } from '../../src/store/agent-store';
import type { AgentThreadStore, Queued, Tier2Row } from '../../src/store/agent-thread-store';
import type { Store, TurnResult } from '../../src/store/store';
import type { OutboundMessage } from '../../src/types/conversation';
import type { Ticket, TicketEvent } from '../../src/types/ticket';
import { escalationCard, escalationSummary, mirrorLine } from '../slack/slack-escalation-text';
import type { FeishuAgent, FeishuTier2Handler } from './feishu-tier2';
import { FeishuChannel } from './feishu.channel';

/** What the Feishu agents module needs; `events` is `engine.events`. */
export type FeishuAgentsOptions = {
  store: Store;
  agentStore: AgentStore;
  /** Escalation cards and Feishu-user links, on the database every instance shares. */
  threads: AgentThreadStore;
  feishu: FeishuChannel;
  chatId: string;
  events: EventEmitter<EngineEvents>;
  clock: () => Date;
  log: Logger;
  consoleUrl?: (ticketNumber: string) => string;
  /** The agents' language (FEISHU_DEFAULT_LANG): cards and thread lines read in it. */
  lang?: Lang;
};

type Outcome = { ok: boolean; message?: string };

/** Events that change what the escalation card shows (status, owner, priority). */
const CARD_EVENTS = new Set(['taken_over', 'resolved', 'closed', 'auto_closed', 'reopened', 'transferred', 'released', 'escalated', 'withdrawn', 'details_added']);

/**
 * Tier-2 agents working from a Feishu group chat, like the Slack module: escalations are posted there as
 * cards (Take over / Resolve), what the requester says afterwards is mirrored into the card's thread, and
 * the card is updated in place. A Feishu user acts as the console agent linked to them (feishu_agents), or
 * the agent whose id is the local part of their contact e-mail (learnt on first use).
 */
export class FeishuAgents implements FeishuTier2Handler {
  private readonly threads: AgentThreadStore;
  private readonly mirrors: Tier2MirrorQueue;

  constructor(private readonly o: FeishuAgentsOptions) {
    this.threads = o.threads;
    this.mirrors = new Tier2MirrorQueue((ticketId) => this.mirror(ticketId), o.log, 'feishu tier-2 mirror failed');
  }

  /** The card directory the channel posts through. */
  directory() {
    return {
      messageOf: (n: string) => this.threads.postIdOf('feishu', n), posted: (n: string, id: string) => this.threads.setPostId('feishu', n, id),
      ticketForMessage: (id: string) => this.threads.ticketForPost('feishu', id),
    };
  }

  /** Listener for `engine.events.on('committed', …)`: posts new escalations, mirrors the requester's messages. */
  readonly onCommitted = (result: TurnResult): void => {
    // The agents' own chat is no requester's conversation.
    if (result.conversation.ref.channel === 'feishu' && result.conversation.ref.conversationId === this.o.chatId) return;
    this.mirrors.committed(result);
  };

  /** Mirror one ticket in turn with the commits (the catch-up sweep's way in); resolves when done. */
  mirrorInTurn(ticketId: number): Promise<void> {
    return this.mirrors.mirrorInTurn(ticketId);
  }

  /** Resolves when every committed turn seen so far has been mirrored. */
  idle(): Promise<void> {
    return this.mirrors.idle();
  }

  async takeOver(ticketNumber: string, who: FeishuAgent): Promise<Outcome> {
    return this.act(who, (agent, now) => actions.takeOver(this.o.store, ticketNumber, agent, now));
  }

  async resolve(ticketNumber: string, who: FeishuAgent, resolution: string): Promise<Outcome> {
    return this.act(who, (agent, now) => actions.resolve(this.o.store, ticketNumber, agent, { resolution }, now));
  }

  async ownerOf(ticketNumber: string): Promise<string | null> {
    const ticket = await this.o.store.getTicketByNumber(ticketNumber);
    return ticket?.agentId ? this.threads.platformUserFor('feishu', ticket.agentId) : null;
  }

  async agentMessage(ticketNumber: string, who: FeishuAgent, text: string, kind: 'reply' | 'note'): Promise<Outcome> {
    return this.act(who, (agent, now) => (kind === 'reply'
      ? actions.reply(this.o.store, ticketNumber, agent, text, now, { colleague: true })
      : actions.note(this.o.store, ticketNumber, agent, text, now, { colleague: true })));
  }

  /** The agent a Feishu user acts as, or null. */
  async agentFor(openId: string): Promise<Agent | null> {
    const linked = await this.threads.agentIdFor('feishu', openId);
    if (linked) return this.o.agentStore.getAgent(linked);
    const email = (await this.o.feishu.users.profile(openId).catch(() => undefined))?.email;
    const local = email?.split('@')[0]?.toLowerCase() ?? '';
    if (!AgentId.safeParse(local).success) return null;
    const agent = await this.o.agentStore.getAgent(local);
    // An agent already linked to another Feishu user is not taken over by a look-alike address.
    if (!agent || await this.threads.platformUserFor('feishu', agent.id)) return null;
    try {
      await this.threads.link('feishu', openId, agent.id, 'email', this.o.clock().toISOString());
    } catch {
      return null; // Linked to another Feishu user meanwhile (another instance): that one keeps the agent.
    }
    return agent;
  }

  private async act(who: FeishuAgent, run: (agent: Agent, now: Date) => Promise<actions.ActionResult>): Promise<Outcome> {
    const notAgent = '你不是已登记的坐席 / You are not a registered agent (agent id = your e-mail before @).';
    return runChatAgentAction(await this.agentFor(who.openId), notAgent, run, this.o.clock, this.o.events);
  }

  private async mirror(ticketId: number): Promise<void> {
    const ticket = await this.o.store.getTicket(ticketId);
    if (!ticket) return;
    const events = await this.o.store.ticketEvents(ticketId);
    const escalated = [...events].reverse().find((e) => e.kind === 'escalated');
    if (!escalated) return;
    const now = this.o.clock().toISOString();
    const lastEventId = events[events.length - 1].id;
    const thread = await this.threads.threadOf('feishu', ticketId);
    if (!thread) {
      if (ticket.status === 'closed') return;
      return this.queued(await this.threads.queueEscalation('feishu', ticket, this.o.chatId, await this.card(ticket, escalated), lastEventId, now));
    }
    const fresh = events.filter((e) => e.id > thread.lastEventId);
    if (fresh.length === 0) return;
    const requester = (await this.o.store.getUser(ticket.requesterId))?.name ?? 'The user';
    const rows: Tier2Row[] = fresh
      .map((event) => mirrorLine(event, ticket, requester, this.o.lang))
      .filter((line): line is string => line !== null)
      .map((text) => ({ role: 'thread', message: { kind: 'text', text } }));
    if (fresh.some((e) => CARD_EVENTS.has(e.kind))) rows.push({ role: 'card', message: await this.card(ticket, escalated) });
    return this.queued(await this.threads.queueFollowUps('feishu', ticket, thread.place, rows, lastEventId, now));
  }

  private async card(ticket: Ticket, escalated: TicketEvent): Promise<OutboundMessage> {
    const user = await this.o.store.getUser(ticket.requesterId);
    const owner = ticket.agentId ? (await this.o.agentStore.getAgent(ticket.agentId))?.name ?? ticket.agentId : null;
    return escalationCard(escalationSummary(ticket, escalated, user, this.o.consoleUrl?.(ticket.number), this.o.lang), { status: ticket.status, owner }, this.o.lang);
  }

  private async queued(rows: Queued | null): Promise<void> {
    return announceQueued(this.o.store, this.o.events, rows);
  }
}

/** The app extension: with FEISHU_TIER2_CHAT set, escalations go to that Feishu group and agents work from there. */
export const feishuAgentsExtension: AppExtension = (core) => {
  const feishu = core.channels.get('feishu');
  if (!(feishu instanceof FeishuChannel) || !feishu.tier2) return null;
  const agents = new FeishuAgents({
    store: core.store, agentStore: core.agentStore, threads: core.agentThreads, feishu, chatId: feishu.tier2.chatId, events: core.engine.events, clock: core.clock,
    log: core.log.child({ module: 'feishu-agents' }),
    consoleUrl: (number) => `${core.config.PUBLIC_URL.replace(/\/$/, '')}/console#${number}`, lang: core.config.FEISHU_DEFAULT_LANG,
  });
  core.engine.events.on('committed', agents.onCommitted);
  feishu.setTier2Handler(agents, agents.directory());
  return tier2CatchUpJob(core, 'feishu', (ticketId) => agents.mirrorInTurn(ticketId), () => agents.idle());
};
