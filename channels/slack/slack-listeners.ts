import type { App } from '@slack/bolt';
import { CHOICE_ACTION_PREFIX } from './slack-blocks';
import type { SlackBlockActions, SlackMessageEvent } from './slack-inbound';
import type { SlackChannel } from './slack.channel';
import { TIER2_ACTIONS } from './slack-tier2';
import { readResolveSubmission, RESOLVE_MODAL_ID, type SlackViewSubmission } from './slack-resolve-modal';

/**
 * Wire bolt's listeners to the channel. In HTTP mode our receiver hands message events to the channel
 * itself, and has already acknowledged and dropped every payload type without a listener here
 * (slack-envelope.ts), so only button clicks reach bolt. In Socket Mode everything reaches bolt: events are
 * acknowledged by bolt once the listener has stored the message; slash commands, shortcuts and views other
 * than the Resolve modal are acknowledged at once and dropped. Every listener costs each event a pass through its middleware: only the
 * ones a mode needs are added.
 */
export function registerSlackListeners(app: App, channel: SlackChannel, mode: 'http' | 'socket'): void {
  const log = () => channel.context().log;
  if (mode === 'socket') {
    app.event(/^(message|app_mention)$/, async ({ event, context }) => {
      await channel.onMessageEvent(event as SlackMessageEvent, context.retryNum);
    });
  }
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
  app.view(RESOLVE_MODAL_ID, async ({ body, ack }) => {
    const submission = readResolveSubmission(body as unknown as SlackViewSubmission);
    // An empty resolution keeps the modal open with the error under the field.
    if (!submission.ok) return ack({ response_action: 'errors', errors: submission.errors });
    await ack();
    const tier2 = channel.tier2;
    if (tier2) void tier2.resolveSubmitted(submission).catch((error) => log().error({ err: error }, 'tier-2 resolve failed'));
  });
  if (mode === 'socket') {
    const dropInteractive = (kind: string) => async ({ ack }: { ack: () => Promise<void> }) => {
      await ack();
      log().debug({ kind }, 'slack interactivity not supported: acknowledged and dropped');
    };
    app.command(/.*/, dropInteractive('command'));
    app.shortcut(/.*/, dropInteractive('shortcut'));
    app.view(new RegExp(`^(?!${RESOLVE_MODAL_ID}$)`), dropInteractive('view'));
  }
  app.error(async (error) => {
    log().error({ err: error, code: (error as { code?: string }).code }, 'slack listener failed');
    // Rethrow so the receiver answers 500 and Slack retries an event we could not store.
    throw error;
  });
}
