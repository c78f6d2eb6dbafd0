import type { ChannelAdapter, ChannelCapabilities } from '../../src/types/channel';
import type { ConversationRef, OutboundMessage } from '../../src/types/conversation';

/** Settings of the terminal channel: where replies go. */
export type TerminalChannelConfig = { onReply: (ref: ConversationRef, message: OutboundMessage) => void };

/** The terminal: one local user, replies printed as plain text with numbered choices. */
export class TerminalChannel implements ChannelAdapter {
  readonly name = 'terminal' as const;
  readonly capabilities: ChannelCapabilities = { buttons: false, cards: false, threads: false, forms: false, maxTextLength: 100_000, markdown: 'plain' };

  constructor(private readonly config: TerminalChannelConfig) {}

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  async send(ref: ConversationRef, message: OutboundMessage): Promise<void> {
    this.config.onReply(ref, message);
  }
}

/** Create the terminal channel. */
export function createTerminalChannel(config: TerminalChannelConfig): TerminalChannel {
  return new TerminalChannel(config);
}
