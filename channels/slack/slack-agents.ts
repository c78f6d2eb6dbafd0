import { announceQueued, Tier2MirrorQueue } from '../../src/handoff/tier2-mirror-queue';
import { runChatAgentAction } from '../../src/handoff/chat-agent-action';
import { tier2CatchUpJob } from '../../src/handoff/tier2-catch-up';
import type { AppExtension } from '../../src/app';
import type { EventEmitter } from 'node:events';
import type { EngineEvents } from '../../src/engine/engine';
import * as actions from '../../src/handoff/agent-actions';
import type { Logger } from '../../src/log';
import { AgentId, type Agent, type AgentStore } from '../../src/store/agent-store';
import type { AgentThreadStore, Queued, Tier2Row } from '../../src/store/agent-thread-store';
import type { Store, TurnResult } from '../../src/store/store';
import type { OutboundFile, OutboundMessage } from '../../src/types/conversation';
import type { Ticket, TicketEvent } from '../../src/types/ticket';
import { escalationCard, escalationSummary, mirrorLine } from './slack-escalation-text';
import type { SlackAgent, Tier2Handler } from './slack-tier2';
import { SlackChannel } from './slack.channel';
import type { TicketAction } from './slack-ticket-action-modals';
import { ChatTicketActions, type ChatTicketAction } from '../../src/handoff/chat-ticket-actions';
import { parseRouting } from '../../src/handoff/routing';
import type { SlaConfig } from '../../src/tickets/sla';
import { slaConfigFrom } from '../../src/turn-deps';
import type { Priority } from '../../src/types/ticket';

/** What the Slack agents module needs; `events` is `engine.events` (it listens and emits there). */
export type SlackAgentsOptions = {
  store: Store;
  agentStore: AgentStore;
  /** Escalation threads and Slack-user links, on the database every instance shares. */
  threads: AgentThreadStore;
  slack: SlackChannel;
  events: EventEmitter<EngineEvents>;
  clock: () => Date;
  log: Logger;
  /** A link to the ticket in the web console, shown on the escalation post. */
  consoleUrl?: (ticketNumber: string) => string;
  /** Category to group routing (ROUTING_GROUPS): its groups and the agents' are the transfer targets, as in the console. */
  routing?: Record<string, string>;
  /** SLA targets: a new priority recomputes the due times. */
  sla?: SlaConfig;
  /** The desk's time zone, for a due time told to the user. */
  timeZone?: string;
};

type Outcome = { ok: boolean; message?: string };

const NOT_AGENT = 'You are not a registered agent: ask an admin to add you (agent id = the part of your Slack e-mail before @).';

/** Events that change what the escalation card shows (status, owner, priority). */
const CARD_EVENTS = new Set(['edited', 'taken_over', 'resolved', 'closed', 'auto_closed', 'reopened', 'transferred', 'released', 'escalated', 'withdrawn', 'details_added', 'updated']);

/**
 * Tier-2 agents working from Slack. Escalations are posted to the tier-2 channel (thread mapping kept in
 * slack_threads, so it survives restarts) and what the requester says afterwards is mirrored into the
 * thread. A Slack user acts as the console agent linked to them: an explicit slack_agents row
 * (`linkSlackUser`), or else the agent whose id is the local part of their Slack e-mail (learnt into
 * slack_agents on first use). Anyone else is told they are not a registered agent.
 */
export class SlackAgents implements Tier2Handler {
  private readonly threads: AgentThreadStore;
  private readonly mirrors: Tier2MirrorQueue;
  private readonly core: ChatTicketActions;

  constructor(private readonly o: SlackAgentsOptions) {
    this.threads = o.threads;
    this.core = new ChatTicketActions(o);
    this.mirrors = new Tier2MirrorQueue((ticketId) => this.mirror(ticketId), o.log, 'slack tier-2 mirror failed');
    o.slack.tier2Threads = { threadOf: (number) => this.threads.postIdOf('slack', number), posted: (number, ts) => this.threads.setPostId('slack', number, ts) };
  }

  /** Listener for `engine.events.on('committed', …)`: posts new escalations, mirrors the requester's messages. */
  readonly onCommitted = (result: TurnResult): void => this.mirrors.committed(result);

  /** Mirror one ticket in turn with the commits (the catch-up sweep's way in); resolves when done. */
  mirrorInTurn(ticketId: number): Promise<void> {
    return this.mirrors.mirrorInTurn(ticketId);
  }

