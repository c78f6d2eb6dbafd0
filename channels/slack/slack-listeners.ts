import type { App } from '@slack/bolt';
import { CHOICE_ACTION_PREFIX } from './slack-blocks';
import type { SlackBlockActions, SlackMessageEvent } from './slack-inbound';
import type { SlackChannel } from './slack.channel';
import { TIER2_ACTIONS } from './slack-tier2';
import { readResolveSubmission, RESOLVE_MODAL_ID, type SlackViewSubmission } from './slack-resolve-modal';
import { HOME_NEW_TICKET_ACTION } from './slack-home';
import { ASSIGN_MODAL_ID, readAssignSubmission, type AssignSubmission } from './slack-assign-modal';
import { NEW_TICKET_MODAL_ID, OPENERS, type NewTicketSubmission } from './slack-ticket-modal';
import type { SlackHomeOpened, SlackShortcut, SlackSlashCommand } from './slack-surfaces';
import type { SlackReaction } from './slack-reactions';
import { readTicketActionSubmission, TICKET_ACTION_MODALS, type TicketActionSubmission } from './slack-ticket-action-modals';
import { HANDLED_VIEWS } from './slack-envelope';

/**
 * Payloads whose listener acknowledges with an empty answer before doing anything else: App Home opened,
 * /helpdesk, the "Report to IT" shortcuts and every block_actions click except our choice buttons (a choice is
 * stored before its ack). In HTTP mode the receiver answers these at once and hands them to bolt once the
 * burst's acknowledgements are out: the answer is the same, and bolt's dispatch no longer delays the acks of the
 * requests behind them. A listener added here must keep acknowledging first (its `ack()` is then a no-op).
 */
export function acknowledgedFirst(body: Record<string, unknown>): boolean {
  if (body.type === 'event_callback') return (body.event as { type?: unknown } | undefined)?.type === 'app_home_opened';
  if (body.type === 'shortcut' || body.type === 'message_action') return body.callback_id === OPENERS.shortcut || body.callback_id === OPENERS.messageShortcut;
  if (body.type === 'block_actions') {
    const actionId = (body.actions as Array<{ action_id?: unknown }> | undefined)?.[0]?.action_id;
    return typeof actionId === 'string' && !actionId.startsWith(CHOICE_ACTION_PREFIX);
  }
  return body.type === undefined && body.command === OPENERS.command;
}

/** What a payload answered before its ack says: nothing (an empty 200), or a modal's field errors. */
export type AckAnswer = undefined | { response_action: 'errors'; errors: Record<string, string> };

/**
 * The payloads whose answer depends on work done before it: a choice click is stored first, our modals'
 * submissions are read (and the new-ticket form stored) first, and may be refused with field errors. Null
 * for every other payload. The HTTP receiver calls this itself, without bolt's dispatch (which cost each of
 * these more than the work); Socket Mode's listeners call it too, so both modes answer the same.
 */
export function answerBeforeAck(channel: SlackChannel, body: Record<string, unknown>): Promise<AckAnswer> | null {
  if (body.type === 'block_actions') {
    const actionId = (body.actions as Array<{ action_id?: unknown }> | undefined)?.[0]?.action_id;
    if (typeof actionId !== 'string' || !actionId.startsWith(CHOICE_ACTION_PREFIX)) return null;
    return channel.onChoiceClick(body as unknown as SlackBlockActions).then(() => undefined);
  }
  if (body.type !== 'view_submission') return null;
  const callbackId = (body.view as { callback_id?: unknown } | undefined)?.callback_id;
  if (callbackId === NEW_TICKET_MODAL_ID) {
    return channel.surfaces.onSubmission(body as unknown as NewTicketSubmission).then((refused) => (refused ? fieldErrors(refused.errors) : undefined));
  }
  const tier2 = channel.tier2;
  const afterAck = (what: string, job: (helper: NonNullable<typeof tier2>) => Promise<unknown>) => {
    if (tier2) channel.afterAcks(what, () => job(tier2));
    return Promise.resolve(undefined);
  };
  if (callbackId === ASSIGN_MODAL_ID) {
    const submission = readAssignSubmission(body as unknown as AssignSubmission);
    return submission.ok ? afterAck('tier-2 assign', (t) => t.assignSubmitted(submission)) : Promise.resolve(fieldErrors(submission.errors));
  }
  if (callbackId === RESOLVE_MODAL_ID) {
    // An empty resolution keeps the modal open with the error under the field.
    const submission = readResolveSubmission(body as unknown as SlackViewSubmission);
    return submission.ok ? afterAck('tier-2 resolve', (t) => t.resolveSubmitted(submission)) : Promise.resolve(fieldErrors(submission.errors));
  }
  if ((Object.values(TICKET_ACTION_MODALS) as unknown[]).includes(callbackId)) {
    const submission = readTicketActionSubmission(body as unknown as TicketActionSubmission);
    return submission.ok ? afterAck('tier-2 ticket action', (t) => t.ticketActionSubmitted(submission.action)) : Promise.resolve(fieldErrors(submission.errors));
  }
  return null;
}

