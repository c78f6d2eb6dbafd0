import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../src/log';
import type { Choice, OutboundFile } from '../../src/types/conversation';
import type { SlackBlock } from './slack-blocks';
import { resolveModal } from './slack-resolve-modal';
import { assignModal } from './slack-assign-modal';
import { ticketActionModal, type TicketAction, type TicketActionModal } from './slack-ticket-action-modals';
import { toPlainText, type SlackBlockActions, type SlackMessageEvent } from './slack-inbound';
import type { SlackFile } from './slack-files';

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
  /** `resolution` is what the agent wrote in the Resolve modal: the user reads it. */
  resolve(ticketNumber: string, agent: SlackAgent, resolution: string): Promise<{ ok: boolean; message?: string }>;
  /** The Slack user id of the agent who owns the ticket, or null. */
  ownerOf(ticketNumber: string): Promise<string | null>;
  /** `reply` is relayed to the user; `note` stays internal on the ticket. */
  agentMessage(ticketNumber: string, agent: SlackAgent, text: string, kind: 'reply' | 'note', files?: OutboundFile[]): Promise<void | { ok: boolean; message?: string }>;
  /** Hand the ticket to the agent the Slack user `assignee` is (from the card's overflow menu). */
  assign?(ticketNumber: string, agent: SlackAgent, assignee: SlackAgent): Promise<{ ok: boolean; message?: string }>;
  /** Transfer to a group, set the priority, add an internal note (the overflow menu's modals) or reopen. */
  ticketAction?(action: TicketAction | { kind: 'reopen'; ticket: string; agent: string }): Promise<{ ok: boolean; message?: string }>;
  /** The groups a ticket may be transferred to (the console's list). */
  transferGroups?(): Promise<string[]>;
  /** The ticket an escalation thread belongs to, after a restart emptied the channel's memory. */
  ticketForThread?(channel: string, threadTs: string): Promise<string | null>;
}

/** Action ids of the tier-2 buttons. */
export const TIER2_ACTIONS = { takeOver: 'fd_t2_take', resolve: 'fd_t2_resolve', more: 'fd_t2_more' } as const;

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

/**
 * The Take over / Resolve buttons of an escalation card: the card's choices name the action ids
 * (TIER2_ACTIONS) and every button carries the ticket number.
 */
export function tier2Buttons(ticketNumber: string): (choices: Choice[]) => SlackBlock {
  return (choices) => ({
    type: 'actions', block_id: 'fd_tier2',
    elements: [
      ...choices.map((c, i) => ({
        type: 'button', action_id: c.value, text: { type: 'plain_text', text: c.label.slice(0, 75) }, value: ticketNumber, ...(i === 0 ? { style: 'primary' } : {}),
      })),
      // The overflow menu holds what is done less often than Take over and Resolve.
      { type: 'overflow', action_id: TIER2_ACTIONS.more, options: OVERFLOW.map(([verb, label]) => ({ text: { type: 'plain_text', text: label }, value: `${verb}:${ticketNumber}` })) },
    ],
  });
}

/** The overflow menu's entries: verb (before the ticket number in the option's value) and label. */
const OVERFLOW = [['assign', 'Assign to…'], ['transfer', 'Transfer to group…'], ['priority', 'Change priority…'], ['note', 'Internal note…'], ['reopen', 'Reopen']] as const;
const MODAL_VERBS = new Set<string>(['transfer', 'priority', 'note']);

