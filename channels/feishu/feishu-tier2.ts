import { ChannelError } from '../../src/errors';
import type { Logger } from '../../src/log';
import type { Choice, ConversationRef, OutboundMessage } from '../../src/types/conversation';
import { classifyAgentMessage, TIER2_ACTIONS } from '../slack/slack-tier2';
import type { FeishuApi } from './feishu-api';
import { cardContent, renderCards, type ButtonsFor } from './feishu-cards';
import { toChannelError } from './feishu-errors';
import { messageText, type CardClick } from './feishu-inbound';

/** A Feishu user acting on a ticket in the agents' chat. */
export type FeishuAgent = { openId: string };
type Outcome = { ok: boolean; message?: string };

/** What the agents module provides: ownership of tickets and relaying to the user. */
export interface FeishuTier2Handler {
  takeOver(ticketNumber: string, agent: FeishuAgent): Promise<Outcome>;
  resolve(ticketNumber: string, agent: FeishuAgent, resolution: string): Promise<Outcome>;
  /** The open_id of the agent owning the ticket, or null. */
  ownerOf(ticketNumber: string): Promise<string | null>;
  agentMessage(ticketNumber: string, agent: FeishuAgent, text: string, kind: 'reply' | 'note'): Promise<Outcome>;
}

/** Where escalation cards are (the agents module keeps them in feishu_threads, through AgentThreadStore). */
export interface Tier2Directory {
  messageOf(ticketNumber: string): Promise<string | null>;
  posted(ticketNumber: string, messageId: string): Promise<void>;
  ticketForMessage(messageId: string): Promise<string | null>;
}

/** The value of a tier-2 button: take over or resolve, and the ticket. */
export type Tier2Value = { fd: 't2'; a: 'take' | 'resolve'; t: string };

/**
 * The escalation card's buttons: Take over, and Resolve inside a form whose input asks what fixed it
 * (the user reads it with "Is it fixed?"), as Slack's Resolve modal does.
 */
export function tier2Buttons(ticketNumber: string): ButtonsFor {
  return (choices: Choice[]) => {
    const take = choices.find((c) => c.value === TIER2_ACTIONS.takeOver);
    const resolve = choices.find((c) => c.value === TIER2_ACTIONS.resolve);
    const elements: Array<Record<string, unknown>> = [];
    if (take) {
      elements.push({ tag: 'action', actions: [{ tag: 'button', text: { tag: 'plain_text', content: '接手 Take over' }, type: 'primary', value: { fd: 't2', a: 'take', t: ticketNumber } satisfies Tier2Value }] });
    }
    if (resolve) {
      elements.push({
        tag: 'form', name: 'fd_resolve_form', elements: [
          { tag: 'input', name: 'resolution', max_length: 1000, placeholder: { tag: 'plain_text', content: '解决方法 What fixed it?' } },
          { tag: 'button', name: 'fd_resolve', action_type: 'form_submit', text: { tag: 'plain_text', content: '解决 Resolve' }, type: 'default', value: { fd: 't2', a: 'resolve', t: ticketNumber } satisfies Tier2Value },
        ],
      });
    }
    return elements;
  };
}

/** Tier-2 work in the agents' group chat: posting the outbox's tier-2 rows and routing agents' clicks and replies. */
export class FeishuTier2 {
  handler: FeishuTier2Handler | null = null;
  directory: Tier2Directory | null = null;

  constructor(private readonly api: FeishuApi, readonly chatId: string, private readonly log: () => Logger, private readonly botOpenId: () => string | undefined = () => undefined) {}

  /** Post one tier-2 row: the escalation card (a new message), a line in its thread, or the card updated in place. */
  async send(ref: ConversationRef, message: OutboundMessage, deliveryId: number): Promise<void> {
    const role = ref.extra?.tier2;
    const ticket = ref.extra?.ticket ?? '';
    if (role === 'escalation') {
      const card = renderCards(message, tier2Buttons(ticket))[0];
      let messageId: string;
      try {
        messageId = await this.api.create(this.chatId, cardContent(card), `fd-${deliveryId}`);
      } catch (error) {
        throw toChannelError(error, 'im.message.create');
      }
      await this.directory?.posted(ticket, messageId);
      return;
    }
    // Rows of the agents' chat go out in order, so the card was posted before any line of its thread.
    const cardId = await this.directory?.messageOf(ticket);
    if (!cardId) throw new ChannelError(`the escalation card of ${ticket} was never posted: its thread cannot be written to`, true);
    try {
      if (role === 'card') return await this.api.patch(cardId, cardContent(renderCards(message, tier2Buttons(ticket))[0]).content);
      const line = message.kind === 'text' ? { ...message, text: message.text.replace(/^:[a-z_]+:\s*/, '') } : message;
      for (const [i, card] of renderCards(line, () => []).entries()) await this.api.reply(cardId, cardContent(card), `fd-${deliveryId}-${i}`, true);
    } catch (error) {
      throw toChannelError(error, role === 'card' ? 'im.message.patch' : 'im.message.reply');
    }
  }

  /** Take over / Resolve clicked: the answer is a toast for the clicker; the card itself changes through the outbox. */
  async handleClick(click: CardClick): Promise<{ toast: { type: 'success' | 'info' | 'warning' | 'error'; content: string } }> {
    const value = click.value as Partial<Tier2Value>;
    const ticket = typeof value.t === 'string' ? value.t : '';
    if (!this.handler || !ticket || (value.a !== 'take' && value.a !== 'resolve')) {
      this.log().warn('feishu tier-2 click without a handler or a ticket');
      return { toast: { type: 'warning', content: '暂时无法处理 / Not available right now' } };
    }
    const agent = { openId: click.operator };
    let outcome: Outcome;
    if (value.a === 'take') outcome = await this.handler.takeOver(ticket, agent);
    else {
      const resolution = typeof click.formValue.resolution === 'string' ? click.formValue.resolution.trim() : '';
      if (!resolution) return { toast: { type: 'warning', content: '请先写下解决方法 / Write what fixed it first' } };
      outcome = await this.handler.resolve(ticket, agent, resolution);
    }
    return outcome.ok
      ? { toast: { type: 'success', content: `${ticket} ✓` } }
      : { toast: { type: 'error', content: (outcome.message ?? `Could not do that for ${ticket}.`).slice(0, 200) } };
  }

  /** A message in the agents' chat: in an escalation card's thread it is a reply to the user or an internal note. */
  async handleMessage(event: Record<string, unknown>): Promise<void> {
    const sender = event.sender as { sender_type?: unknown; sender_id?: { open_id?: unknown } } | undefined;
    const message = event.message as Record<string, unknown> | undefined;
    const openId = typeof sender?.sender_id?.open_id === 'string' ? sender.sender_id.open_id : '';
    const root = typeof message?.root_id === 'string' ? message.root_id : '';
    if (sender?.sender_type !== 'user' || !openId || !message || !root || !this.handler || !this.directory) return;
    const ticket = await this.directory.ticketForMessage(root);
    const text = ticket ? messageText(message, this.botOpenId()) : null;
    if (!ticket || !text) return;
    const owner = await this.handler.ownerOf(ticket);
    const decided = classifyAgentMessage({ sender: openId, owner, text, relayPrefix: '>>' });
    if (!decided.text) return;
    const outcome = await this.handler.agentMessage(ticket, { openId }, decided.text, decided.kind);
    if (!outcome.ok) this.log().info({ ticket }, 'feishu agent message refused');
  }
}
