import type { Config } from '../../src/config';
import { OPENERS } from './slack-ticket-modal';

/** Bot scopes the channel uses, each for a reason. */
export const SLACK_BOT_SCOPES = [
  'app_mentions:read', // @mentions in channels
  'chat:write', // replies, escalation posts, marking answered buttons
  'im:history', // direct messages (replies use the DM's channel id from the event: no im:read / im:write)
  'channels:history', // thread replies in public channels (and the tier-2 channel)
  'groups:history', // the same in private channels
  'users:read', // users.info: name and title (department)
  'users:read.email', // users.info: email
  'commands', // the /helpdesk command and the "Report to IT" shortcuts
  'files:read', // url_private_download of files people and agents share with the bot (kept on the ticket)
  'files:write', // files.uploadV2: an agent's file from the tier-2 thread reaches the user
  'reactions:read', // reaction_added: the requester's ✅ on "Is it fixed?" confirms it
] as const;

/** Events the channel subscribes to. */
export const SLACK_BOT_EVENTS = ['app_mention', 'message.im', 'message.channels', 'message.groups', 'app_home_opened', 'reaction_added'] as const;

/** A Slack app manifest for this deployment: scopes, events and the interactivity URL at PUBLIC_URL (none in Socket Mode). */
export function slackManifest(config: Pick<Config, 'PUBLIC_URL' | 'SLACK_APP_TOKEN'>, name = 'Frontdesk', socketMode?: boolean): Record<string, unknown> {
  const url = `${config.PUBLIC_URL.replace(/\/+$/, '')}/slack/events`;
  // `--socket` asks for Socket Mode before the app (and so its tokens) exists; a configured app token implies it.
  const socket = socketMode ?? Boolean(config.SLACK_APP_TOKEN);
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: { name, description: 'IT service desk: report a problem, get a ticket, follow it up.', background_color: '#1f3a5f' },
    features: {
      // The Home tab lists the person's tickets (views.publish needs no scope of its own).
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: name, always_online: true },
      shortcuts: [
        { name: 'Report to IT', type: 'global', callback_id: OPENERS.shortcut, description: 'Open a new IT ticket' },
        { name: 'Report to IT', type: 'message', callback_id: OPENERS.messageShortcut, description: 'Open an IT ticket about this message' },
      ],
      // In Socket Mode commands arrive over the WebSocket: no URL.
      slash_commands: [{
        command: OPENERS.command, description: 'Open a new IT ticket', usage_hint: '[what is wrong]', should_escape: false,
        ...(socket ? {} : { url }),
      }],
    },
    oauth_config: { scopes: { bot: [...SLACK_BOT_SCOPES] } },
    settings: {
      // In Socket Mode Slack pushes over a WebSocket, so no request URLs are declared.
      event_subscriptions: socket ? { bot_events: [...SLACK_BOT_EVENTS] } : { request_url: url, bot_events: [...SLACK_BOT_EVENTS] },
      interactivity: socket ? { is_enabled: true } : { is_enabled: true, request_url: url },
      org_deploy_enabled: false,
      socket_mode_enabled: socket,
      token_rotation_enabled: false,
    },
  };
}