/** Where escalation threads are: the Slack agents module keeps them in the database (slack_threads). */
export interface Tier2ThreadDirectory {
  /** The ts of the ticket's escalation post, once it is made. */
  threadOf(ticketNumber: string): Promise<string | null>;
  /** Record the escalation post Slack just accepted. */
  posted(ticketNumber: string, ts: string): Promise<void>;
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
    /** A workspace member's name (users.info, cached), so `<@U0DAVE>` in a relayed reply reaches the user as a name. */
    private readonly nameOf: (userId: string) => Promise<string | undefined> = async () => undefined,
    /** An agent's shared files, fetched and stored: one line each for the ticket and the user, and the stored ones to send along. */
    private readonly fetchFiles: (files: SlackFile[]) => Promise<{ lines: string[]; stored: OutboundFile[] }> = async () => ({ lines: [], stored: [] }),
  ) {}

  /** Remember an escalation post made by the outbox, so clicks and replies on it find the ticket at once. */
  remember(threadTs: string, ticketNumber: string): void {
    this.threads.set(threadTs, ticketNumber);
  }

  /** Take over / Resolve clicked. Returns false when the click is not a tier-2 button. */
  async handleAction(body: SlackBlockActions): Promise<boolean> {
    const action = body.actions?.[0];
    // An overflow option names its action and ticket in its value ("assign:INC-000123").
    const [more, moreTicket] = action?.action_id === TIER2_ACTIONS.more ? (action.selected_option?.value ?? '').split(':') : [];
    const ticket = moreTicket ?? action?.value;
    const agent = { slackUserId: body.user?.id ?? '' };
    if (!action || !ticket || !agent.slackUserId) return false;
    const threadTs = body.container?.message_ts ?? body.message?.ts;
    if (threadTs) this.threads.set(threadTs, ticket);
    const handler = this.requireHandler();
    if (!handler) return true;
    if (more && MODAL_VERBS.has(more)) {
      if (!body.trigger_id) return this.tellOnly(agent.slackUserId, threadTs, `Choose that again for ${ticket}.`).then(() => true);
      const groups = more === 'transfer' ? (await handler.transferGroups?.()) ?? [] : [];
      await this.openModal(body.trigger_id, ticketActionModal(more as TicketActionModal, ticket, threadTs, groups), agent.slackUserId, threadTs, ticket);
      return true;
    }
    if (more === 'reopen') {
      await this.ticketActionSubmitted({ kind: 'reopen', ticket, agent: agent.slackUserId, ...(threadTs ? { threadTs } : {}) });
      return true;
    }
    if (action.action_id === TIER2_ACTIONS.more && more !== 'assign') return true;
    if (more === 'assign') {
      if (!body.trigger_id) return this.tellOnly(agent.slackUserId, threadTs, `Choose Assign again for ${ticket}.`).then(() => true);
      await this.openModal(body.trigger_id, assignModal(ticket, threadTs), agent.slackUserId, threadTs, ticket);
      return true;
    }
    if (action.action_id === TIER2_ACTIONS.resolve) {
      // Resolve asks what fixed it first: the modal must open within the trigger's 3 seconds.
      await this.openResolveModal(body.trigger_id, ticket, threadTs, agent.slackUserId);
      return true;
    }
    const result = await handler.takeOver(ticket, agent);
    // Success reaches the thread as the ticket's own event (through the outbox); a refusal is for the clicker only.
    if (!result.ok) await this.tellOnly(agent.slackUserId, threadTs, result.message ?? `Could not do that for ${ticket}.`);
    return true;
  }

  /** The Resolve modal was submitted with a resolution (checked by the listener, which answered Slack). */
  async resolveSubmitted(submission: { ticket: string; threadTs?: string; agent: string; resolution: string }): Promise<void> {
    const handler = this.requireHandler();
    if (!handler) return;
    const result = await handler.resolve(submission.ticket, { slackUserId: submission.agent }, submission.resolution);
    if (!result.ok) await this.tellOnly(submission.agent, submission.threadTs, result.message ?? `Could not resolve ${submission.ticket}.`);
  }

  /** The Assign modal was submitted with a member of the workspace. */
  async assignSubmitted(submission: { ticket: string; threadTs?: string; agent: string; assignee: string }): Promise<void> {
    const handler = this.requireHandler();
    if (!handler?.assign) return;
    const result = await handler.assign(submission.ticket, { slackUserId: submission.agent }, { slackUserId: submission.assignee });
    if (!result.ok) await this.tellOnly(submission.agent, submission.threadTs, result.message ?? `Could not assign ${submission.ticket}.`);
  }

  /** A transfer, priority or note modal was submitted, or Reopen chosen: done as the agent, refusals for their eyes only. */
  async ticketActionSubmitted(action: (TicketAction | { kind: 'reopen'; ticket: string; agent: string }) & { threadTs?: string }): Promise<void> {
    const handler = this.requireHandler();
    if (!handler?.ticketAction) return;
    const result = await handler.ticketAction(action);
    const done = { transfer: `${action.ticket} is now in the queue of the group you chose.`, priority: `${action.ticket} is now ${'value' in action ? action.value : ''}.`, note: `Your note is on ${action.ticket} (the user does not see it).`, reopen: `${action.ticket} is reopened and yours.` }[action.kind];
    await this.tellOnly(action.agent, action.threadTs, result.ok ? done : result.message ?? `Could not do that for ${action.ticket}.`);
  }

  private async openModal(triggerId: string, view: Record<string, unknown>, user: string, threadTs: string | undefined, ticket: string): Promise<void> {
    try {
      await this.client.views.open({ trigger_id: triggerId, view: view as never });
    } catch (error) {
      this.log.warn({ reason: (error as Error).message }, 'tier-2 modal did not open');
      await this.tellOnly(user, threadTs, `The form did not open (Slack was slow): try again for ${ticket}.`);
    }
  }

  private async openResolveModal(triggerId: string | undefined, ticket: string, threadTs: string | undefined, user: string): Promise<void> {
    if (!triggerId) return this.tellOnly(user, threadTs, `Press Resolve again to say what fixed ${ticket}.`);
    try {
      await this.client.views.open({ trigger_id: triggerId, view: resolveModal(ticket, threadTs) as never });
    } catch (error) {
      this.log.warn({ reason: (error as Error).message }, 'resolve modal did not open');
      await this.tellOnly(user, threadTs, `The Resolve form did not open (Slack was slow): press Resolve again for ${ticket}.`);
    }
  }

  /** A message in the tier-2 channel: in an escalation thread it is a reply or an internal note. */
  async handleMessage(event: SlackMessageEvent): Promise<void> {
    if (!event.thread_ts || !event.user || event.bot_id || (event.subtype && event.subtype !== 'thread_broadcast' && event.subtype !== 'file_share')) return;
    const handler = this.requireHandler();
    if (!handler) return;
    const ticket = this.threads.get(event.thread_ts) ?? (await handler.ticketForThread?.(this.channelId, event.thread_ts)) ?? null;
    if (!ticket) return;
    const owner = await handler.ownerOf(ticket);
    // A file shared with the message is fetched and named in it, so its words are not dropped with it.
    const files = event.files?.length ? await this.fetchFiles(event.files) : { lines: [], stored: [] };
    const said = [toPlainText(await this.namedMentions(event.text ?? '')), ...files.lines].filter(Boolean).join('\n');
    const { kind, text } = classifyAgentMessage({ sender: event.user, owner, text: said, relayPrefix: this.relayPrefix });
    if (!text) return;
    const outcome = await handler.agentMessage(ticket, { slackUserId: event.user }, text, kind, files.stored);
    if (outcome && !outcome.ok && outcome.message) await this.tellOnly(event.user, event.thread_ts, outcome.message);
  }

  /** `<@U0DAVE>` becomes `<@U0DAVE|Dave Smith>` (toPlainText then shows the name); unknown people keep their id. */
  private async namedMentions(text: string): Promise<string> {
    const ids = [...new Set([...text.matchAll(/<@([A-Z0-9]+)>/g)].map((m) => m[1]))].slice(0, 20);
    const names = new Map<string, string>();
    for (const id of ids) {
      const name = await this.nameOf(id).catch(() => undefined);
      if (name) names.set(id, name.replace(/[<>|]/g, ''));
    }
    return text.replace(/<@([A-Z0-9]+)>/g, (whole, id: string) => (names.has(id) ? `<@${id}|${names.get(id)}>` : whole));
  }

  private requireHandler(): Tier2Handler | null {
    // Until the handoff module registers itself, tier-2 gestures are acknowledged and logged only.
    if (!this.handler) this.log.warn('tier-2 action received but no handoff handler is registered');
    return this.handler;
  }

  /** An ephemeral message in the thread: only `user` sees it (errors meant for one agent). */
  private async tellOnly(user: string, threadTs: string | undefined, text: string): Promise<void> {
    try {
      await this.client.chat.postEphemeral({ channel: this.channelId, user, text, ...(threadTs ? { thread_ts: threadTs } : {}) });
    } catch (error) {
      this.log.warn({ reason: (error as Error).message }, 'tier-2 ephemeral notice failed');
    }
  }
}