function fieldErrors(errors: Record<string, string>): AckAnswer {
  return { response_action: 'errors', errors };
}

/**
 * Wire bolt's listeners to the channel. In HTTP mode our receiver hands message and reaction events to the channel
 * itself, and has already acknowledged and dropped every payload type without a listener here
 * (slack-envelope.ts), so only button clicks reach bolt. In Socket Mode everything reaches bolt: bolt acknowledges
 * events before their listener runs, and the receiver holds that ack until the listener has stored the message; slash commands, shortcuts and views other
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
      const answered = answerBeforeAck(channel, payload as unknown as Record<string, unknown>);
      if (answered) return void (await ack(await answered as never));
      await ack();
      if (actionId === HOME_NEW_TICKET_ACTION) {
        channel.afterAcks('home button', () => channel.surfaces.onHomeButton(payload.trigger_id, payload.user?.id));
        return;
      }
      const tier2 = Object.values(TIER2_ACTIONS).includes(actionId as never) ? channel.tier2 : null;
      // After the ack: the response is held until this listener returns, and Slack allows 3 s.
      if (tier2) channel.afterAcks(`tier-2 action ${actionId}`, () => tier2.handleAction(payload));
      else log().debug({ actionId }, 'slack action dropped');
    } catch (error) {
      log().error({ err: error, actionId }, 'slack action failed');
      throw error;
    }
  });
  if (mode === 'socket') {
    // HTTP mode: the receiver answers our modals' submissions itself (answerBeforeAck), like choice clicks.
    app.view(new RegExp(`^(${[...HANDLED_VIEWS].join('|')})$`), async ({ body, ack }) => {
      await ack(await answerBeforeAck(channel, body as unknown as Record<string, unknown>) as never);
    });
  }
  registerSurfaceListeners(app, channel, mode);
  if (mode === 'socket') {
    const dropInteractive = (kind: string) => async ({ ack }: { ack: () => Promise<void> }) => {
      await ack();
      log().debug({ kind }, 'slack interactivity not supported: acknowledged and dropped');
    };
    app.command(new RegExp(`^(?!${OPENERS.command}$)`), dropInteractive('command'));
    app.shortcut(new RegExp(`^(?!(${OPENERS.shortcut}|${OPENERS.messageShortcut})$)`), dropInteractive('shortcut'));
    app.view(new RegExp(`^(?!(${[...HANDLED_VIEWS].join('|')})$)`), dropInteractive('view'));
  }
  app.error(async (error) => {
    // Socket Mode: the receiver logs the failure in one line, saying whether the envelope was acknowledged.
    if (mode === 'http') log().error({ err: error, code: (error as { code?: string }).code }, 'slack listener failed');
    // Rethrow so the receiver answers 500 (HTTP) or leaves the envelope unacknowledged (Socket Mode), and Slack retries an event we could not store.
    throw error;
  });
}

/**
 * The new-ticket modal's openers and submission, and the App Home. Openers acknowledge first and open the
 * modal once the burst's acks are out (the gate holds it at most 500 ms; Slack's trigger lasts 3 s); a
 * submission is stored before it is acknowledged.
 */
function registerSurfaceListeners(app: App, channel: SlackChannel, mode: 'http' | 'socket'): void {
  app.command(OPENERS.command, async ({ body, ack }) => {
    await ack();
    channel.afterAcks('/helpdesk', () => channel.surfaces.onCommand(body as SlackSlashCommand));
  });
  app.shortcut(new RegExp(`^(${OPENERS.shortcut}|${OPENERS.messageShortcut})$`), async ({ body, ack }) => {
    await ack();
    channel.afterAcks('shortcut', () => channel.surfaces.onShortcut(body as unknown as SlackShortcut));
  });
  // HTTP mode: the receiver hands reactions to the channel itself, like messages.
  if (mode === 'socket') {
    app.event('reaction_added', async ({ event }) => {
      // A ✅ answering "Is it fixed?": stored before the envelope is acknowledged (the receiver holds bolt's ack until this returns).
      await channel.onReaction(event as SlackReaction);
    });
  }
  app.event('app_home_opened', async ({ event }) => {
    // bolt acknowledged already; the publish must not hold the response.
    channel.afterAcks('home tab', () => channel.surfaces.onHomeOpened(event as SlackHomeOpened));
  });
}
