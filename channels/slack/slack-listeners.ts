import type { App } from '@slack/bolt';
import { CHOICE_ACTION_PREFIX } from './slack-blocks';
import type { SlackBlockActions, SlackMessageEvent } from './slack-inbound';
import type { SlackChannel } from './slack.channel';
import { TIER2_ACTIONS } from './slack-tier2';

/**
 * Wire bolt's listeners to the channel. Events are acknowledged by bolt itself; with
 * `processBeforeResponse` the 200 leaves once the listener has stored the message (the turn runs later).
 * Interactivity we do not handle is acknowledged at once, so Slack never waits 3 s for a 404.
 */
export function registerSlackListeners(app: App, channel: SlackChannel): void {
  const log = () => channel.context().log;
  app.event('message', async ({ event, context }) => {
    await channel.onMessageEvent(event as SlackMessageEvent, context.retryNum);
  });
  app.event('app_mention', async ({ event, context }) => {
    await channel.onMessageEvent(event as SlackMessageEvent, context.retryNum);
  });
  app.action(/.*/, async ({ body, ack }) => {
    const payload = body as SlackBlockActions;
    const actionId = payload.actions?.[0]?.action_id ?? '';
    try {
      if (actionId.startsWith(CHOICE_ACTION_PREFIX)) {
        await channel.onChoiceClick(payload);
        await ack();
        return;
      }
      await ack();
      const tier2 = Object.values(TIER2_ACTIONS).includes(actionId as never) ? channel.tier2 : null;
      // After the ack: the response is held until this listener returns, and Slack allows 3 s.
      if (tier2) void tier2.handleAction(payload).catch((error) => log().error({ err: error, actionId }, 'tier-2 action failed'));
      else log().debug({ actionId }, 'slack action dropped');
    } catch (error) {
      log().error({ err: error, actionId }, 'slack action failed');
      throw error;
    }
  });
  const dropInteractive = (kind: string) => async ({ ack }: { ack: () => Promise<void> }) => {
    await ack();
    log().debug({ kind }, 'slack interactivity not supported: acknowledged and dropped');
  };
  app.command(/.*/, dropInteractive('command'));
  app.shortcut(/.*/, dropInteractive('shortcut'));
  app.view(/.*/, dropInteractive('view'));
  app.error(async (error) => {
    log().error({ err: error, code: (error as { code?: string }).code }, 'slack listener failed');
    // Rethrow so the receiver answers 500 and Slack retries an event we could not store.
    throw error;
  });
}
