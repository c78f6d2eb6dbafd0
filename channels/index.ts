import type { ChannelFactory } from '../src/app';
import type { CliPlugins } from '../src/cli/main';
import { runChatCommand } from './terminal/chat.command';
import { createWebchatChannel } from './webchat/webchat.channel';

/** Every channel the configuration can switch on. */
export const channelFactories: ChannelFactory[] = [
  (config) => (config.channels.webchat ? createWebchatChannel() : null),
];

/** Commands contributed by channels and the other pluggable parts. */
export const commands: CliPlugins['commands'] = {
  chat: runChatCommand,
};
