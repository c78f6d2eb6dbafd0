import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../src/log';
import type { SlackBlock } from './slack-blocks';
import { toChannelError } from './slack-errors';
import { escapeMrkdwn, splitForSlack, toMrkdwn } from './slack-format';
import { toPlainText, type SlackBlockActions, type SlackMessageEvent } from './slack-inbound';

/** What tier-2 agents see about an escalated ticket. */
export type EscalationSummary = {
  ticketNumber: string;
  summary: string;
  priority: string;
  category: string;
  requester: { name?: string; email?: string; department?: string; channel: string };
  /** The context summary: what the user reported and the steps already tried (Markdown). */
  context: string;
  /** Link to the conversation in the web console, when there is one. */
  consoleUrl?: string;
};

/** A Slack user acting on a ticket. */
export type SlackAgent = { slackUserId: string; name?: string };

/**
 * What the handoff module provides (not written yet): ownership of tickets and relaying to the user.
 * The channel only recognises the gestures and routes them here.
 */
export interface Tier2Handler {
  takeOver(ticketNumber: string, agent: SlackAgent): Promise<{ ok: boolean; message?: string }>;
  resolve(ticketNumber: string, agent: SlackAgent): Promise<{ ok: boolean; message?: string }>;
  /** The Slack user id of the agent who owns the ticket, or null. */
  ownerOf(ticketNumber: string): Promise<string | null>;
  /** `reply` is relayed to the user; `note` stays internal on the ticket. */
  agentMessage(ticketNumber: string, agent: SlackAgent, text: string, kind: 'reply' | 'note'): Promise<void>;
  /** The ticket an escalation thread belongs to, after a restart emptied the channel's memory. */
  ticketForThread?(channel: string, threadTs: string): Promise<string | null>;
}

/** Action ids of the tier-2 buttons. */
export const TIER2_ACTIONS = { takeOver: 'fd_t2_take', resolve: 'fd_t2_resolve' } as const;

/**
 * Decide what an agent's thread message is: the owner's replies go to the user; anyone else's are
 * internal notes unless they start with the relay prefix (then they go to the user, prefix removed).
 */
export function classifyAgentMessage(input: { sender: string; owner: string | null; text: string; relayPrefix: string }): { kind: 'reply' | 'note'; text: string } {
  const trimmed = input.text.trim();
  if (input.relayPrefix && trimmed.startsWith(input.relayPrefix)) return { kind: 'reply', text: trimmed.slice(input.relayPrefix.length).trim() };
  if (input.owner !== null && input.sender === input.owner) return { kind: 'reply', text: trimmed };
  return { kind: 'note', text: trimmed };
}

/** The escalation post: context summary, requester, and the Take over / Resolve buttons. */
export function escalationBlocks(s: EscalationSummary): { text: string; blocks: SlackBlock[] } {
  const head = `${s.ticketNumber} · ${s.priority} · ${s.category}`;
  const who = [s.requester.name, s.requester.email, s.requester.department].filter(Boolean).map((v) => escapeMrkdwn(String(v))).join(' · ');
  const context = splitForSlack(toMrkdwn(s.context), 2900)[0];
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: head.slice(0, 150) } },
    { type: 'section', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(s.summary).slice(0, 2900)}*` } },
    { type: 'section', fields: [
      { type: 'mrkdwn', text: `*Requester*\n${who || 'unknown'}` },
      { type: 'mrkdwn', text: `*Channel*\n${escapeMrkdwn(s.requester.channel)}` },
    ] },
    { type: 'section', text: { type: 'mrkdwn', text: context || ' ' } },
    ...(s.consoleUrl ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: `<${s.consoleUrl}|Open in the console>` }] }] : []),
    { type: 'actions', block_id: 'fd_tier2', elements: [
      { type: 'button', action_id: TIER2_ACTIONS.takeOver, text: { type: 'plain_text', text: 'Take over' }, style: 'primary', value: s.ticketNumber },
      { type: 'button', action_id: TIER2_ACTIONS.resolve, text: { type: 'plain_text', text: 'Resolve' }, value: s.ticketNumber },
    ] },
  ];
  return { text: `Escalated ${head}: ${s.summary}`.slice(0, 3000), blocks };
}

/** Tier-2 work inside Slack: posting escalations and routing agents' clicks and thread messages. */
export class SlackTier2 {
  private readonly threads = new Map<string, string>();
  handler: Tier2Handler | null = null;

  constructor(
    private readonly client: WebClient,
    readonly channelId: string,
    private readonly relayPrefix: string,
    private readonly log: Logger,
  ) {}

  /** Post an escalated ticket to the tier-2 channel; returns the thread's ts (store it for restarts). */
  async postEscalation(summary: EscalationSummary): Promise<{ channel: string; ts: string }> {
    const { text, blocks } = escalationBlocks(summary);
    try {
      const result = await this.client.chat.postMessage({ channel: this.channelId, text, blocks: blocks as never, unfurl_links: false });
      const ts = String(result.ts);
      this.threads.set(ts, summary.ticketNumber);
      return { channel: this.channelId, ts };
    } catch (error) {
      throw toChannelError(error, 'chat.postMessage');
    }
  }

  /** Take over / Resolve clicked. Returns false when the click is not a tier-2 button. */
  async handleAction(body: SlackBlockActions): Promise<boolean> {
    const action = body.actions?.[0];
    const ticket = action?.value;
    const agent = { slackUserId: body.user?.id ?? '' };
    if (!ticket || !agent.slackUserId) return false;
    const threadTs = body.container?.message_ts ?? body.message?.ts;
    if (threadTs) this.threads.set(threadTs, ticket);
    const handler = this.requireHandler();
    if (!handler) return true;
    const result = action.action_id === TIER2_ACTIONS.takeOver ? await handler.takeOver(ticket, agent) : await handler.resolve(ticket, agent);
    const verb = action.action_id === TIER2_ACTIONS.takeOver ? 'took over' : 'resolved';
    const text = result.ok ? `<@${agent.slackUserId}> ${verb} ${ticket}.` : result.message ?? `Could not do that for ${ticket}.`;
    if (threadTs) await this.say(threadTs, text);
    return true;
  }

  /** A message in the tier-2 channel: in an escalation thread it is a reply or an internal note. */
  async handleMessage(event: SlackMessageEvent): Promise<void> {
    if (!event.thread_ts || !event.user || event.bot_id || (event.subtype && event.subtype !== 'thread_broadcast')) return;
    const handler = this.requireHandler();
    if (!handler) return;
    const ticket = this.threads.get(event.thread_ts) ?? (await handler.ticketForThread?.(this.channelId, event.thread_ts)) ?? null;
    if (!ticket) return;
    const owner = await handler.ownerOf(ticket);
    const { kind, text } = classifyAgentMessage({ sender: event.user, owner, text: toPlainText(event.text ?? ''), relayPrefix: this.relayPrefix });
    if (text) await handler.agentMessage(ticket, { slackUserId: event.user }, text, kind);
  }

  private requireHandler(): Tier2Handler | null {
    // Until the handoff module registers itself, tier-2 gestures are acknowledged and logged only.
    if (!this.handler) this.log.warn('tier-2 action received but no handoff handler is registered');
    return this.handler;
  }

  private async say(threadTs: string, text: string): Promise<void> {
    try {
      await this.client.chat.postMessage({ channel: this.channelId, thread_ts: threadTs, text });
    } catch (error) {
      this.log.warn({ reason: (error as Error).message }, 'tier-2 thread notice failed');
    }
  }
}
