import { announceQueued, Tier2MirrorQueue } from '../../src/handoff/tier2-mirror-queue';
import type { EventEmitter } from 'node:events';
import type { EngineEvents } from '../../src/engine/engine';
import type { Logger } from '../../src/log';
import type { Store, TurnResult } from '../../src/store/store';
import type { AgentThreadStore, Queued, Tier2Row } from '../../src/store/agent-thread-store';
import type { Lang, OutboundMessage } from '../../src/types/conversation';
import type { Ticket } from '../../src/types/ticket';
import { teamsMirrorLine } from './teams-mirror-lines';

/** What the agents' channel needs; `events` is `engine.events` (it listens and emits there). */
export type TeamsAgentChannelOptions = {
  store: Store;
  /** Escalation posts (teams_threads) on the database every instance shares. */
  threads: AgentThreadStore;
  /** The Teams channel's conversation id (TEAMS_AGENT_CHANNEL_ID). */
  channelId: string;
  events: EventEmitter<EngineEvents>;
  clock: () => Date;
  log: Logger;
  /** The language of the lines mirrored under the post (the channel's default); English when absent. */
  lang?: Lang;
  /** An agent's display name by id, for their replies mirrored under the post; the id when absent. */
  agentName?: (agentId: string) => Promise<string | null>;
};

/** Ticket events that change what the agent card shows (status, owner, priority, group), as on Slack's living card. */
const CARD_EVENTS = new Set(['edited', 'taken_over', 'resolved', 'closed', 'auto_closed', 'reopened', 'transferred', 'released', 'escalated', 'withdrawn', 'details_added', 'updated']);

/**
 * Escalations posted into the Teams agents' channel: when a ticket is escalated (the committed turn Slack's tier-2
 * module reacts to), its agent card is queued once (the teams_threads row is the claim, so several instances post
 * it once); when the ticket changes afterwards, a card row is queued and the channel replaces the post in place
 * (updateActivity). What the requester says afterwards, and what agents answer them, is mirrored as replies in
 * the post's thread (teamsMirrorLine), as Slack's tier-2 thread has them. All are outbox rows of the channel's own
 * conversation: retries, Retry-After and order as every other message. A card row carries a text stand-in only;
 * the channel renders the card as the ticket is then.
 */
export class TeamsAgentChannel {
  private readonly mirrors: Tier2MirrorQueue;

  constructor(private readonly o: TeamsAgentChannelOptions) {
    this.mirrors = new Tier2MirrorQueue((ticketId) => this.follow(ticketId), o.log, 'teams agent channel: post not queued');
  }

  /** Listener for `engine.events.on('committed', …)`. */
  readonly onCommitted = (result: TurnResult): void => this.mirrors.committed(result);

  /** Mirror one ticket in turn with the commits (the catch-up sweep's way in); resolves when done. */
  mirrorInTurn(ticketId: number): Promise<void> {
    return this.mirrors.mirrorInTurn(ticketId);
  }

  /** Resolves when every committed turn seen so far has been handled (tests, graceful stop). */
  idle(): Promise<void> {
    return this.mirrors.idle();
  }

  private async follow(ticketId: number): Promise<void> {
    const ticket = await this.o.store.getTicket(ticketId);
    if (!ticket) return;
    const events = await this.o.store.ticketEvents(ticketId);
    if (!events.some((e) => e.kind === 'escalated')) return;
    const now = this.o.clock().toISOString();
    const lastEventId = events[events.length - 1].id;
    const thread = await this.o.threads.threadOf('teams', ticketId);
    if (!thread) {
      if (ticket.status === 'closed') return;
      return this.queued(await this.o.threads.queueEscalation('teams', ticket, this.o.channelId, standIn(ticket), lastEventId, now));
    }
    const fresh = events.filter((e) => e.id > thread.lastEventId);
    if (fresh.length === 0) return;
    const requester = (await this.o.store.getUser(ticket.requesterId))?.name ?? (this.o.lang === 'zh' ? '用户' : 'The user');
    const rows: Tier2Row[] = [];
    for (const event of fresh) {
      const agent = event.kind === 'agent_reply' && this.o.agentName ? await this.o.agentName(event.actor.replace(/^agent:/, '')) : null;
      const text = teamsMirrorLine(event, ticket, requester, agent, this.o.lang ?? 'en');
      if (text) rows.push({ role: 'thread', message: { kind: 'text', text } });
    }
    // Events neither mirrored nor on the card (an internal note) only move the cursor.
    if (fresh.some((e) => CARD_EVENTS.has(e.kind))) rows.push({ role: 'card', message: standIn(ticket) });
    await this.queued(await this.o.threads.queueFollowUps('teams', ticket, thread.place, rows, lastEventId, now));
  }

  /** Wake the dispatcher for rows just queued (the same 'committed' event a turn's replies raise). */
  private async queued(rows: Queued | null): Promise<void> {
    return announceQueued(this.o.store, this.o.events, rows);
  }
}

/** The outbox row's text: what the post says should the card not be buildable at sending time (no agent handler). */
function standIn(ticket: Ticket): OutboundMessage {
  return { kind: 'text', text: `${ticket.number} · ${ticket.priority} · ${ticket.summary}`.slice(0, 500) };
}