  /** Resolves when every committed turn seen so far has been mirrored (tests, graceful stop). */
  idle(): Promise<void> {
    return this.mirrors.idle();
  }

  async takeOver(ticketNumber: string, who: SlackAgent): Promise<Outcome> {
    return this.run(who, ticketNumber, { kind: 'take_over' });
  }

  /** Give the ticket to the agent the chosen Slack user is (the Assign modal); someone who is no agent is refused. */
  async assign(ticketNumber: string, who: SlackAgent, assignee: SlackAgent): Promise<Outcome> {
    const target = await this.agentFor(assignee.slackUserId);
    const name = (await this.o.slack.users.profile(assignee.slackUserId))?.name ?? 'That person';
    if (!target) return { ok: false, message: `${name} is not a registered agent, so ${ticketNumber} cannot be assigned to them.` };
    return this.run(who, ticketNumber, { kind: 'assign', to: target });
  }

  /** Resolve with what the agent wrote in the Resolve modal: the user reads it with "Is it fixed?". */
  async resolve(ticketNumber: string, who: SlackAgent, resolution: string): Promise<Outcome> {
    return this.run(who, ticketNumber, { kind: 'resolve', resolution });
  }

  /** Transfer, priority, note or reopen from the card's overflow menu (ChatTicketActions: the console's action path). */
  async ticketAction(action: TicketAction | { kind: 'reopen'; ticket: string; agent: string }): Promise<Outcome> {
    const who = { slackUserId: action.agent };
    if (action.kind === 'reopen') return this.run(who, action.ticket, { kind: 'reopen' });
    if (action.kind === 'note') return this.run(who, action.ticket, { kind: 'note', text: action.value });
    if (action.kind === 'transfer') return this.run(who, action.ticket, { kind: 'transfer', group: action.value });
    return this.run(who, action.ticket, { kind: 'priority', priority: action.value as Priority });
  }

  /** The configured groups (routing and the active agents' groups), as the console offers them. */
  transferGroups(): Promise<string[]> {
    return this.core.transferGroups();
  }

  async ownerOf(ticketNumber: string): Promise<string | null> {
    const ticket = await this.o.store.getTicketByNumber(ticketNumber);
    return ticket?.agentId ? this.threads.platformUserFor('slack', ticket.agentId) : null;
  }

  /** Owner's replies (or anyone's with the relay prefix) go to the user; the rest are internal notes. A refusal is returned for the sender's eyes only. */
  async agentMessage(ticketNumber: string, who: SlackAgent, text: string, kind: 'reply' | 'note', files: OutboundFile[] = []): Promise<Outcome> {
    // classifyAgentMessage has applied the owner / prefix rule, so the action runs as a colleague.
    return this.act(who, (agent, now) => (kind === 'reply'
      ? actions.reply(this.o.store, ticketNumber, agent, text, now, { colleague: true, files })
      : actions.note(this.o.store, ticketNumber, agent, text, now, { colleague: true })));
  }

  async ticketForThread(channel: string, threadTs: string): Promise<string | null> {
    return this.threads.ticketForPost('slack', threadTs, channel);
  }

  /** The agent a Slack user acts as, or null (unknown, or their e-mail names no agent). */
  async agentFor(slackUserId: string): Promise<Agent | null> {
    const linked = await this.threads.agentIdFor('slack', slackUserId);
    if (linked) return this.o.agentStore.getAgent(linked);
    const email = (await this.o.slack.users.profile(slackUserId))?.email;
    const local = email?.split('@')[0]?.toLowerCase() ?? '';
    if (!AgentId.safeParse(local).success) return null;
    const agent = await this.o.agentStore.getAgent(local);
    // An agent already linked to another Slack user is not taken over by a look-alike address.
    if (!agent || await this.threads.platformUserFor('slack', agent.id)) return null;
    try {
      await this.threads.link('slack', slackUserId, agent.id, 'email', this.o.clock().toISOString());
    } catch {
      return null; // Linked to another Slack user meanwhile (another instance): that one keeps the agent.
    }
    return agent;
  }

  private async run(who: SlackAgent, ticketNumber: string, action: ChatTicketAction): Promise<Outcome> {
    return this.core.run(await this.agentFor(who.slackUserId), NOT_AGENT, ticketNumber, action);
  }

  private async act(who: SlackAgent, run: (agent: Agent, now: Date) => Promise<actions.ActionResult>): Promise<Outcome> {
    return runChatAgentAction(await this.agentFor(who.slackUserId), NOT_AGENT, run, this.o.clock, this.o.events);
  }

  private async mirror(ticketId: number): Promise<void> {
    const channel = this.o.slack.tier2ChannelId;
    if (!channel) return;
    const ticket = await this.o.store.getTicket(ticketId);
    if (!ticket) return;
    const events = await this.o.store.ticketEvents(ticketId);
    if (events.length === 0) return;
    const now = this.o.clock().toISOString();
    const lastEventId = events[events.length - 1].id;
    const thread = await this.threads.threadOf('slack', ticketId);
    const escalated = [...events].reverse().find((e) => e.kind === 'escalated');
    if (!escalated) return;
    if (!thread) {
      if (ticket.status === 'closed') return;
      return this.queued(await this.threads.queueEscalation('slack', ticket, channel, await this.card(ticket, escalated), lastEventId, now));
    }
    const fresh = events.filter((e) => e.id > thread.lastEventId);
    if (fresh.length === 0) return;
    const requester = (await this.o.store.getUser(ticket.requesterId))?.name ?? 'The user';
    const rows: Tier2Row[] = fresh
      .map((event) => mirrorLine(event, ticket, requester))
      .filter((line): line is string => line !== null)
      .map((text) => ({ role: 'thread', message: { kind: 'text', text } }));
    // The escalation post is the ticket's living card: status, owner and priority are updated in place.
    if (fresh.some((e) => CARD_EVENTS.has(e.kind))) rows.push({ role: 'card', message: await this.card(ticket, escalated) });
    await this.queued(await this.threads.queueFollowUps('slack', ticket, thread.place, rows, lastEventId, now));
  }

  /** The escalation card as the ticket stands now. */
  private async card(ticket: Ticket, escalated: TicketEvent): Promise<OutboundMessage> {
    const user = await this.o.store.getUser(ticket.requesterId);
    const owner = ticket.agentId ? (await this.o.agentStore.getAgent(ticket.agentId))?.name ?? ticket.agentId : null;
    return escalationCard(escalationSummary(ticket, escalated, user, this.o.consoleUrl?.(ticket.number)), { status: ticket.status, owner });
  }

  /** Wake the dispatcher for rows just queued (the same 'committed' event a turn's replies raise). */
  private async queued(rows: Queued | null): Promise<void> {
    return announceQueued(this.o.store, this.o.events, rows);
  }
}

/** Create the module; register it with `slack.setTier2Handler(agents)` and `events.on('committed', agents.onCommitted)`. */
export function createSlackAgents(options: SlackAgentsOptions): SlackAgents {
  return new SlackAgents(options);
}

/** Link a Slack user to a console agent explicitly (e.g. when their e-mail does not match the agent id). */
export async function linkSlackUser(threads: AgentThreadStore, agentStore: AgentStore, slackUserId: string, agentId: string, now: Date): Promise<void> {
  if (!(await agentStore.getAgent(agentId))) throw new Error(`no agent "${agentId}": add it with "frontdesk agents add" first`);
  await threads.link('slack', slackUserId, agentId, 'manual', now.toISOString());
}

/** The app extension: when a tier-2 channel is configured, escalations go to Slack and agents work from there. */
export const slackAgentsExtension: AppExtension = (core) => {
  const slack = core.channels.get('slack');
  if (!(slack instanceof SlackChannel) || !slack.tier2ChannelId) return null;
  const agents = createSlackAgents({
    store: core.store, agentStore: core.agentStore, threads: core.agentThreads, slack, events: core.engine.events, clock: core.clock,
    log: core.log.child({ module: 'slack-agents' }),
    consoleUrl: (number) => `${core.config.PUBLIC_URL.replace(/\/$/, '')}/console#${number}`,
    routing: parseRouting(core.config.ROUTING_GROUPS), sla: slaConfigFrom(core.config), timeZone: core.config.TIME_ZONE,
  });
  core.engine.events.on('committed', agents.onCommitted);
  slack.setTier2Handler(agents);
  return tier2CatchUpJob(core, 'slack', (ticketId) => agents.mirrorInTurn(ticketId), () => agents.idle());
};
